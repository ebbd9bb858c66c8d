package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSONPath subset Amazon States Language allows (the Jayway dialect Step Functions uses):
 * {@code $}, {@code .name}, {@code ['name']}, {@code [n]} (negative counts from the end),
 * {@code [*]}/{@code .*}, {@code ..} (deep scan), unions {@code ['a','b']}/{@code [0,2]}, slices
 * {@code [a:b:c]}, filters {@code [?(@.x > 1 && @.y)]} and the {@code length()} function. A
 * <em>definite</em> path (names and indices only) yields one value or fails; an indefinite one
 * yields the array of matches (possibly empty). Reference paths (ResultPath) are definite paths of
 * names and indices only and can also be written to.
 */
final class JsonPath {

    /** A path that selects nothing in the given document. */
    static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, JsonPath> CACHE = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private sealed interface Seg permits Child, Index, Wild, Deep, Slice, Names, Indices, Filter, Length {
    }

    private record Child(String name) implements Seg {
    }

    private record Index(int index) implements Seg {
    }

    private record Wild() implements Seg {
    }

    private record Deep() implements Seg {
    }

    private record Slice(Integer from, Integer to, int step) implements Seg {
    }

    private record Names(List<String> names) implements Seg {
    }

    private record Indices(List<Integer> indices) implements Seg {
    }

    private record Filter(Pred pred) implements Seg {
    }

    private record Length() implements Seg {
    }

    private final String text;
    private final boolean context;
    private final List<Seg> segs;
    private final boolean definite;

    private JsonPath(String text, boolean context, List<Seg> segs) {
        this.text = text;
        this.context = context;
        this.segs = segs;
        boolean d = true;
        for (Seg s : segs) {
            if (!(s instanceof Child || s instanceof Index || s instanceof Length)) {
                d = false;
            }
        }
        this.definite = d;
    }

    /** Compiles {@code $...} or {@code $$...}; IllegalArgumentException with a reason when invalid. */
    static JsonPath compile(String text) {
        JsonPath p = CACHE.get(text);
        if (p == null) {
            p = new Parser(text).parseRoot();
            if (CACHE.size() < 10_000) {
                CACHE.put(text, p);
            }
        }
        return p;
    }

