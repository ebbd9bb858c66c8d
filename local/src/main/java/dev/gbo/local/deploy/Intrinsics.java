package dev.gbo.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions in a template fragment (long forms; {@link CfnYaml}
 * turns the short forms into them): {@code Ref}, {@code Fn::Sub} (string and [string, vars]),
 * {@code Fn::GetAtt}, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And},
 * {@code Fn::Or}, {@code Condition}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split},
 * {@code Fn::FindInMap}, {@code Fn::Base64}, {@code Fn::GetAZs}, {@code Fn::ToJsonString},
 * {@code Fn::Length}. {@code Ref AWS::NoValue} removes the property or list element.
 */
public final class Intrinsics {
    private static final Pattern SUB = Pattern.compile("\\$\\{(!?)([^}]*)}");
    /** Marker for AWS::NoValue while resolving; removed from objects and arrays. */
    static final JsonNode NO_VALUE = JsonNodeFactory.instance.textNode("\u0000AWS::NoValue\u0000");

    /** What intrinsics need from the deployer: references, attributes, conditions, mappings. */
    public interface Scope {
        /** Ref of a parameter, pseudo parameter or resource (a string, or an array for List parameters). */
        JsonNode ref(String name);

        JsonNode getAtt(String resource, String attribute);

        boolean condition(String name);

        JsonNode mapping(String map, String topKey, String secondKey);

        List<String> availabilityZones();
    }

    private final Scope scope;

    public Intrinsics(Scope scope) {
        this.scope = scope;
    }

    /** The fragment with every intrinsic evaluated (AWS::NoValue members removed). */
    public JsonNode resolve(JsonNode node) {
        JsonNode r = eval(node);
        return r == NO_VALUE ? null : r;
    }

    private JsonNode eval(JsonNode node) {
        if (node == null || node.isNull() || node.isValueNode()) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            for (JsonNode e : node) {
                JsonNode v = eval(e);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            if ("Ref".equals(key) || key.startsWith("Fn::") || ("Condition".equals(key) && node.get(key).isTextual()
                    && isConditionFunction(node))) {
                return function(key, node.get(key));
            }
        }
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = eval(e.getValue());
            if (v != NO_VALUE) {
                out.set(e.getKey(), v);
            }
        }
        return out;
    }

    /** {"Condition": "Name"} inside a condition expression; a resource's "Condition" member is not a function. */
    private boolean isConditionFunction(JsonNode node) {
        return inCondition;
    }

    private boolean inCondition;

    /** Evaluates a condition expression (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition). */
    public boolean condition(JsonNode expression) {
        boolean saved = inCondition;
        inCondition = true;
        try {
            return truth(eval(expression));
        } finally {
            inCondition = saved;
        }
    }

    private static boolean truth(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return "true".equalsIgnoreCase(v.asText());
        }
        throw new DeployException("A condition must evaluate to true or false, got " + v);
    }

    private JsonNode function(String name, JsonNode arg) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (name) {
            case "Ref": {
                String ref = eval(arg).asText();
                if ("AWS::NoValue".equals(ref)) {
                    return NO_VALUE;
                }
                return scope.ref(ref);
            }
            case "Condition":
                return f.booleanNode(scope.condition(arg.asText()));
            case "Fn::GetAtt": {
                JsonNode a = eval(arg);
                if (a.isTextual()) {
                    String s = a.asText();
                    int dot = s.indexOf('.');
                    return scope.getAtt(s.substring(0, dot), s.substring(dot + 1));
                }
                return scope.getAtt(a.get(0).asText(), a.get(1).asText());
            }
            case "Fn::Sub":
                return f.textNode(sub(arg));
            case "Fn::If": {
                requireArray(name, arg, 3);
                boolean c = scope.condition(arg.get(0).asText());
                return eval(arg.get(c ? 1 : 2));
            }
            case "Fn::Equals": {
                requireArray(name, arg, 2);
                return f.booleanNode(text(eval(arg.get(0))).equals(text(eval(arg.get(1)))));
            }
            case "Fn::Not": {
                requireArray(name, arg, 1);
                return f.booleanNode(!condition(arg.get(0)));
            }
            case "Fn::And": {
                boolean all = true;
                for (JsonNode c : arg) {
                    all &= condition(c);
                }
                return f.booleanNode(all);
            }
            case "Fn::Or": {
                boolean any = false;
                for (JsonNode c : arg) {
                    any |= condition(c);
                }
                return f.booleanNode(any);
            }
            case "Fn::Join": {
                requireArray(name, arg, 2);
                String sep = eval(arg.get(0)).asText();
                JsonNode list = eval(arg.get(1));
                List<String> parts = new ArrayList<>();
                for (JsonNode p : list) {
                    parts.add(text(p));
                }
                return f.textNode(String.join(sep, parts));
            }
            case "Fn::Select": {
                requireArray(name, arg, 2);
                int index = Integer.parseInt(text(eval(arg.get(0))));
                JsonNode list = eval(arg.get(1));
                if (index < 0 || index >= list.size()) {
                    throw new DeployException("Fn::Select index " + index + " is out of range for " + list);
                }
                return list.get(index);
            }
            case "Fn::Split": {
                requireArray(name, arg, 2);
                String sep = eval(arg.get(0)).asText();
                String s = text(eval(arg.get(1)));
                ArrayNode out = Json.array();
                int from = 0;
                while (true) {
                    int i = s.indexOf(sep, from);
                    if (i < 0 || sep.isEmpty()) {
                        out.add(s.substring(from));
                        break;
                    }
                    out.add(s.substring(from, i));
                    from = i + sep.length();
                }
                return out;
            }
            case "Fn::FindInMap": {
                requireArray(name, arg, 3);
                return scope.mapping(text(eval(arg.get(0))), text(eval(arg.get(1))), text(eval(arg.get(2))));
            }
            case "Fn::Base64":
                return f.textNode(Base64.getEncoder().encodeToString(text(eval(arg)).getBytes(StandardCharsets.UTF_8)));
            case "Fn::GetAZs": {
                ArrayNode out = Json.array();
                scope.availabilityZones().forEach(out::add);
                return out;
            }
            case "Fn::ToJsonString":
                return f.textNode(Json.write(eval(arg)));
            case "Fn::Length":
                return f.numberNode(eval(arg).size());
            default:
                throw new DeployException("The intrinsic function " + name + " is not supported by the local deployer"
                        + " (supported: Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or,"
                        + " Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::ToJsonString,"
                        + " Fn::Length).");
        }
    }

    private static void requireArray(String name, JsonNode arg, int size) {
        if (arg == null || !arg.isArray() || arg.size() != size) {
            throw new DeployException(name + " takes a list of " + size + " arguments, got " + arg);
        }
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(p -> parts.add(p.asText()));
            return String.join(",", parts);
        }
        return v.asText();
    }

    private String sub(JsonNode arg) {
        String template;
        JsonNode vars = null;
        if (arg.isArray()) {
            template = eval(arg.get(0)).asText();
            vars = arg.size() > 1 ? eval(arg.get(1)) : null;
        } else {
            template = arg.asText();
        }
        Matcher m = SUB.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            String name = m.group(2).trim();
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + "}"; // ${!Literal}
            } else if (vars != null && vars.has(name)) {
                replacement = text(vars.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = text(scope.getAtt(name.substring(0, dot), name.substring(dot + 1)));
            } else {
                replacement = text(scope.ref(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
