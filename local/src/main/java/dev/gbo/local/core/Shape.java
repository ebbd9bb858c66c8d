package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input of one operation as the API's model declares it: member types, required members, lengths,
 * ranges, patterns and enums. Written once per operation in a small notation ({@link #parse}), checked
 * by the {@link OperationRegistry} before the operation runs, in two steps as AWS does: a member of the
 * wrong type is a serialization error ({@link InputErrors#wrongType}), then every constraint violation
 * is collected into one validation error ({@link InputErrors#invalid}), in the words of AWS's
 * validation messages ({@code 1 validation error detected: Value 'x' at 'name' failed to satisfy
 * constraint: Member must have length less than or equal to 80}).
 *
 * <pre>{@code
 * name!: string[1..80]; definition!#: string[1..1048576]; type: enum(STANDARD|EXPRESS);
 * tags: list[..50]<{key!: string[1..128]; value!: string[0..256]}>; maxResults: int[0..1000]
 * }</pre>
 * {@code !} marks a required member, {@code #} a sensitive one (its value is never quoted); patterns
 * are written {@code string[1..64]/[.\-_A-Za-z0-9]+/}. Members the shape does not name are ignored, as
 * AWS ignores them.
 */
public final class Shape {

    /** The kinds of the model's shapes. */
    public enum Kind { STRING, INTEGER, LONG, DOUBLE, BOOLEAN, TIMESTAMP, BLOB, LIST, MAP, STRUCTURE, DOCUMENT }

    /** A member of a structure. */
    public record Field(String name, Shape shape, boolean required, boolean sensitive) {
    }

    /** How an API words the two kinds of input error. */
    public interface InputErrors {
        /** A member's value has the wrong type ({@code message} says which member and what it expects). */
        AwsException wrongType(String path, String message);

        /** Constraint violations, each in AWS's words ("Value 'x' at 'name' failed to satisfy constraint: ..."). */
        AwsException invalid(List<String> violations);

        /** The JSON protocols' words: SerializationException, then ValidationException. */
        InputErrors JSON = of((path, message) -> new AwsException("SerializationException", 400, message),
                AwsException::validation);

        /** The JSON protocols' SerializationException for a wrong type, and the API's own error for the violations' summary. */
        static InputErrors json(java.util.function.Function<String, AwsException> invalid) {
            return of(JSON::wrongType, invalid);
        }

        /**
         * An API's errors: {@code wrongType} gets the member's path and the message; {@code invalid} gets the
         * {@link #summary} of the violations.
         */
        static InputErrors of(java.util.function.BiFunction<String, String, AwsException> wrongType,
                              java.util.function.Function<String, AwsException> invalid) {
            return new InputErrors() {
                @Override
                public AwsException wrongType(String path, String message) {
                    return wrongType.apply(path, message);
                }

                @Override
                public AwsException invalid(List<String> violations) {
                    return invalid.apply(summary(violations));
                }
            };
        }

        /** "1 validation error detected: ..." / "3 validation errors detected: ...; ...". */
        static String summary(List<String> violations) {
            return violations.size() + " validation error" + (violations.size() == 1 ? "" : "s") + " detected: "
                    + String.join("; ", violations);
        }
    }

    private static final int MAX_QUOTED = 128;
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    final Kind kind;
    final Long min;
    final Long max;
    final Pattern pattern;
    final List<String> enumValues;
    final Shape member;
    final Map<String, Field> fields;

    Shape(Kind kind, Long min, Long max, Pattern pattern, List<String> enumValues, Shape member, Map<String, Field> fields) {
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.pattern = pattern;
        this.enumValues = enumValues == null ? null : List.copyOf(enumValues);
        this.member = member;
        this.fields = fields == null ? null : new LinkedHashMap<>(fields);
    }

    /** A structure shape from the notation above; an {@link IllegalArgumentException} says where it is malformed. */
    public static Shape parse(String notation) {
        return new ShapeParser(notation).structure();
    }

    public Kind kind() {
        return kind;
    }

    public Long min() {
        return min;
    }

    public Long max() {
        return max;
    }

    public Pattern pattern() {
        return pattern;
    }

    public List<String> enumValues() {
        return enumValues;
    }

    /** The element shape of a list, the value shape of a map; null otherwise. */
    public Shape member() {
        return member;
    }

    /** The members of a structure, in declaration order; empty otherwise. */
    public List<Field> fields() {
        return fields == null ? List.of() : List.copyOf(fields.values());
    }

    /**
     * Checks {@code input} against this structure: first the types (the first wrong one is thrown), then
     * every constraint (all violations in one error). {@code textMembers} names top-level members that
     * arrive as text on the wire (REST labels, query parameters, headers): their numbers and booleans
     * are accepted as text; {@code allText} does so for every member (query protocols, S3).
     */
    public void check(JsonNode input, InputErrors errors, Set<String> textMembers, boolean allText) {
        for (Field f : fields()) {
            JsonNode v = input.get(f.name());
            if (v != null && !v.isNull()) {
                types(f.shape(), v, f.name(), allText || textMembers.contains(f.name()), errors);
            }
        }
        List<String> violations = new ArrayList<>();
        constraints(input, "", violations);
        if (!violations.isEmpty()) {
            throw errors.invalid(violations);
        }
    }

    private static void types(Shape s, JsonNode v, String path, boolean text, InputErrors errors) {
        switch (s.kind) {
            case STRING -> {
                if (!v.isTextual()) {
                    throw errors.wrongType(path, found(v) + " can not be converted to a String: member '" + path
                            + "' must be a string.");
                }
            }
            case INTEGER, LONG -> {
                BigInteger n = integral(v, text);
                boolean isInt = s.kind == Kind.INTEGER;
                if (n == null) {
                    throw errors.wrongType(path, found(v) + " can not be converted to " + (isInt ? "an Integer" : "a Long")
                            + ": member '" + path + "' must be a whole number.");
                }
                if (n.compareTo(isInt ? INT_MIN : LONG_MIN) < 0 || n.compareTo(isInt ? INT_MAX : LONG_MAX) > 0) {
                    throw errors.wrongType(path, "NUMBER_VALUE " + clip(v.asText()) + " is out of range of "
                            + (isInt ? "an Integer (-2147483648 to 2147483647)" : "a Long") + ": member '" + path + "'.");
                }
            }
            case DOUBLE, TIMESTAMP -> {
                if (!v.isNumber() && !(text && v.isTextual() && decimal(v.asText()) != null)
                        && !(s.kind == Kind.TIMESTAMP && v.isTextual())) {
                    throw errors.wrongType(path, found(v) + " can not be converted to a "
                            + (s.kind == Kind.DOUBLE ? "Double" : "Timestamp") + ": member '" + path + "' must be a number.");
                }
            }
            case BOOLEAN -> {
                if (!v.isBoolean() && !(text && v.isTextual() && ("true".equals(v.asText()) || "false".equals(v.asText())))) {
                    throw errors.wrongType(path, found(v) + " can not be converted to a Boolean: member '" + path
                            + "' must be true or false.");
                }
            }
            case BLOB -> {
                if (!v.isTextual()) {
                    throw errors.wrongType(path, found(v) + " can not be converted to a Blob: member '" + path
                            + "' must be a base64 string.");
                }
            }
            case LIST -> {
                if (!v.isArray()) {
                    throw errors.wrongType(path, expected(v, "list") + ": member '" + path + "' must be a list.");
                }
                int i = 0;
                for (JsonNode e : v) {
                    i++;
                    if (!e.isNull()) {
                        types(s.member, e, path + "." + i, text, errors);
                    }
                }
            }
            case MAP -> {
                if (!v.isObject()) {
                    throw errors.wrongType(path, expected(v, "map") + ": member '" + path + "' must be a map.");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isNull()) {
                        types(s.member, e.getValue(), path + "." + clip(e.getKey()), text, errors);
                    }
                }
            }
            case STRUCTURE -> {
                if (!v.isObject()) {
                    throw errors.wrongType(path, expected(v, "structure") + ": member '" + path + "' must be a structure.");
                }
                for (Field f : s.fields.values()) {
                    JsonNode c = v.get(f.name());
                    if (c != null && !c.isNull()) {
                        types(f.shape(), c, path + "." + f.name(), text, errors);
                    }
                }
            }
            case DOCUMENT -> { }
        }
    }

    private void constraints(JsonNode v, String path, List<String> out) {
        switch (kind) {
            case STRUCTURE -> {
                for (Field f : fields.values()) {
                    JsonNode c = v.get(f.name());
                    String name = Character.toLowerCase(f.name().charAt(0)) + f.name().substring(1); // as AWS words it
                    String p = path.isEmpty() ? name : path + "." + name;
                    if (c == null || c.isNull()) {
                        if (f.required()) {
                            out.add("Value null at '" + p + "' failed to satisfy constraint: Member must not be null");
                        }
                    } else {
                        f.shape().value(c, p, f.sensitive(), out);
                    }
                }
            }
            default -> value(v, path, false, out);
        }
    }

    private void value(JsonNode v, String path, boolean sensitive, List<String> out) {
        String quoted = sensitive ? "Value" : "Value '" + clip(v.isContainerNode() ? Json.write(v) : v.asText()) + "'";
        String at = quoted + " at '" + path + "' failed to satisfy constraint: Member must ";
        switch (kind) {
            case STRING, BLOB -> {
                long length = v.asText().codePointCount(0, v.asText().length());
                length(length, at, out);
                if (enumValues != null && !enumValues.contains(v.asText())) {
                    out.add(at + "satisfy enum value set: [" + String.join(", ", enumValues) + "]");
                }
                if (pattern != null && !pattern.matcher(v.asText()).matches()) {
                    out.add(at + "satisfy regular expression pattern: " + pattern.pattern());
                }
            }
            case INTEGER, LONG, DOUBLE -> {
                BigDecimal n = v.isNumber() ? v.decimalValue() : decimal(v.asText());
                if (n != null && min != null && n.compareTo(BigDecimal.valueOf(min)) < 0) {
                    out.add(at + "have value greater than or equal to " + min);
                }
                if (n != null && max != null && n.compareTo(BigDecimal.valueOf(max)) > 0) {
                    out.add(at + "have value less than or equal to " + max);
                }
            }
            case LIST -> {
                length(v.size(), at, out);
                int i = 0;
                for (JsonNode e : v) {
                    i++;
                    if (!e.isNull()) {
                        member.constraintsOf(e, path + "." + i + ".member", out);
                    }
                }
            }
            case MAP -> {
                length(v.size(), at, out);
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isNull()) {
                        member.constraintsOf(e.getValue(), path + "." + clip(e.getKey()) + ".member", out);
                    }
                }
            }
            case STRUCTURE -> constraints(v, path, out);
            default -> { }
        }
    }

    private void constraintsOf(JsonNode v, String path, List<String> out) {
        if (kind == Kind.STRUCTURE) {
            constraints(v, path, out);
        } else {
            value(v, path, false, out);
        }
    }

    private void length(long length, String at, List<String> out) {
        if (min != null && length < min) {
            out.add(at + "have length greater than or equal to " + min);
        }
        if (max != null && length > max) {
            out.add(at + "have length less than or equal to " + max);
        }
    }

    private static BigInteger integral(JsonNode v, boolean text) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : null;
        }
        if (text && v.isTextual() && v.asText().matches("[-+]?\\d{1,40}")) {
            return new BigInteger(v.asText());
        }
        return null;
    }

    private static BigDecimal decimal(String s) {
        if (s.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String found(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "STRING_VALUE";
            case NUMBER -> "NUMBER_VALUE";
            case BOOLEAN -> "BOOLEAN_VALUE";
            case ARRAY -> "Start of list found where not expected; it";
            case OBJECT -> "Start of structure or map found where not expected; it";
            default -> "VALUE";
        };
    }

    private static String expected(JsonNode v, String what) {
        return found(v) + " can not be converted to a " + what;
    }

    static String clip(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
    }
}