    static boolean isValid(String text) {
        try {
            compile(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String text() {
        return text;
    }

    /** A {@code $$.} path: evaluated against the context object. */
    boolean isContext() {
        return context;
    }

    boolean isDefinite() {
        return definite;
    }

    /** A reference path: names and indices only (ResultPath, Choice Variable). */
    boolean isReference() {
        for (Seg s : segs) {
            if (!(s instanceof Child || s instanceof Index)) {
                return false;
            }
        }
        return !context;
    }

    /** Reads this path; definite paths give the value, indefinite ones the array of matches. */
    JsonNode read(JsonNode root) throws NotFound {
        if (definite) {
            JsonNode cur = root;
            StringBuilder at = new StringBuilder("$");
            for (Seg s : segs) {
                if (s instanceof Child c) {
                    at.append("['").append(c.name).append("']");
                    if (cur == null || !cur.isObject() || !cur.has(c.name)) {
                        throw new NotFound("No results for path: " + at);
                    }
                    cur = cur.get(c.name);
                } else if (s instanceof Index i) {
                    at.append('[').append(i.index).append(']');
                    if (cur == null || !cur.isArray()) {
                        throw new NotFound("No results for path: " + at);
                    }
                    int idx = i.index < 0 ? cur.size() + i.index : i.index;
                    if (idx < 0 || idx >= cur.size()) {
                        throw new NotFound("No results for path: " + at);
                    }
                    cur = cur.get(idx);
                } else {
                    at.append(".length()");
                    if (cur == null || !(cur.isArray() || cur.isObject() || cur.isTextual())) {
                        throw new NotFound("Function length() can only be applied to an array, object or string: " + at);
                    }
                    cur = NODES.numberNode(cur.isTextual() ? cur.asText().length() : cur.size());
                }
            }
            return cur;
        }
        List<JsonNode> cur = new ArrayList<>();
        cur.add(root);
        for (Seg s : segs) {
            cur = apply(s, cur, root);
        }
        ArrayNode out = NODES.arrayNode();
        cur.forEach(out::add);
        return out;
    }

    /** True when a definite path selects a value (IsPresent). */
    boolean exists(JsonNode root) {
        try {
            read(root);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    /**
     * Writes {@code value} at this reference path into {@code root} (which is modified and returned;
     * copy first). Missing objects on the way are created. Throws NotFound when the path runs through
     * a value that is not an object (or a missing array element).
     */
    JsonNode write(JsonNode root, JsonNode value) throws NotFound {
        if (segs.isEmpty()) {
            return value;
        }
        if (!isReference()) {
            throw new NotFound("ResultPath must be a reference path");
        }
        if (!root.isObject() && !(root.isArray() && segs.get(0) instanceof Index)) {
            throw new NotFound("the input is not a JSON object");
        }
        JsonNode cur = root;
        for (int k = 0; k < segs.size(); k++) {
            Seg s = segs.get(k);
            boolean last = k == segs.size() - 1;
            if (s instanceof Child c) {
                if (!cur.isObject()) {
                    throw new NotFound("the value at '" + c.name + "' cannot be reached: its parent is not a JSON object");
                }
                ObjectNode o = (ObjectNode) cur;
                if (last) {
                    o.set(c.name, value);
                    return root;
                }
                JsonNode next = o.get(c.name);
                if (next == null || next.isNull()) {
                    next = segs.get(k + 1) instanceof Index ? null : o.putObject(c.name);
                    if (next == null) {
                        throw new NotFound("no array at '" + c.name + "'");
                    }
                }
                cur = next;
            } else {
                Index i = (Index) s;
                if (!cur.isArray()) {
                    throw new NotFound("the value is not an array at index " + i.index);
                }
                ArrayNode a = (ArrayNode) cur;
                int idx = i.index < 0 ? a.size() + i.index : i.index;
                if (idx < 0 || idx >= a.size()) {
                    throw new NotFound("index " + i.index + " is out of bounds");
                }
                if (last) {
                    a.set(idx, value);
                    return root;
                }
                cur = a.get(idx);
            }
        }
        return root;
    }

    @Override
    public String toString() {
        return text;
    }

    // ------------------------------------------------------------------ evaluation of indefinite paths

    private static List<JsonNode> apply(Seg s, List<JsonNode> in, JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : in) {
            if (n == null) {
                continue;
            }
            switch (s) {
                case Child c -> {
                    if (n.isObject() && n.has(c.name)) {
                        out.add(n.get(c.name));
                    }
                }
                case Index i -> {
                    if (n.isArray()) {
                        int idx = i.index < 0 ? n.size() + i.index : i.index;
                        if (idx >= 0 && idx < n.size()) {
                            out.add(n.get(idx));
                        }
                    }
                }
                case Wild w -> {
                    if (n.isArray() || n.isObject()) {
                        n.elements().forEachRemaining(out::add);
                    }
                }
                case Deep d -> collect(n, out);
                case Slice sl -> {
                    if (n.isArray()) {
                        int size = n.size();
                        int step = sl.step;
                        int from = sl.from == null ? 0 : norm(sl.from, size);
                        int to = sl.to == null ? size : norm(sl.to, size);
                        for (int k = from; k < to; k += step) {
                            out.add(n.get(k));
                        }
                    }
                }
                case Names ns -> {
                    if (n.isObject()) {
                        for (String name : ns.names) {
                            if (n.has(name)) {
                                out.add(n.get(name));
                            }
                        }
                    }
                }
                case Indices is -> {
                    if (n.isArray()) {
                        for (int i : is.indices) {
                            int idx = i < 0 ? n.size() + i : i;
                            if (idx >= 0 && idx < n.size()) {
                                out.add(n.get(idx));
                            }
                        }
                    }
                }
                case Filter f -> {
                    Iterator<JsonNode> it = n.isArray() || n.isObject() ? n.elements() : List.<JsonNode>of().iterator();
                    while (it.hasNext()) {
                        JsonNode e = it.next();
                        if (f.pred.test(e, root)) {
                            out.add(e);
                        }
                    }
                }
                case Length l -> {
                    if (n.isArray() || n.isObject()) {
                        out.add(NODES.numberNode(n.size()));
                    } else if (n.isTextual()) {
                        out.add(NODES.numberNode(n.asText().length()));
                    }
                }
            }
        }
        return out;
    }

    private static int norm(int i, int size) {
        int v = i < 0 ? size + i : i;
        return Math.max(0, Math.min(size, v));
    }

    /** Deep scan: the node itself and every descendant, document order (the next segment filters). */
    private static void collect(JsonNode n, List<JsonNode> out) {
        out.add(n);
        if (n.isArray() || n.isObject()) {
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    // ------------------------------------------------------------------ filter predicates

    private interface Pred {
        boolean test(JsonNode current, JsonNode root);
    }

    private interface Operand {
        /** null when the path selects nothing. */
        JsonNode value(JsonNode current, JsonNode root);
    }

    private static boolean compare(JsonNode a, String op, JsonNode b) {
        if (a == null || b == null) {
            return op.equals("!=") && (a == null) != (b == null);
        }
        int c;
        if (a.isNumber() && b.isNumber()) {
            c = a.decimalValue().compareTo(b.decimalValue());
        } else if (a.isTextual() && b.isTextual()) {
            c = a.asText().compareTo(b.asText());
        } else if (op.equals("==")) {
            return a.equals(b);
        } else if (op.equals("!=")) {
            return !a.equals(b);
        } else {
            return false;
        }
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
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
            return (cur, root) -> compare(left.value(cur, root), o, right.value(cur, root));
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
                        if (!p.definite && v.isArray() && v.isEmpty()) {
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
}
