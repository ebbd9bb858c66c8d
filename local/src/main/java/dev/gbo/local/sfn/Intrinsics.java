package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code States.*} intrinsic functions, parsed once at CreateStateMachine (names and argument
 * counts are checked there) and evaluated against the state's input and the context object.
 * Nesting is allowed ({@code States.Format('{}', States.ArrayLength($.a))}).
 */
final class Intrinsics {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    /** Minimum and maximum argument counts (-1 = unbounded). */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    /** What a path or a function evaluates against. */
    interface Env {
        JsonNode input();

        JsonNode context();

        Random random();

        /** A workflow variable ({@code $name} in JSONPath states); null when unassigned. */
        default JsonNode variable(String name) {
            return null;
        }
    }

    /** A path argument that selects nothing. */
    static final class PathMissing extends Exception {
        private static final long serialVersionUID = 1L;
        final String path;

        PathMissing(String path, String why) {
            super(why, null, false, false);
            this.path = path;
        }
    }

    sealed interface Expr permits Call, Lit, PathRef, VarRef {
    }

    record Call(String name, List<Expr> args) implements Expr {
    }

    /** A literal; for strings {@code raw} keeps escaped braces as private-use characters. */
    record Lit(JsonNode value, String raw) implements Expr {
    }

    record PathRef(JsonPath path) implements Expr {
    }

    /** A workflow variable reference {@code $name.rest}: {@code path} is {@code $.rest} applied to the variable's value. */
    record VarRef(String name, JsonPath path, String text) implements Expr {
    }

    private Intrinsics() {
    }

    static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /** Parses a call; IllegalArgumentException with the reason when it is not a valid intrinsic. */
    static Call parse(String text) {
        Parser p = new Parser(text);
        Expr e = p.expr();
        p.skipWs();
        if (p.i != text.length() || !(e instanceof Call c)) {
            throw new IllegalArgumentException("'" + text + "' is not a valid intrinsic function call");
        }
        return c;
    }

    static JsonNode eval(Expr e, Env env) throws PathMissing {
        return switch (e) {
            case Lit l -> l.value;
            case PathRef p -> {
                try {
                    yield p.path.read(p.path.isContext() ? env.context() : env.input());
                } catch (JsonPath.NotFound nf) {
                    throw new PathMissing(p.path.text(), nf.getMessage());
                }
            }
            case VarRef v -> {
                JsonNode value = env.variable(v.name);
                if (value == null) {
                    throw new PathMissing(v.text, "The variable '$" + v.name + "' is not defined");
                }
                try {
                    yield v.path.read(value);
                } catch (JsonPath.NotFound nf) {
                    throw new PathMissing(v.text, nf.getMessage());
                }
            }
            case Call c -> call(c, env);
        };
    }

