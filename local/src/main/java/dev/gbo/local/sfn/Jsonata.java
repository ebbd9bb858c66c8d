package dev.gbo.local.sfn;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * JSONata in Step Functions, on {@code com.dashjoin.jsonata}: expressions written {@code {% ... %}},
 * compiled at CreateStateMachine and evaluated with the reserved {@code $states} variable
 * ({@code input}, {@code result}, {@code errorOutput}, {@code context}, each where AWS makes it
 * available), the workflow variables, and AWS's additional functions ({@code $partition},
 * {@code $range}, {@code $hash}, {@code $random} (seeded from the clock's random), {@code $uuid},
 * {@code $parse}); {@code $eval} is refused as on AWS. A {@link Template} is a JSON value with
 * expressions in its strings at any depth (Arguments, Output, Assign, ItemSelector).
 *
 * <p>Evaluation failures are {@code States.QueryEvaluationError} with AWS's cause wording ("The
 * JSONata expression '...' specified for the field '...' returned nothing (undefined)."). A function
 * is not a JSON value: one at the top of a field is an evaluation error, one nested in an
 * object or array becomes {@code ""}, as JSONata's own {@code $string} renders it.
 */
final class Jsonata {

    static final String QUERY_EVALUATION = "States.QueryEvaluationError";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern EVAL = Pattern.compile("\\$eval\\s*\\(");
    /** Bounds of one evaluation: wall-clock milliseconds and expression nesting depth (the library's Timebox). */
    private static final long RUNTIME_MILLIS = 10_000;
    private static final int MAX_DEPTH = 1_000;
    private static final Set<String> HASHES = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private Jsonata() {
    }

    /** Whether a JSON value is a JSONata expression string: {@code {%} at the start and {@code %}} at the end. */
    static boolean isExpression(JsonNode v) {
        return v != null && v.isTextual() && isExpression(v.asText());
    }

    static boolean isExpression(String s) {
        return s.startsWith("{%") && s.endsWith("%}") && s.length() >= 4;
    }

    /** What an expression sees besides its own bindings. */
    interface Scope {
        /** {@code $states}: input, result, errorOutput, context (absent members are not bound). */
        ObjectNode states();

        /** A workflow variable visible to the state; null when none has that name. */
        JsonNode variable(String name);

        Random random();
    }

    /** A JSONata evaluation error (States.QueryEvaluationError), with AWS's cause. */
    static StatesError error(String cause) {
        return new StatesError(QUERY_EVALUATION, cause);
    }

    /** One compiled expression; {@code source} is the text between the delimiters. */
    static final class Expr {
        final String source;
        private final com.dashjoin.jsonata.Jsonata compiled;
        private final java.util.Set<String> variables;

        private Expr(String source, com.dashjoin.jsonata.Jsonata compiled) {
            this.source = source;
            this.compiled = compiled;
            this.variables = referenced(source);
        }

