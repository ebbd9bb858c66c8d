package dev.gbo.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.Shape;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The malformed requests of {@link LocalCloudFuzzIT}, drawn from a seeded {@link Random}: for an
 * operation, its declared input {@link Shape} says which members to corrupt (wrong types, huge and
 * negative numbers, overflowing indices and tokens, over-long strings); every protocol also gets
 * garbage bodies, bad escapes, wrong methods and paths, and oversized headers and bodies.
 */
final class FuzzCases {

    /** The wire protocols, as the endpoint's error formats name them. */
    enum Protocol { JSON, REST_JSON, EC2_QUERY, QUERY, REST_XML }

    /** One request: head lines without Host/Content-Length, a body, what it is (for the report). */
    record Case(Protocol protocol, String operation, String kind, String method, String target, List<String> headers,
            byte[] body) {
        String describe() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.ISO_8859_1);
            String t = target.length() > 160 ? target.substring(0, 160) + "..." : target;
            return protocol + " " + operation + " [" + kind + "] " + method + " " + t + " body(" + (body == null ? "declared, not sent" : body.length) + ")=" + b;
        }
    }

    private static final String[] EVIL_TEXT = {"", " ", "-1", "0", "2147483647", "2147483648", "-2147483649",
        "99999999999999999999", "9223372036854775808", "1e400", "NaN", "null", "true", "%zz", "%", "../../x", "a/b",
        "<x>&amp;", "\u0000", "\u007f", "\uD800", "é", "*", "arn:aws:states:us-east-1:123456789012:stateMachine:",
        "arn:", ":::::", "fuzz-rule", "fuzz-bucket", "x".repeat(300), "y".repeat(70_000)};

    private final Random random;

    FuzzCases(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    String evilText() {
        if (random.nextInt(8) == 0) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                b.append((char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
            }
            return b.toString();
        }
        return EVIL_TEXT[random.nextInt(EVIL_TEXT.length)];
    }

    /** A JSON value of any type, biased to the edges. */
    JsonNode evilValue() {
        return switch (random.nextInt(12)) {
            case 0 -> Json.MAPPER.getNodeFactory().nullNode();
            case 1 -> Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case 2 -> Json.MAPPER.getNodeFactory().numberNode(pick(List.of(-1L, 0L, 2147483648L, -2147483649L, Long.MAX_VALUE,
                    Long.MIN_VALUE, 99999999999L)));
            case 3 -> Json.MAPPER.getNodeFactory().numberNode(new BigInteger("9".repeat(1 + random.nextInt(60))));
            case 4 -> Json.MAPPER.getNodeFactory().numberNode(pick(List.of(1.5, -0.0, 1e300, 3.14)));
            case 5 -> Json.array().add(evilText()).add(1);
            case 6 -> Json.object().put("x", evilText());
            case 7 -> {
                ArrayNode deep = Json.array();
                ArrayNode at = deep;
                for (int i = 0; i < 50; i++) {
                    at = at.addArray();
                }
                yield deep;
            }
            default -> Json.MAPPER.getNodeFactory().textNode(evilText());
        };
    }

    /** A value of the member's declared type that breaks its constraints, or one of another type. */
    JsonNode corrupt(Shape s) {
        if (random.nextInt(3) == 0 || s == null) {
            return evilValue();
        }
        var nodes = Json.MAPPER.getNodeFactory();
        return switch (s.kind()) {
            case STRING, BLOB -> nodes.textNode(s.max() != null && random.nextBoolean() && s.max() < 2_000_000
                    ? "z".repeat((int) (s.max() + 1)) : evilText());
            case INTEGER, LONG, DOUBLE -> pick(List.of(nodes.numberNode(s.min() == null ? -1 : s.min() - 1),
                    nodes.numberNode(s.max() == null ? Long.MAX_VALUE : s.max() + 1), nodes.numberNode(2147483648L),
                    nodes.textNode("12"), nodes.numberNode(new BigInteger("123456789012345678901234567890"))));
            case BOOLEAN -> pick(List.of(nodes.textNode("yes"), nodes.numberNode(1), nodes.textNode("true")));
            case TIMESTAMP -> pick(List.of(nodes.textNode("yesterday"), nodes.numberNode(-1), nodes.numberNode(1e300)));
            case LIST -> {
                ArrayNode a = Json.array();
                int n = random.nextBoolean() ? 1 : (int) Math.min(200, (s.max() == null ? 3 : s.max() + 1));
                for (int i = 0; i < n; i++) {
                    a.add(random.nextBoolean() ? corrupt(s.member()) : plausible(s.member()));
                }
                yield a;
            }
            case MAP -> {
                ObjectNode o = Json.object();
                int n = random.nextBoolean() ? 1 : (int) Math.min(200, (s.max() == null ? 3 : s.max() + 1));
                for (int i = 0; i < n; i++) {
                    o.set(random.nextBoolean() ? "k" + i : evilText(), corrupt(s.member()));
                }
                yield o;
            }
            case STRUCTURE -> {
                ObjectNode o = Json.object();
                for (Shape.Field f : s.fields()) {
                    if (random.nextInt(3) == 0) {
                        o.set(f.name(), random.nextBoolean() ? corrupt(f.shape()) : plausible(f.shape()));
                    }
                }
                yield o;
            }
            case DOCUMENT -> evilValue();
        };
    }

    /** A value that satisfies the member's type (and often its constraints). */
    JsonNode plausible(Shape s) {
        var nodes = Json.MAPPER.getNodeFactory();
        if (s == null) {
            return nodes.textNode("x");
        }
        return switch (s.kind()) {
            case STRING, BLOB -> nodes.textNode(s.enumValues() != null ? pick(s.enumValues())
                    : pick(List.of("fuzz-rule", "fuzz", "fuzz-bucket", "k", "/fuzz", "arn:aws:iam::123456789012:role/fuzz")));
            case INTEGER, LONG -> nodes.numberNode(s.min() != null ? s.min() : 1);
            case DOUBLE, TIMESTAMP -> nodes.numberNode(1_795_000_000);
            case BOOLEAN -> nodes.booleanNode(random.nextBoolean());
            case LIST -> Json.array().add(plausible(s.member()));
            case MAP -> Json.object().set("k", plausible(s.member()));
            case STRUCTURE -> {
                ObjectNode o = Json.object();
                s.fields().stream().filter(Shape.Field::required).forEach(f -> o.set(f.name(), plausible(f.shape())));
                yield o;
            }
            case DOCUMENT -> Json.object();
        };
    }

    /** A structure input: required members plausible, then one to three members corrupted or unknown members added. */
    ObjectNode input(Shape shape) {
        ObjectNode in = shape == null ? Json.object() : (ObjectNode) plausible(shape);
        List<Shape.Field> fields = shape == null ? List.of() : shape.fields();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (fields.isEmpty() || random.nextInt(6) == 0) {
                in.set(pick(List.of("NextToken", "nextToken", "Limit", "maxResults", "MaxResults", "Marker", "name", "Name")),
                        pick(List.of(Json.MAPPER.getNodeFactory().textNode(pick(List.of("-1", "2147483647", "AAAA", "%%%"))),
                                Json.MAPPER.getNodeFactory().numberNode(99999999999L), evilValue())));
            } else {
                Shape.Field f = pick(fields);
                in.set(f.name(), corrupt(f.shape()));
            }
        }
        return in;
    }

    /** A body that is not what the protocol expects: truncated, trailing garbage, wrong root, deep, invalid UTF-8. */
    byte[] garbageJson(ObjectNode valid) {
        String text = Json.write(valid);
        String out = switch (random.nextInt(9)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length())));
            case 1 -> text + pick(List.of(" x", "}", ",{}", "\u0000", " {\"a\":1}"));
            case 2 -> pick(List.of("[]", "\"s\"", "1", "null", "true", "[{}]"));
            case 3 -> "[".repeat(2_000 + random.nextInt(3_000));
            case 4 -> "{\"a\":" + "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_501);
            case 5 -> "{\"n\":1" + "0".repeat(2_000) + "}";
            case 6 -> "{\"s\":\"" + "\\u00".repeat(3) + "\"}";
            case 7 -> "{'single':'quotes'}";
            default -> null;
        };
        if (out == null) {
            byte[] b = new byte[1 + random.nextInt(64)];
            random.nextBytes(b);
            return b;
        }
        return out.getBytes(StandardCharsets.UTF_8);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A form (query protocol) for an operation: its members flattened, with list indices that go wrong. */
    String form(String action, Shape shape, String version) {
        StringBuilder b = new StringBuilder();
        if (action != null) {
            b.append("Action=").append(enc(action));
        }
        if (version != null) {
            b.append("&Version=").append(version);
        }
        List<Shape.Field> fields = shape == null ? List.of() : shape.fields();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = fields.isEmpty() || random.nextInt(5) == 0 ? pick(List.of("MaxResults", "NextToken", "Filter", "DryRun"))
                    : pick(fields).name();
            String index = pick(List.of("1", "2", "0", "-1", "1000", "1001", "99999999999", "a", "", "1.1"));
            String suffix = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> "." + index;
                case 2 -> "." + index + ".Name";
                default -> "." + index + ".Value." + pick(List.of("1", "0", "99999999999"));
            };
            String value = random.nextInt(6) == 0 ? pick(List.of("%", "%zz", "%C3%28", "%u1234")) : enc(evilText());
            b.append('&').append(enc(name)).append(suffix).append('=').append(value);
        }
        return b.toString();
    }

    /** A REST path for a binding, with each label filled by plausible or hostile (but well-escaped) text. */
    String restPath(Binding binding) {
        StringBuilder b = new StringBuilder();
        for (String segment : binding.path().substring(1).split("/", -1)) {
            b.append('/');
            if (segment.startsWith("{")) {
                String label = enc(evilText()).replace("+", "%20");
                b.append(random.nextInt(3) == 0 || label.isEmpty() ? "fuzz" : label);
            } else {
                b.append(segment);
            }
        }
        return b.toString();
    }

    /** Query parameters for a binding's query members, hostile values. */
    String restQuery(Binding binding) {
        List<String> parts = new ArrayList<>();
        for (Binding.Member m : binding.members()) {
            if ((m.location() == Binding.Location.QUERY || m.location() == Binding.Location.QUERY_LIST) && random.nextBoolean()) {
                parts.add(enc(m.wireName()) + "=" + enc(evilText()));
            }
        }
        if (random.nextInt(4) == 0) {
            parts.add(pick(List.of("maxResults=99999999999", "nextToken=-1", "MaxItems=-5", "Marker=2147483647")));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** Header abuse: too many headers, or one huge header. */
    List<String> abusiveHeaders() {
        List<String> h = new ArrayList<>();
        if (random.nextBoolean()) {
            for (int i = 0; i < 201 + random.nextInt(300); i++) {
                h.add("X-Fuzz-" + i + ": " + i);
            }
        } else {
            h.add("X-Fuzz: " + "h".repeat(70_000 + random.nextInt(100_000)));
        }
        return h;
    }

    /** An aws-chunked body with a chunk size that lies. */
    byte[] badChunks() {
        String size = pick(List.of("-5", "7fffffff", "ffffffffffffffff", "zz", "", "1;", "100000000", "5\r\nabc"));
        return (size + ";chunk-signature=" + "0".repeat(64) + "\r\nabcdef\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    static List<Operation> ops(java.util.Collection<Operation> ops) {
        return List.copyOf(ops);
    }
}