    private static JsonNode call(Call c, Env env) throws PathMissing {
        List<JsonNode> a = new ArrayList<>();
        for (Expr arg : c.args) {
            a.add(eval(arg, env));
        }
        String n = c.name;
        switch (n) {
            case "States.Format": {
                if (!(c.args.get(0) instanceof Lit l) || !l.value.isTextual()) {
                    throw fail(n, "the first argument must be a string literal template");
                }
                String t = l.raw;
                StringBuilder out = new StringBuilder();
                int used = 1;
                for (int k = 0; k < t.length(); k++) {
                    char ch = t.charAt(k);
                    if (ch == '{' && k + 1 < t.length() && t.charAt(k + 1) == '}') {
                        if (used >= a.size()) {
                            throw fail(n, "the template has more placeholders '{}' than arguments ("
                                    + (a.size() - 1) + ")");
                        }
                        JsonNode v = a.get(used++);
                        if (v.isContainerNode()) {
                            throw fail(n, "the argument " + (used - 1) + " is a JSON " + (v.isArray() ? "array" : "object")
                                    + "; only strings, numbers, booleans and null can be formatted");
                        }
                        out.append(v.isTextual() ? v.asText() : Json.write(v));
                        k++;
                    } else if (ch == OPEN) {
                        out.append('{');
                    } else if (ch == CLOSE) {
                        out.append('}');
                    } else {
                        out.append(ch);
                    }
                }
                if (used != a.size()) {
                    throw fail(n, "the template has " + (used - 1) + " placeholders but " + (a.size() - 1)
                            + " arguments were given");
                }
                return NODES.textNode(out.toString());
            }
            case "States.StringToJson": {
                String s = text(n, a, 0);
                try {
                    return Json.MAPPER.readTree(s);
                } catch (Exception ex) {
                    throw fail(n, "the argument is not a JSON text: " + s);
                }
            }
            case "States.JsonToString":
                return NODES.textNode(Json.write(a.get(0)));
            case "States.Array": {
                ArrayNode arr = NODES.arrayNode();
                a.forEach(arr::add);
                return arr;
            }
            case "States.ArrayPartition": {
                ArrayNode arr = array(n, a, 0);
                int size = integer(n, a, 1);
                if (size <= 0) {
                    throw fail(n, "the chunk size must be a positive integer, got " + size);
                }
                ArrayNode out = NODES.arrayNode();
                ArrayNode chunk = null;
                for (int k = 0; k < arr.size(); k++) {
                    if (k % size == 0) {
                        chunk = out.addArray();
                    }
                    chunk.add(arr.get(k));
                }
                return out;
            }
            case "States.ArrayContains": {
                ArrayNode arr = array(n, a, 0);
                for (JsonNode v : arr) {
                    if (jsonEquals(v, a.get(1))) {
                        return NODES.booleanNode(true);
                    }
                }
                return NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                int start = integer(n, a, 0);
                int end = integer(n, a, 1);
                int step = integer(n, a, 2);
                if (step == 0) {
                    throw fail(n, "the step must not be 0");
                }
                ArrayNode out = NODES.arrayNode();
                for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
                    if (out.size() >= 1000) {
                        throw fail(n, "the range has more than 1000 elements");
                    }
                    out.add(v);
                }
                return out;
            }
            case "States.ArrayGetItem": {
                ArrayNode arr = array(n, a, 0);
                int idx = integer(n, a, 1);
                if (idx < 0 || idx >= arr.size()) {
                    throw fail(n, "the index " + idx + " is out of bounds for an array of length " + arr.size());
                }
                return arr.get(idx);
            }
            case "States.ArrayLength":
                return NODES.numberNode(array(n, a, 0).size());
            case "States.ArrayUnique": {
                ArrayNode out = NODES.arrayNode();
                for (JsonNode v : array(n, a, 0)) {
                    boolean seen = false;
                    for (JsonNode o : out) {
                        if (jsonEquals(o, v)) {
                            seen = true;
                            break;
                        }
                    }
                    if (!seen) {
                        out.add(v);
                    }
                }
                return out;
            }
            case "States.Base64Encode": {
                String s = text(n, a, 0);
                limit(n, s);
                return NODES.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode": {
                String s = text(n, a, 0);
                limit(n, s);
                try {
                    return NODES.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ex) {
                    throw fail(n, "the argument is not valid Base64: " + ex.getMessage());
                }
            }
            case "States.Hash": {
                JsonNode data = a.get(0);
                String s = data.isTextual() ? data.asText() : Json.write(data);
                limit(n, s);
                String alg = text(n, a, 1);
                Set<String> ok = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
                if (!ok.contains(alg)) {
                    throw fail(n, "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got '" + alg + "'");
                }
                try {
                    byte[] h = MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8));
                    return NODES.textNode(HexFormat.of().formatHex(h));
                } catch (NoSuchAlgorithmException ex) {
                    throw fail(n, ex.toString());
                }
            }
            case "States.JsonMerge": {
                if (!a.get(0).isObject() || !a.get(1).isObject()) {
                    throw fail(n, "both arguments to merge must be JSON objects");
                }
                if (!a.get(2).isBoolean()) {
                    throw fail(n, "the third argument (deep merge) must be a boolean");
                }
                if (a.get(2).asBoolean()) {
                    throw fail(n, "deep merging is not supported; the third argument must be false");
                }
                ObjectNode out = ((ObjectNode) a.get(0)).deepCopy();
                a.get(1).properties().forEach(en -> out.set(en.getKey(), en.getValue()));
                return out;
            }
            case "States.MathRandom": {
                int start = integer(n, a, 0);
                int end = integer(n, a, 1);
                if (end <= start) {
                    throw fail(n, "the end (" + end + ") must be greater than the start (" + start + ")");
                }
                Random r = a.size() == 3 ? new Random(integer(n, a, 2)) : env.random();
                return NODES.numberNode(start + (int) (r.nextDouble() * ((long) end - start)));
            }
            case "States.MathAdd": {
                int x = integer(n, a, 0);
                int y = integer(n, a, 1);
                long sum = (long) x + y;
                if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
                    throw fail(n, "the sum " + sum + " is outside the 32-bit integer range");
                }
                return NODES.numberNode((int) sum);
            }
            case "States.StringSplit": {
                String s = text(n, a, 0);
                String d = text(n, a, 1);
                ArrayNode out = NODES.arrayNode();
                StringBuilder cur = new StringBuilder();
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    if (d.indexOf(ch) >= 0) {
                        if (!cur.isEmpty()) {
                            out.add(cur.toString());
                        }
                        cur.setLength(0);
                    } else {
                        cur.append(ch);
                    }
                }
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                }
                return out;
            }
            case "States.UUID": {
                Random r = env.random();
                long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
                long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                return NODES.textNode(new UUID(hi, lo).toString());
            }
            default:
                throw fail(n, "unknown intrinsic function");
        }
    }

    private static boolean jsonEquals(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }

    private static void limit(String n, String s) {
        if (s.length() > 10_000) {
            throw fail(n, "the input is longer than 10000 characters");
        }
    }

    private static String text(String n, List<JsonNode> a, int k) {
        if (!a.get(k).isTextual()) {
            throw fail(n, "the argument " + (k + 1) + " must be a string, got " + Json.write(a.get(k)));
        }
        return a.get(k).asText();
    }

    private static ArrayNode array(String n, List<JsonNode> a, int k) {
        if (!a.get(k).isArray()) {
            throw fail(n, "the argument " + (k + 1) + " must be a JSON array, got " + Json.write(a.get(k)));
        }
        return (ArrayNode) a.get(k);
    }

    private static int integer(String n, List<JsonNode> a, int k) {
        JsonNode v = a.get(k);
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                // fall through
            }
            if (d.stripTrailingZeros().scale() <= 0) {
                throw fail(n, "the argument " + (k + 1) + " is outside the 32-bit integer range: " + d);
            }
        }
        throw fail(n, "the argument " + (k + 1) + " must be an integer, got " + Json.write(v));
    }

    private static StatesError fail(String fn, String why) {
        return new StatesError(StatesError.INTRINSIC, "Invalid arguments in " + fn + ": " + why);
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("invalid intrinsic function call '" + s + "': " + why + " at position " + i);
        }

        void skipWs() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        Expr expr() {
            skipWs();
            if (i >= s.length()) {
                throw error("expected an argument");
            }
            char c = s.charAt(i);
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (s.startsWith("States.", i)) {
                return call();
            }
            if (s.startsWith("true", i) || s.startsWith("false", i) || s.startsWith("null", i)) {
                String w = s.startsWith("true", i) ? "true" : s.startsWith("false", i) ? "false" : "null";
                i += w.length();
                JsonNode v = w.equals("null") ? NODES.nullNode() : NODES.booleanNode(w.equals("true"));
                return new Lit(v, w);
            }
            int start = i;
            if (c == '-' || c == '+') {
                i++;
            }
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || ".eE+-".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            String num = s.substring(start, i);
            try {
                BigDecimal d = new BigDecimal(num);
                JsonNode v = d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        ? NODES.numberNode(d.longValueExact())
                        : NODES.numberNode(d);
                return new Lit(v, num);
            } catch (NumberFormatException | ArithmeticException e) {
                throw error("expected a string in single quotes, a number, a boolean, null, a path or a function");
            }
        }

        Call call() {
            int start = i;
            while (i < s.length() && s.charAt(i) != '(') {
                i++;
            }
            String name = s.substring(start, i).trim();
            if (!ARITY.containsKey(name)) {
                throw error("unknown intrinsic function '" + name + "'");
            }
            if (i >= s.length()) {
                throw error("expected '('");
            }
            i++;
            List<Expr> args = new ArrayList<>();
            skipWs();
            if (i < s.length() && s.charAt(i) == ')') {
                i++;
            } else {
                while (true) {
                    args.add(expr());
                    skipWs();
                    if (i >= s.length()) {
                        throw error("unterminated argument list");
                    }
                    char c = s.charAt(i++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')'");
                    }
                }
            }
            int[] ar = ARITY.get(name);
            if (args.size() < ar[0] || (ar[1] >= 0 && args.size() > ar[1])) {
                throw error(name + " takes " + (ar[0] == ar[1] ? String.valueOf(ar[0])
                        : ar[1] < 0 ? "at least " + ar[0] : ar[0] + " to " + ar[1]) + " arguments, got " + args.size());
            }
            if (name.equals("States.Format") && !(args.get(0) instanceof Lit l && l.value.isTextual())) {
                throw error("the first argument of States.Format must be a string literal");
            }
            return new Call(name, List.copyOf(args));
        }

        Lit string() {
            i++; // '
            StringBuilder raw = new StringBuilder();
            StringBuilder val = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '\'') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(++i);
                    switch (e) {
                        case '{' -> raw.append(OPEN);
                        case '}' -> raw.append(CLOSE);
                        default -> raw.append(e);
                    }
                    val.append(e);
                } else {
                    raw.append(c);
                    val.append(c);
                }
                i++;
            }
            if (i >= s.length()) {
                throw error("unterminated string literal");
            }
            i++;
            return new Lit(NODES.textNode(val.toString()), raw.toString());
        }

        Expr path() {
            int start = i;
            int depth = 0;
            char quote = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || (c == ')' && depth > 0)) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                    break;
                }
                i++;
            }
            String p = s.substring(start, i);
            try {
                return Variables.expr(p);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
    }

    /** Every function name, for documentation and tests. */
    static Set<String> names() {
        return new LinkedHashSet<>(ARITY.keySet());
    }
}