        /** The JSON value of the expression; {@code null} when it is undefined. */
        JsonNode eval(Scope scope, String field) {
            com.dashjoin.jsonata.Jsonata.Frame frame;
            Object out;
            synchronized (compiled) {
                frame = compiled.createFrame();
                frame.bind("states", toJava(scope.states()));
                for (String v : variables) {
                    JsonNode value = scope.variable(v);
                    if (value != null) {
                        frame.bind(v, toJava(value));
                    }
                }
                bindFunctions(frame, scope.random());
                // runaway expressions (deep recursion, endless loops) end as evaluation errors, not as a stuck driver
                frame.setRuntimeBounds(RUNTIME_MILLIS, MAX_DEPTH);
                try {
                    out = compiled.evaluate(null, frame);
                } catch (StackOverflowError e) {
                    throw threw(field, "Stack overflow error: Check for non-terminating recursive function.");
                } catch (JException e) {
                    throw threw(field, e.getMessage());
                } catch (StatesError e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw threw(field, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
            // the wrapper object {'v': expr} keeps a null and drops undefined
            Map<?, ?> wrapper = (Map<?, ?>) out;
            if (wrapper == null || !wrapper.containsKey("v")) {
                return null;
            }
            Object v = wrapper.get("v");
            if (isFunction(v)) {
                throw error("The JSONata expression '" + source + "' specified for the field '" + field
                        + "' returned an unexpected result type: a function is not a JSON value.");
            }
            return toJson(v);
        }

        private StatesError threw(String field, String message) {
            return error("The JSONata expression '" + source + "' specified for the field '" + field
                    + "' threw an error during evaluation. " + message);
        }

        /** Evaluates; undefined is an error naming the field. */
        JsonNode value(Scope scope, String field) {
            JsonNode v = eval(scope, field);
            if (v == null) {
                throw error("The JSONata expression '" + source + "' specified for the field '" + field
                        + "' returned nothing (undefined).");
            }
            return v;
        }
    }

    /** The {@code $name} references of an expression: only these variables are bound. */
    private static java.util.Set<String> referenced(String source) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = Pattern.compile("\\$([\\p{L}_][\\p{L}\\p{N}_]*)").matcher(source);
        while (m.find()) {
            if (!m.group(1).equals("states")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * Compiles {@code {% expr %}}; adds a diagnostic (with {@code at}, the JSON pointer) to {@code errors}
     * and returns null when the expression does not parse or uses what AWS refuses.
     */
    static Expr compile(String text, String at, List<String> errors) {
        String source = text.substring(2, text.length() - 2).trim();
        if (source.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The JSONata expression must not be empty at " + at);
            return null;
        }
        if (EVAL.matcher(source).find()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The JSONata function $eval is not supported by Step Functions "
                    + "(use $parse instead) at " + at);
            return null;
        }
        try {
            com.dashjoin.jsonata.Jsonata.jsonata(source);
            return new Expr(source, com.dashjoin.jsonata.Jsonata.jsonata("{'v': (" + source + "\n)}"));
        } catch (JException e) {
            errors.add("SCHEMA_VALIDATION_FAILED: The value '" + text + "' is not a valid JSONata expression ("
                    + e.getMessage() + ") at " + at);
            return null;
        } catch (RuntimeException e) {
            errors.add("SCHEMA_VALIDATION_FAILED: The value '" + text + "' is not a valid JSONata expression at " + at);
            return null;
        }
    }

    // ------------------------------------------------------------------ templates

    /**
     * A JSON value whose strings may be JSONata expressions at any depth. An expression that is
     * undefined fails the field, and the cause names the member's path as AWS does
     * ({@code Arguments/Input/pushLocation}).
     */
    static final class Template {
        private final JsonNode literal;
        private final Expr expr;
        private final Map<String, Template> members;
        private final List<Template> items;

        private Template(JsonNode literal, Expr expr, Map<String, Template> members, List<Template> items) {
            this.literal = literal;
            this.expr = expr;
            this.members = members;
            this.items = items;
        }

        static Template compile(JsonNode v, String at, List<String> errors) {
            if (Jsonata.isExpression(v)) {
                return new Template(null, Jsonata.compile(v.asText(), at, errors), null, null);
            }
            if (v.isObject()) {
                Map<String, Template> m = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    m.put(e.getKey(), compile(e.getValue(), at + "/" + e.getKey(), errors));
                }
                return new Template(null, null, m, null);
            }
            if (v.isArray()) {
                List<Template> l = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    l.add(compile(v.get(i), at + "[" + i + "]", errors));
                }
                return new Template(null, null, null, l);
            }
            return new Template(v, null, null, null);
        }

        boolean isExpression() {
            return expr != null;
        }

        /** The value; {@code field} names it in causes ({@code Output}, {@code Arguments/Input/x}). */
        JsonNode eval(Scope scope, String field) {
            if (members != null) {
                ObjectNode o = NODES.objectNode();
                for (Map.Entry<String, Template> e : members.entrySet()) {
                    o.set(e.getKey(), e.getValue().eval(scope, field + "/" + e.getKey()));
                }
                return o;
            }
            if (items != null) {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i < items.size(); i++) {
                    a.add(items.get(i).eval(scope, field + "[" + i + "]"));
                }
                return a;
            }
            if (expr != null) {
                return expr.value(scope, field);
            }
            return literal.deepCopy();
        }

        /** Whether any expression mentions {@code text} (the task token check). */
        boolean mentions(String text) {
            if (expr != null) {
                return expr.source.contains(text);
            }
            if (members != null) {
                return members.values().stream().anyMatch(t -> t.mentions(text));
            }
            return items != null && items.stream().anyMatch(t -> t.mentions(text));
        }
    }

