package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** Evaluation of Choice rules, as the ASL specification defines each operator. */
final class Choices {

    private Choices() {
    }

    /**
     * True when the rule matches. A Variable (or ...Path value) that selects nothing is a
     * States.Runtime error, except for IsPresent. Comparing values of different types is false.
     */
    static boolean matches(Asl.ChoiceRule r, JsonNode input, JsonNode context) {
        return matches(r, input, context, null);
    }

    /** As {@link #matches(Asl.ChoiceRule, JsonNode, JsonNode)}, with the workflow variables {@code $name} paths read. */
    static boolean matches(Asl.ChoiceRule r, JsonNode input, JsonNode context, Variables vars) {
        switch (r.op) {
            case "And":
                for (Asl.ChoiceRule c : r.children) {
                    if (!matches(c, input, context, vars)) {
                        return false;
                    }
                }
                return true;
            case "Or":
                for (Asl.ChoiceRule c : r.children) {
                    if (matches(c, input, context, vars)) {
                        return true;
                    }
                }
                return false;
            case "Not":
                return !matches(r.children.get(0), input, context, vars);
            default:
                break;
        }
        JsonPath var = r.variable;
        if (r.variableName != null && r.op.equals("IsPresent") && (vars == null || vars.get(r.variableName) == null)) {
            return !r.value.asBoolean(); // an unassigned variable is not present
        }
        JsonNode doc = r.variableName != null ? Variables.document(vars, r.variableName) : var.isContext() ? context : input;
        if (r.op.equals("IsPresent")) {
            boolean present = var.exists(doc) && !(!var.isDefinite() && readQuiet(var, doc).isEmpty());
            return present == r.value.asBoolean();
        }
        JsonNode v = read(var, doc);
        JsonNode expected = r.value;
        String op = r.op;
        if (op.endsWith("Path")) {
            expected = read(r.valuePath, r.valueVariableName != null ? Variables.document(vars, r.valueVariableName)
                    : r.valuePath.isContext() ? context : input);
            op = op.substring(0, op.length() - 4);
        }
        switch (op) {
            case "IsNull":
                return v.isNull() == expected.asBoolean();
            case "IsString":
                return v.isTextual() == expected.asBoolean();
            case "IsNumeric":
                return v.isNumber() == expected.asBoolean();
            case "IsBoolean":
                return v.isBoolean() == expected.asBoolean();
            case "IsTimestamp":
                return (v.isTextual() && Asl.timestamp(v.asText()) != null) == expected.asBoolean();
            case "BooleanEquals":
                return v.isBoolean() && expected.isBoolean() && v.asBoolean() == expected.asBoolean();
            case "StringMatches":
                return v.isTextual() && expected.isTextual() && glob(expected.asText(), v.asText());
            default:
                break;
        }
        int c;
        if (op.startsWith("String")) {
            if (!v.isTextual() || !expected.isTextual()) {
                return false;
            }
            c = v.asText().compareTo(expected.asText());
            op = op.substring("String".length());
        } else if (op.startsWith("Numeric")) {
            if (!v.isNumber() || !expected.isNumber()) {
                return false;
            }
            c = v.decimalValue().compareTo(expected.decimalValue());
            op = op.substring("Numeric".length());
        } else if (op.startsWith("Timestamp")) {
            OffsetDateTime a = v.isTextual() ? Asl.timestamp(v.asText()) : null;
            OffsetDateTime b = expected.isTextual() ? Asl.timestamp(expected.asText()) : null;
            if (a == null || b == null) {
                return false;
            }
            c = a.toInstant().compareTo(b.toInstant());
            op = op.substring("Timestamp".length());
        } else {
            throw new IllegalStateException("unknown Choice operator " + r.op);
        }
        return switch (op) {
            case "Equals" -> c == 0;
            case "LessThan" -> c < 0;
            case "GreaterThan" -> c > 0;
            case "LessThanEquals" -> c <= 0;
            case "GreaterThanEquals" -> c >= 0;
            default -> throw new IllegalStateException("unknown Choice operator " + r.op);
        };
    }

    private static JsonNode readQuiet(JsonPath p, JsonNode doc) {
        try {
            return p.read(doc);
        } catch (JsonPath.NotFound e) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
    }

    private static JsonNode read(JsonPath p, JsonNode doc) {
        try {
            return p.read(doc);
        } catch (JsonPath.NotFound e) {
            throw new StatesError(StatesError.RUNTIME, "Invalid path '" + p.text()
                    + "': The choice state's condition path references an invalid value.");
        }
    }

    /** StringMatches: '*' matches any run of characters; '\*' and '\\' are literal. */
    static boolean glob(String pattern, String s) {
        return glob(pattern, 0, s, 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                pi++;
                c = p.charAt(pi);
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
