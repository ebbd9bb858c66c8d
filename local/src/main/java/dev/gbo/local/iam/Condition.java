package dev.gbo.local.iam;

import dev.gbo.local.core.AwsException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One condition of a statement: an operator, a context key and its values ({@code StringEquals:
 * {iam:PassedToService: ec2.amazonaws.com}}). Several values of one key are ORed; the statement ANDs its
 * conditions. A key missing from the request context makes the condition false, except with the
 * {@code ...IfExists} operators, {@code Null} and {@code ForAllValues:}, as IAM evaluates them. The
 * string, ARN, Bool, Null and Numeric operators are evaluated; any other operator (Date, IpAddress,
 * Binary) is refused when the role is defined, so the local cloud never guesses.
 */
record Condition(String operator, String key, List<String> values) {

    private static final Set<String> STRING = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike");
    private static final Set<String> ARN = Set.of("ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike");
    private static final Set<String> NUMERIC = Set.of("NumericEquals", "NumericNotEquals", "NumericLessThan",
            "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals");

    /** Checks the operator when the policy is parsed. */
    static Condition of(String operator, String key, List<String> values) {
        String base = base(operator);
        if (!STRING.contains(base) && !ARN.contains(base) && !NUMERIC.contains(base) && !base.equals("Bool")
                && !base.equals("Null")) {
            throw new AwsException("MalformedPolicyDocument", 400, "Condition operator " + operator + " (key " + key
                    + ") is not evaluated by the local cloud's IAM (it evaluates the String, Arn, Numeric, Bool and"
                    + " Null operators). Deploy with IAM off (--no-iam) to use this policy locally.");
        }
        return new Condition(operator, key, List.copyOf(values));
    }

    private static String base(String operator) {
        String b = operator;
        if (b.startsWith("ForAnyValue:")) {
            b = b.substring("ForAnyValue:".length());
        } else if (b.startsWith("ForAllValues:")) {
            b = b.substring("ForAllValues:".length());
        }
        return b.endsWith("IfExists") ? b.substring(0, b.length() - "IfExists".length()) : b;
    }

    boolean holds(Map<String, String> context) {
        String value = lookup(context, key);
        String base = base(operator);
        if (base.equals("Null")) {
            boolean wantsAbsent = values.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return wantsAbsent == (value == null);
        }
        if (value == null) {
            return operator.endsWith("IfExists") || operator.startsWith("ForAllValues:");
        }
        boolean negated = base.contains("Not");
        boolean any = false;
        for (String v : values) {
            if (compare(base, v, value)) {
                any = true;
                break;
            }
        }
        return negated ? !any : any;
    }

    /** Condition keys are case-insensitive; the request context's keys are as AWS spells them. */
    private static String lookup(Map<String, String> context, String key) {
        String v = context.get(key);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : context.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean compare(String base, String expected, String actual) {
        return switch (base) {
            case "StringEquals", "StringNotEquals" -> expected.equals(actual);
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> expected.equalsIgnoreCase(actual);
            case "StringLike", "StringNotLike" -> Wildcards.matches(expected, actual, false);
            case "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike" -> Wildcards.arnMatches(expected, actual);
            case "Bool" -> expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
            default -> numeric(base, expected, actual);
        };
    }

    private static boolean numeric(String base, String expected, String actual) {
        BigDecimal e;
        BigDecimal a;
        try {
            e = new BigDecimal(expected);
            a = new BigDecimal(actual);
        } catch (NumberFormatException ex) {
            return false;
        }
        int c = a.compareTo(e);
        return switch (base) {
            case "NumericEquals", "NumericNotEquals" -> c == 0;
            case "NumericLessThan" -> c < 0;
            case "NumericLessThanEquals" -> c <= 0;
            case "NumericGreaterThan" -> c > 0;
            default -> c >= 0;
        };
    }

    @Override
    public String toString() {
        return operator + " " + key + " " + values;
    }
}
