package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gbo.local.sfn.JsonPath.*;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The recursive-descent parser of the JSONPath subset ({@link JsonPath}): reads {@code $}/{@code $$},
 * dotted and bracketed names, indices, wildcards, deep scan, unions, slices, {@code length()} and
 * filter expressions ({@code ||}, {@code &&}, {@code !}, comparisons of {@code @}/{@code $} paths and
 * literals) into the path's segment list, failing with an IllegalArgumentException that names the
 * position and the reason. One instance parses one text.
 */
final class JsonPathParser {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String s;
    private int i;

    JsonPathParser(String s) {
        this.s = s;
    }

    IllegalArgumentException error(String why) {
        return new IllegalArgumentException("Invalid JSONPath '" + s + "' at position " + i + ": " + why);
    }

    JsonPath parseRoot() {
        if (s == null || !s.startsWith("$")) {
            throw error("a path must start with '$'");
        }
        i = 1;
        boolean ctx = false;
        if (s.startsWith("$$")) {
            ctx = true;
            i = 2;
        }
        List<Seg> segs = segments(false);
        if (i != s.length()) {
            throw error("unexpected character '" + s.charAt(i) + "'");
        }
        return new JsonPath(s, ctx, List.copyOf(segs));
    }

    /** Segments until the end, or (in a filter) until a character that cannot continue a path. */
    List<Seg> segments(boolean inFilter) {
        List<Seg> segs = new ArrayList<>();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.') {
                if (s.startsWith("..", i)) {
                    i += 2;
                    segs.add(new Deep());
                    if (i < s.length() && s.charAt(i) == '[') {
                        segs.add(bracket());
                    } else {
                        segs.add(dotName(inFilter));
                    }
                } else {
                    i++;
                    segs.add(dotName(inFilter));
                }
            } else if (c == '[') {
                segs.add(bracket());
            } else if (inFilter) {
                break;
            } else {
                throw error("expected '.' or '['");
            }
        }
        return segs;
    }

    Seg dotName(boolean inFilter) {
        if (i < s.length() && s.charAt(i) == '*') {
            i++;
            return new Wild();
        }
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.' || c == '[') {
                break;
            }
            if (inFilter && (Character.isWhitespace(c) || "=!<>&|)".indexOf(c) >= 0)) {
                break;
            }
            if (c == '(' && s.startsWith("()", i)) {
                break;
            }
            i++;
        }
        String name = s.substring(start, i);
        if (name.isEmpty()) {
            throw error("empty property name");
        }
        if (s.startsWith("()", i)) {
            if (!name.equals("length")) {
                throw error("unsupported function " + name + "()");
            }
            i += 2;
            return new Length();
        }
        return new Child(name);
    }

    Seg bracket() {
        i++; // [
        skipWs();
        if (i >= s.length()) {
            throw error("unterminated '['");
        }
        char c = s.charAt(i);
        Seg seg;
        if (c == '*') {
            i++;
            seg = new Wild();
        } else if (c == '?') {
            i++;
            expect('(');
            Pred p = or();
            skipWs();
            expect(')');
            seg = new Filter(p);
        } else if (c == '\'' || c == '"') {
            List<String> names = new ArrayList<>();
            names.add(quoted());
            skipWs();
            while (i < s.length() && s.charAt(i) == ',') {
                i++;
                skipWs();
                names.add(quoted());
                skipWs();
            }
            seg = names.size() == 1 ? new Child(names.get(0)) : new Names(List.copyOf(names));
        } else {
            Integer a = optInt();
            skipWs();
            if (i < s.length() && s.charAt(i) == ':') {
                i++;
                skipWs();
                Integer b = optInt();
                int step = 1;
                skipWs();
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                    Integer st = optInt();
                    step = st == null ? 1 : st;
                    if (step <= 0) {
                        throw error("slice step must be positive");
                    }
                }
                seg = new Slice(a, b, step);
            } else {
                if (a == null) {
                    throw error("expected an index, a quoted name, '*' or a filter");
                }
                List<Integer> idx = new ArrayList<>();
                idx.add(a);
                while (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    skipWs();
                    Integer n = optInt();
                    if (n == null) {
                        throw error("expected an index");
                    }
                    idx.add(n);
                    skipWs();
                }
                seg = idx.size() == 1 ? new Index(a) : new Indices(List.copyOf(idx));
            }
        }
        skipWs();
        expect(']');
        return seg;
    }

    Integer optInt() {
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || (i == start + 1 && s.charAt(start) == '-')) {
            i = start;
            return null;
        }
        try {
            return Integer.parseInt(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw error("index out of range");
        }
    }

    String quoted() {
        char q = s.charAt(i);
        if (q != '\'' && q != '"') {
            throw error("expected a quoted name");
        }
        i++;
        StringBuilder b = new StringBuilder();
        while (i < s.length() && s.charAt(i) != q) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i++;
                c = s.charAt(i);
            }
            b.append(c);
            i++;
        }
        if (i >= s.length()) {
            throw error("unterminated quoted name");
        }
        i++;
        return b.toString();
    }

    void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    void skipWs() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    Pred or() {
        Pred left = and();
        while (true) {
            skipWs();
            if (s.startsWith("||", i)) {
                i += 2;
                Pred l = left;
                Pred r = and();
                left = (cur, root) -> l.test(cur, root) || r.test(cur, root);
            } else {
                return left;
            }
        }
    }

    Pred and() {
        Pred left = unary();
        while (true) {
            skipWs();
            if (s.startsWith("&&", i)) {
                i += 2;
                Pred l = left;
                Pred r = unary();
                left = (cur, root) -> l.test(cur, root) && r.test(cur, root);
            } else {
                return left;
            }
        }
    }

    Pred unary() {
        skipWs();
        if (i < s.length() && s.charAt(i) == '!' && !s.startsWith("!=", i)) {
            i++;
            Pred p = unary();
            return (cur, root) -> !p.test(cur, root);
        }
        if (i < s.length() && s.charAt(i) == '(') {
            i++;
            Pred p = or();
            skipWs();
            expect(')');
            return p;
        }
        Operand left = operand();
        skipWs();
        String op = null;
        for (String candidate : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (s.startsWith(candidate, i)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return (cur, root) -> {
                JsonNode v = left.value(cur, root);
                return v != null && !(v.isBoolean() && !v.asBoolean());
            };
        }
        i += op.length();
        Operand right = operand();
        String o = op;
        return (cur, root) -> JsonPathEval.compare(left.value(cur, root), o, right.value(cur, root));
    }

    Operand operand() {
        skipWs();
        if (i >= s.length()) {
            throw error("expected an operand");
        }
        char c = s.charAt(i);
        if (c == '@' || c == '$') {
            i++;
            List<Seg> segs = segments(true);
            JsonPath p = new JsonPath(c + "", false, List.copyOf(segs));
            boolean fromRoot = c == '$';
            return (cur, root) -> {
                try {
                    JsonNode v = p.read(fromRoot ? root : cur);
                    if (!p.isDefinite() && v.isArray() && v.isEmpty()) {
                        return null;
                    }
                    return v;
                } catch (NotFound e) {
                    return null;
                }
            };
        }
        if (c == '\'' || c == '"') {
            JsonNode v = NODES.textNode(quoted());
            return (cur, root) -> v;
        }
        if (s.startsWith("true", i)) {
            i += 4;
            return (cur, root) -> NODES.booleanNode(true);
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return (cur, root) -> NODES.booleanNode(false);
        }
        if (s.startsWith("null", i)) {
            i += 4;
            JsonNode v = NODES.nullNode();
            return (cur, root) -> v;
        }
        int start = i;
        if (c == '-') {
            i++;
        }
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == 'e'
                || s.charAt(i) == 'E')) {
            i++;
        }
        if (start == i) {
            throw error("expected an operand");
        }
        try {
            JsonNode v = NODES.numberNode(new BigDecimal(s.substring(start, i)));
            return (cur, root) -> v;
        } catch (NumberFormatException e) {
            throw error("invalid number");
        }
    }
}
