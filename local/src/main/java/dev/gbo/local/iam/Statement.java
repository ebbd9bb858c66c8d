package dev.gbo.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One statement of an identity-based policy: Effect, Action or NotAction, Resource or NotResource and
 * Condition, as IAM reads them (a single string or a list for each; wildcards in actions and resources).
 * {@code index} is its position in the policy, for reports of statements without a Sid.
 */
record Statement(String sid, int index, boolean allow, List<String> actions, boolean notAction, List<String> resources,
        boolean notResource, List<Condition> conditions, boolean variables) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    static Statement parse(JsonNode s, int index, boolean variables) {
        if (!s.isObject()) {
            throw malformed("statement " + index + " is not an object: " + s);
        }
        if (s.has("Principal") || s.has("NotPrincipal")) {
            throw malformed("Policy document should not specify a principal (statement " + label(s, index) + ").");
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw malformed("Effect must be Allow or Deny in statement " + label(s, index) + ", got '" + effect + "'.");
        }
        if (s.has("Action") == s.has("NotAction")) {
            throw malformed("Statement " + label(s, index) + " must have exactly one of Action and NotAction.");
        }
        if (s.has("Resource") == s.has("NotResource")) {
            throw malformed("Statement " + label(s, index) + " must have exactly one of Resource and NotResource.");
        }
        List<String> actions = strings(s.has("Action") ? s.get("Action") : s.get("NotAction"), "Action", s, index);
        for (String a : actions) {
            if (!a.equals("*") && !a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                throw malformed("Action '" + a + "' in statement " + label(s, index)
                        + " must be <service prefix>:<action> (wildcards * and ? allowed).");
            }
        }
        List<String> resources = strings(s.has("Resource") ? s.get("Resource") : s.get("NotResource"), "Resource", s, index);
        List<Condition> conditions = new ArrayList<>();
        JsonNode c = s.path("Condition");
        if (!c.isMissingNode() && !c.isObject()) {
            throw malformed("Condition of statement " + label(s, index) + " must be an object.");
        }
        Iterator<Map.Entry<String, JsonNode>> ops = c.fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!op.getValue().isObject()) {
                throw malformed("Condition operator " + op.getKey() + " of statement " + label(s, index)
                        + " must map keys to values.");
            }
            op.getValue().fields().forEachRemaining(k -> conditions.add(Condition.of(op.getKey(), k.getKey(),
                    strings(k.getValue(), "Condition value", s, index))));
        }
        return new Statement(s.path("Sid").asText(null), index, effect.equals("Allow"), actions, s.has("NotAction"),
                resources, s.has("NotResource"), List.copyOf(conditions), variables);
    }

    private static String label(JsonNode s, int index) {
        return s.hasNonNull("Sid") ? s.get("Sid").asText() : "#" + index;
    }

    private static List<String> strings(JsonNode n, String what, JsonNode s, int index) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            throw malformed(what + " of statement " + label(s, index) + " is empty.");
        }
        if (n.isArray()) {
            n.forEach(v -> {
                if (!v.isValueNode()) {
                    throw malformed(what + " of statement " + label(s, index) + " must hold strings, got " + v + ".");
                }
                out.add(v.asText());
            });
        } else if (n.isValueNode()) {
            out.add(n.asText());
        } else {
            throw malformed(what + " of statement " + label(s, index) + " must be a string or a list of strings, got "
                    + n + " (an intrinsic function the deployer could not resolve?).");
        }
        if (out.isEmpty()) {
            throw malformed(what + " of statement " + label(s, index) + " is an empty list.");
        }
        return List.copyOf(out);
    }

    static AwsException malformed(String message) {
        return new AwsException("MalformedPolicyDocument", 400, message);
    }

    /** The action patterns of this statement that match {@code action} (empty: none; NotAction: inverted). */
    List<String> matchingActions(String action) {
        List<String> hits = new ArrayList<>(1);
        for (String a : actions) {
            if (Wildcards.matches(a, action, true)) {
                hits.add(a);
            }
        }
        if (notAction) {
            return hits.isEmpty() ? List.of("NotAction " + actions) : List.of();
        }
        return hits;
    }

    /** The resource patterns that match {@code resource} (policy variables resolved from the context). */
    List<String> matchingResources(String resource, Map<String, String> context) {
        List<String> hits = new ArrayList<>(1);
        for (String r : resources) {
            String pattern = variables ? substitute(r, context) : r;
            if (pattern != null && Wildcards.matches(pattern, resource, false)) {
                hits.add(r);
            }
        }
        if (notResource) {
            return hits.isEmpty() ? List.of("NotResource " + resources) : List.of();
        }
        return hits;
    }

    boolean conditionsHold(Map<String, String> context) {
        for (Condition c : conditions) {
            if (!c.holds(context)) {
                return false;
            }
        }
        return true;
    }

    /** Policy variables (Version 2012-10-17): {@code ${aws:PrincipalAccount}} etc.; an unknown one never matches. */
    private static String substitute(String pattern, Map<String, String> context) {
        if (!pattern.contains("${")) {
            return pattern;
        }
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "*" -> "*";
                case "?" -> "?";
                case "$" -> "$";
                default -> context.get(name);
            };
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How reports name it: the Sid, else its position. */
    String name() {
        return sid != null && !sid.isEmpty() ? sid : "statement " + index;
    }
}
