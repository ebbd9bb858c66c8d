package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an EXPRESS state machine's definition may not use (developer guide, "Choosing workflow type"):
 * the Run a Job ({@code .sync}) and Wait for Callback ({@code .waitForTaskToken}) integration
 * patterns, activities, and distributed Map. Each is a {@code SCHEMA_VALIDATION_FAILED} diagnostic
 * ({@code CODE: message at /pointer}, as {@link AslParser#check} writes them) with the wording AWS
 * answers CreateStateMachine with. The definition is walked as JSON, independently of the parser's
 * model, so the rules hold whatever the parser accepts; a definition that is not JSON yields nothing
 * here (the parser reports it).
 */
final class ExpressRules {

    private static final Pattern ACTIVITY = Pattern.compile("arn:aws[a-z-]*:states:[^:]*:[^:]*:activity:.+");

    private ExpressRules() {
    }

    /** The EXPRESS-only diagnostics of {@code definition}; empty when it may run as an EXPRESS workflow. */
    static List<String> check(String definition) {
        List<String> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(definition);
        } catch (Exception e) {
            return errors;
        }
        if (root != null && root.isObject()) {
            states(root.get("States"), "", errors);
        }
        return errors;
    }

    /** Refuses {@code definition} as CreateStateMachine/UpdateStateMachine do for an EXPRESS state machine. */
    static void require(String definition) {
        List<String> errors = check(definition);
        if (!errors.isEmpty()) {
            errors.addAll(AslParser.check(definition).errors());
            throw Asl.invalid(errors);
        }
    }

    private static void states(JsonNode states, String at, List<String> errors) {
        if (states == null || !states.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            String sat = at + "/States/" + e.getKey();
            JsonNode s = e.getValue();
            String type = s.path("Type").asText("");
            if (type.equals("Task") && s.path("Resource").isTextual()) {
                String resource = s.get("Resource").asText();
                if (ACTIVITY.matcher(resource).matches()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at " + sat + "/Resource");
                } else if (resource.startsWith("arn:") && resource.contains(":states:::")) {
                    String pattern = pattern(resource);
                    if (pattern != null) {
                        errors.add("SCHEMA_VALIDATION_FAILED: Express state machine does not support '" + pattern
                                + "' service integration at " + sat + "/Resource");
                    }
                }
            }
            if (type.equals("Parallel")) {
                JsonNode branches = s.get("Branches");
                if (branches != null && branches.isArray()) {
                    for (int i = 0; i < branches.size(); i++) {
                        states(branches.get(i).get("States"), sat + "/Branches/" + i, errors);
                    }
                }
            }
            if (type.equals("Map")) {
                for (String key : List.of("ItemProcessor", "Iterator")) {
                    JsonNode proc = s.get(key);
                    if (proc == null || !proc.isObject()) {
                        continue;
                    }
                    if ("DISTRIBUTED".equals(proc.path("ProcessorConfig").path("Mode").asText())) {
                        errors.add("SCHEMA_VALIDATION_FAILED: The field 'Mode' with value 'DISTRIBUTED' is not supported inside "
                                + "'EXPRESS' state machines at " + sat + "/" + key + "/ProcessorConfig/Mode");
                    }
                    states(proc.get("States"), sat + "/" + key, errors);
                }
            }
        }
    }

    /** {@code .sync} (also {@code .sync:2}) or {@code .waitForTaskToken} of an integration ARN; null for Request Response. */
    private static String pattern(String resource) {
        int dot = resource.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String suffix = resource.substring(dot);
        if (suffix.equals(".waitForTaskToken")) {
            return ".waitForTaskToken";
        }
        if (suffix.equals(".sync") || suffix.startsWith(".sync:")) {
            return ".sync";
        }
        return null;
    }
}
