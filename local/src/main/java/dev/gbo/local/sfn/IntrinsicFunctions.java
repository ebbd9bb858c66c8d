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
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The table of {@code States.*} intrinsic functions: each entry declares its name and arity (checked
 * when a definition is parsed) and a small function over its evaluated arguments. {@link Intrinsics}
 * parses calls and evaluates their arguments; this class only knows what each function does.
 */
final class IntrinsicFunctions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The body of one function. */
    @FunctionalInterface
    interface Body {
        JsonNode apply(Args a);
    }

    /** One function: its name, its minimum and maximum argument counts (max -1 = unbounded) and its body. */
    record Fn(String name, int min, int max, Body body) {
        /** "takes 2 arguments", "takes at least 1 arguments", "takes 2 to 3 arguments". */
        String arity() {
            return "takes " + (min == max ? String.valueOf(min) : max < 0 ? "at least " + min : min + " to " + max)
                    + " arguments";
        }

        boolean accepts(int count) {
            return count >= min && (max < 0 || count <= max);
        }
    }

    /**
     * The evaluated arguments of one call, with the typed accessors that word argument errors the
     * same way for every function. {@code template} is the raw text of a string-literal first
     * argument (States.Format keeps escaped braces there), {@code env} the evaluation environment.
     */
    record Args(String fn, List<JsonNode> values, String template, Intrinsics.Env env) {
        int size() {
            return values.size();
        }

        JsonNode get(int k) {
            return values.get(k);
        }

        String text(int k) {
            if (!values.get(k).isTextual()) {
                throw fail("the argument " + (k + 1) + " must be a string, got " + Json.write(values.get(k)));
            }
            return values.get(k).asText();
        }

        /** A string argument of at most 10,000 characters, as AWS limits Base64 and Hash input. */
        String limitedText(int k) {
            return limited(text(k));
        }

        String limited(String s) {
            if (s.length() > 10_000) {
                throw fail("the input is longer than 10000 characters");
            }
            return s;
        }

        ArrayNode array(int k) {
            if (!values.get(k).isArray()) {
                throw fail("the argument " + (k + 1) + " must be a JSON array, got " + Json.write(values.get(k)));
            }
            return (ArrayNode) values.get(k);
        }

        int integer(int k) {
            JsonNode v = values.get(k);
            if (v.isNumber()) {
                BigDecimal d = v.decimalValue();
                try {
                    return d.intValueExact();
                } catch (ArithmeticException e) {
                    // fall through
                }
                if (d.stripTrailingZeros().scale() <= 0) {
                    throw fail("the argument " + (k + 1) + " is outside the 32-bit integer range: " + d);
                }
            }
            throw fail("the argument " + (k + 1) + " must be an integer, got " + Json.write(v));
        }

        StatesError fail(String why) {
            return new StatesError(StatesError.INTRINSIC, "Invalid arguments in " + fn + ": " + why);
        }
    }

    private static final Map<String, Fn> TABLE = table(
            new Fn("States.Format", 1, -1, IntrinsicFunctions::format),
            new Fn("States.StringToJson", 1, 1, IntrinsicFunctions::stringToJson),
            new Fn("States.JsonToString", 1, 1, a -> NODES.textNode(Json.write(a.get(0)))),
            new Fn("States.Array", 0, -1, a -> NODES.arrayNode().addAll(a.values())),
            new Fn("States.ArrayPartition", 2, 2, IntrinsicFunctions::arrayPartition),
            new Fn("States.ArrayContains", 2, 2, IntrinsicFunctions::arrayContains),
            new Fn("States.ArrayRange", 3, 3, IntrinsicFunctions::arrayRange),
            new Fn("States.ArrayGetItem", 2, 2, IntrinsicFunctions::arrayGetItem),
            new Fn("States.ArrayLength", 1, 1, a -> NODES.numberNode(a.array(0).size())),
            new Fn("States.ArrayUnique", 1, 1, IntrinsicFunctions::arrayUnique),
            new Fn("States.Base64Encode", 1, 1, IntrinsicFunctions::base64Encode),
            new Fn("States.Base64Decode", 1, 1, IntrinsicFunctions::base64Decode),
            new Fn("States.Hash", 2, 2, IntrinsicFunctions::hash),
            new Fn("States.JsonMerge", 3, 3, IntrinsicFunctions::jsonMerge),
            new Fn("States.MathRandom", 2, 3, IntrinsicFunctions::mathRandom),
            new Fn("States.MathAdd", 2, 2, IntrinsicFunctions::mathAdd),
            new Fn("States.StringSplit", 2, 2, IntrinsicFunctions::stringSplit),
            new Fn("States.UUID", 0, 0, IntrinsicFunctions::uuid));

    private IntrinsicFunctions() {
    }

    private static Map<String, Fn> table(Fn... fns) {
        Map<String, Fn> m = new LinkedHashMap<>();
        for (Fn f : fns) {
            m.put(f.name(), f);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The function of that name, or null. */
    static Fn lookup(String name) {
        return TABLE.get(name);
    }

    /** Every function name, in the order of the developer guide's list. */
    static Set<String> names() {
        return TABLE.keySet();
    }

    // ------------------------------------------------------------------ the functions

    private static JsonNode format(Args a) {
        String t = a.template();
        if (t == null) {
            throw a.fail("the first argument must be a string literal template");
        }
        StringBuilder out = new StringBuilder();
        int used = 1;
        for (int k = 0; k < t.length(); k++) {
            char ch = t.charAt(k);
            if (ch == '{' && k + 1 < t.length() && t.charAt(k + 1) == '}') {
                if (used >= a.size()) {
                    throw a.fail("the template has more placeholders '{}' than arguments (" + (a.size() - 1) + ")");
                }
                JsonNode v = a.get(used++);
                if (v.isContainerNode()) {
                    throw a.fail("the argument " + (used - 1) + " is a JSON " + (v.isArray() ? "array" : "object")
                            + "; only strings, numbers, booleans and null can be formatted");
                }
                out.append(v.isTextual() ? v.asText() : Json.write(v));
                k++;
            } else if (ch == Intrinsics.OPEN) {
                out.append('{');
            } else if (ch == Intrinsics.CLOSE) {
                out.append('}');
            } else {
                out.append(ch);
            }
        }
        if (used != a.size()) {
            throw a.fail("the template has " + (used - 1) + " placeholders but " + (a.size() - 1) + " arguments were given");
        }
        return NODES.textNode(out.toString());
    }

    private static JsonNode stringToJson(Args a) {
        String s = a.text(0);
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception ex) {
            throw a.fail("the argument is not a JSON text: " + s);
        }
    }

    private static JsonNode arrayPartition(Args a) {
        ArrayNode arr = a.array(0);
        int size = a.integer(1);
        if (size <= 0) {
            throw a.fail("the chunk size must be a positive integer, got " + size);
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

    private static JsonNode arrayContains(Args a) {
        for (JsonNode v : a.array(0)) {
            if (jsonEquals(v, a.get(1))) {
                return NODES.booleanNode(true);
            }
        }
        return NODES.booleanNode(false);
    }

    private static JsonNode arrayRange(Args a) {
        int start = a.integer(0);
        int end = a.integer(1);
        int step = a.integer(2);
        if (step == 0) {
            throw a.fail("the step must not be 0");
        }
        ArrayNode out = NODES.arrayNode();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            if (out.size() >= 1000) {
                throw a.fail("the range has more than 1000 elements");
            }
            out.add(v);
        }
        return out;
    }

    private static JsonNode arrayGetItem(Args a) {
        ArrayNode arr = a.array(0);
        int idx = a.integer(1);
        if (idx < 0 || idx >= arr.size()) {
            throw a.fail("the index " + idx + " is out of bounds for an array of length " + arr.size());
        }
        return arr.get(idx);
    }

    private static JsonNode arrayUnique(Args a) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode v : a.array(0)) {
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

    private static JsonNode base64Encode(Args a) {
        String s = a.limitedText(0);
        return NODES.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode base64Decode(Args a) {
        String s = a.limitedText(0);
        try {
            return NODES.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            throw a.fail("the argument is not valid Base64: " + ex.getMessage());
        }
    }

    private static final Set<String> HASHES = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private static JsonNode hash(Args a) {
        JsonNode data = a.get(0);
        String s = a.limited(data.isTextual() ? data.asText() : Json.write(data));
        String alg = a.text(1);
        if (!HASHES.contains(alg)) {
            throw a.fail("the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got '" + alg + "'");
        }
        try {
            byte[] h = MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8));
            return NODES.textNode(HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException ex) {
            throw a.fail(ex.toString());
        }
    }

    private static JsonNode jsonMerge(Args a) {
        if (!a.get(0).isObject() || !a.get(1).isObject()) {
            throw a.fail("both arguments to merge must be JSON objects");
        }
        if (!a.get(2).isBoolean()) {
            throw a.fail("the third argument (deep merge) must be a boolean");
        }
        if (a.get(2).asBoolean()) {
            throw a.fail("deep merging is not supported; the third argument must be false");
        }
        ObjectNode out = ((ObjectNode) a.get(0)).deepCopy();
        a.get(1).properties().forEach(en -> out.set(en.getKey(), en.getValue()));
        return out;
    }

    private static JsonNode mathRandom(Args a) {
        int start = a.integer(0);
        int end = a.integer(1);
        if (end <= start) {
            throw a.fail("the end (" + end + ") must be greater than the start (" + start + ")");
        }
        Random r = a.size() == 3 ? new Random(a.integer(2)) : a.env().random();
        return NODES.numberNode(start + (int) (r.nextDouble() * ((long) end - start)));
    }

    private static JsonNode mathAdd(Args a) {
        long sum = (long) a.integer(0) + a.integer(1);
        if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
            throw a.fail("the sum " + sum + " is outside the 32-bit integer range");
        }
        return NODES.numberNode((int) sum);
    }

    private static JsonNode stringSplit(Args a) {
        String s = a.text(0);
        String d = a.text(1);
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

    /** A version-4 UUID from the execution's seeded random, so runs on the virtual clock repeat. */
    private static JsonNode uuid(Args a) {
        Random r = a.env().random();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return NODES.textNode(new UUID(hi, lo).toString());
    }

    private static boolean jsonEquals(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }
}
