package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.JsonPaths;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives, as EventBridge computes it from the target's {@code Input} (constant
 * JSON), {@code InputPath} (a JSONPath into the event) or {@code InputTransformer}
 * ({@code InputPathsMap} + {@code InputTemplate} with {@code <name>} placeholders); none of them:
 * the whole event.
 *
 * <p>Placeholder rules (as EventBridge applies them): inside a JSON string the value's text is
 * inserted (a string without its quotes, JSON-escaped); outside a string the value's JSON is
 * inserted; a path that matches nothing gives an empty string inside quotes and {@code null}
 * outside. Predefined: {@code <aws.events.rule-arn>}, {@code <aws.events.rule-name>},
 * {@code <aws.events.event.ingestion-time>}, {@code <aws.events.event>} (the event without its
 * {@code detail}, as EventBridge documents it) and {@code <aws.events.event.json>} (the whole event).
 */
public final class TargetInput {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");
    /** The syntax EventBridge documents for InputPathsMap values. */
    private static final Pattern DOT_NOTATION = Pattern.compile("\\$(\\.([A-Za-z0-9_\\-/]+|\\*)|\\[(\\d+|\\*)\\])*");
    private static final Map<String, JsonPaths.Path> PATHS = new ConcurrentHashMap<>();

    private TargetInput() {
    }

    /** Validates a target's input members as PutTargets does; returns an error message or null. */
    public static String check(JsonNode target) {
        int kinds = (target.hasNonNull("Input") ? 1 : 0) + (target.hasNonNull("InputPath") ? 1 : 0)
                + (target.hasNonNull("InputTransformer") ? 1 : 0);
        if (kinds > 1) {
            return "Only one of Input, InputPath, or InputTransformer must be provided.";
        }
        if (target.hasNonNull("Input")) {
            try {
                Json.MAPPER.readTree(target.get("Input").asText());
            } catch (Exception e) {
                return "Input is not valid JSON text.";
            }
        }
        if (target.hasNonNull("InputPath") && compiled(target.get("InputPath").asText()) == null) {
            return "InputPath is not a valid JSONPath: " + target.get("InputPath").asText();
        }
        JsonNode t = target.get("InputTransformer");
        if (t != null && !t.isNull()) {
            if (!t.hasNonNull("InputTemplate")) {
                return "InputTransformer.InputTemplate is required.";
            }
            Iterator<Map.Entry<String, JsonNode>> it = t.path("InputPathsMap").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("aws.")) {
                    return "InputTransformer.InputPathsMap key '" + e.getKey() + "' is reserved (aws.*).";
                }
                String path = e.getValue().asText();
                if (compiled(path) == null) {
                    return "InputTransformer.InputPathsMap value for '" + e.getKey() + "' is not a valid JSONPath: " + path;
                }
                if (!DOT_NOTATION.matcher(path).matches()) {
                    return "InputTransformer.InputPathsMap value for '" + e.getKey()
                            + "' must use JSON dot notation, not bracket notation: " + path;
                }
            }
        }
        return null;
    }

    /** The text the target receives for {@code event}. */
    public static String render(JsonNode target, ObjectNode event, String ruleName, String ruleArn) {
        if (target.hasNonNull("Input")) {
            return target.get("Input").asText();
        }
        if (target.hasNonNull("InputPath")) {
            JsonNode v = path(event, target.get("InputPath").asText());
            return v == null ? "null" : Json.write(v);
        }
        JsonNode t = target.get("InputTransformer");
        if (t != null && !t.isNull()) {
            return transform(t, event, ruleName, ruleArn);
        }
        return Json.write(event);
    }

    static String transform(JsonNode transformer, ObjectNode event, String ruleName, String ruleArn) {
        String template = transformer.path("InputTemplate").asText();
        JsonNode paths = transformer.path("InputPathsMap");
        StringBuilder out = new StringBuilder(template.length() + 64);
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            JsonNode value;
            boolean known = true;
            switch (name) {
                case "aws.events.rule-arn" -> value = Json.MAPPER.getNodeFactory().textNode(ruleArn);
                case "aws.events.rule-name" -> value = Json.MAPPER.getNodeFactory().textNode(ruleName);
                case "aws.events.event.ingestion-time" -> value = event.path("time");
                case "aws.events.event" -> value = event.deepCopy().without("detail");
                case "aws.events.event.json" -> value = event;
                default -> {
                    if (paths.has(name)) {
                        value = path(event, paths.get(name).asText());
                    } else {
                        value = null;
                        known = false;
                    }
                }
            }
            out.append(template, last, m.start());
            last = m.end();
            if (!known) {
                out.append(m.group()); // not a placeholder EventBridge knows: left as written
                continue;
            }
            boolean quoted = insideString(template, m.start());
            if (quoted) {
                if (value != null && !value.isNull() && !value.isMissingNode()) {
                    String text = value.isValueNode() ? value.asText() : Json.write(value);
                    String escaped = Json.write(Json.MAPPER.getNodeFactory().textNode(text));
                    out.append(escaped, 1, escaped.length() - 1);
                }
            } else {
                out.append(value == null || value.isMissingNode() ? "null" : Json.write(value));
            }
        }
        out.append(template.substring(last));
        return out.toString();
    }

    /** True if {@code index} of a JSON-ish template is inside a string literal. */
    static boolean insideString(String template, int index) {
        boolean in = false;
        for (int i = 0; i < index; i++) {
            char c = template.charAt(i);
            if (c == '\\' && in) {
                i++;
            } else if (c == '"') {
                in = !in;
            }
        }
        return in;
    }

    /** The value {@code path} selects in {@code root} (AWS's JSONPath); null when it selects nothing. */
    public static JsonNode path(JsonNode root, String path) {
        JsonPaths.Path p = compiled(path);
        if (p == null) {
            throw AwsException.validation("Not a valid JSONPath: " + path);
        }
        try {
            return JsonPaths.read(p, root);
        } catch (JsonPaths.Missing e) {
            return null;
        }
    }

    /** The compiled path, or null when {@code text} is not a valid JSONPath. */
    private static JsonPaths.Path compiled(String text) {
        JsonPaths.Path p = PATHS.get(text);
        if (p == null) {
            try {
                p = JsonPaths.compile(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (PATHS.size() < 10_000) {
                PATHS.put(text, p);
            }
        }
        return p;
    }
}