    // ------------------------------------------------------------------ conversion

    /** A JSONata function value: a native function, or a lambda (the library's parser symbol, which is not public). */
    private static boolean isFunction(Object v) {
        return v != null && (com.dashjoin.jsonata.Utils.isFunction(v) || v.getClass().getName().startsWith("com.dashjoin.jsonata.Parser$Symbol"));
    }

    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return com.dashjoin.jsonata.Jsonata.NULL_VALUE;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(x -> l.add(toJava(x)));
            return l;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.doubleValue();
        }
        return n.doubleValue();
    }

    static JsonNode toJson(Object v) {
        if (v == null || v == com.dashjoin.jsonata.Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), toJson(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = NODES.arrayNode();
            l.forEach(x -> a.add(toJson(x)));
            return a;
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15) {
                return NODES.numberNode((long) d);
            }
            return NODES.numberNode(d);
        }
        if (isFunction(v)) {
            return NODES.textNode("");
        }
        return NODES.textNode(String.valueOf(v));
    }

    // ------------------------------------------------------------------ AWS's functions

    private static void bindFunctions(com.dashjoin.jsonata.Jsonata.Frame frame, Random random) {
        frame.bind("partition", fn("partition", a -> {
            List<?> arr = list(a, 0, "partition");
            long size = integer(a, 1, "partition");
            if (size <= 0) {
                throw new IllegalArgumentException("The chunk size of $partition must be a positive integer");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i += (int) size) {
                out.add(new ArrayList<>(arr.subList(i, (int) Math.min(arr.size(), i + size))));
            }
            return out;
        }));
        frame.bind("range", fn("range", a -> {
            long start = integer(a, 0, "range");
            long end = integer(a, 1, "range");
            long step = integer(a, 2, "range");
            if (step == 0) {
                throw new IllegalArgumentException("The step of $range must not be 0");
            }
            List<Object> out = new ArrayList<>();
            for (long x = start; step > 0 ? x <= end : x >= end; x += step) {
                if (out.size() >= 1000) {
                    throw new IllegalArgumentException("$range produces at most 1000 elements");
                }
                out.add(x);
            }
            return out;
        }));
        frame.bind("hash", fn("hash", a -> {
            String data = string(a, 0, "hash");
            String alg = string(a, 1, "hash");
            if (!HASHES.contains(alg)) {
                throw new IllegalArgumentException("The algorithm of $hash must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(data.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }));
        frame.bind("random", fn("random", a -> {
            if (a.isEmpty() || a.get(0) == null) {
                return random.nextDouble();
            }
            return new Random(integer(a, 0, "random")).nextDouble();
        }));
        frame.bind("uuid", fn("uuid", a -> {
            long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo).toString();
        }));
        frame.bind("parse", fn("parse", a -> {
            String s = string(a, 0, "parse");
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(s);
            } catch (Exception e) {
                throw new IllegalArgumentException("The argument of $parse is not valid JSON: " + AslParser.firstLine(e.getMessage()));
            }
            return toJava(n);
        }));
    }

    private static com.dashjoin.jsonata.Jsonata.JFunction fn(String name, java.util.function.Function<List<?>, Object> f) {
        return com.dashjoin.jsonata.Jsonata.function(name, (com.dashjoin.jsonata.Jsonata.FnVarArgs<Object>) f::apply, null);
    }

    private static Object arg(List<?> a, int i, String fn) {
        if (a.size() <= i || a.get(i) == null) {
            throw new IllegalArgumentException("Argument " + (i + 1) + " of $" + fn + " is missing");
        }
        return a.get(i);
    }

    private static List<?> list(List<?> a, int i, String fn) {
        Object v = arg(a, i, fn);
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("Argument " + (i + 1) + " of $" + fn + " must be an array");
        }
        return l;
    }

    private static long integer(List<?> a, int i, String fn) {
        Object v = arg(a, i, fn);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("Argument " + (i + 1) + " of $" + fn + " must be an integer");
        }
        return n.longValue();
    }

    private static String string(List<?> a, int i, String fn) {
        Object v = arg(a, i, fn);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("Argument " + (i + 1) + " of $" + fn + " must be a string");
        }
        return s;
    }
}
