package dev.gbo.local.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Pages;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The validation rules, limits and error of AWS Batch's input members that several operations share. */
final class BatchInput {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    static final int MAX_QUEUES = 50;
    static final int MAX_COMPUTE_ENVIRONMENTS = 50;
    static final int MAX_DEPENDS_ON = 20;
    static final int MAX_SUBMIT_BYTES = 30 * 1024;
    static final int MAX_JOB_DEFINITION_BYTES = 24 * 1024;

    private BatchInput() {
    }

    /** Batch's one client error: ClientException, HTTP 400. */
    static AwsException client(String message) {
        return new AwsException("ClientException", 400, message);
    }

    /** A Describe* listing's pages: at most and by default 100, tokens scoped to the listing. */
    static Pages pages(String listing, int maxAllowed) {
        return new Pages("batch-" + listing, "nextToken", "maxResults", maxAllowed, BatchInput::client);
    }

    static String req(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw client(field + " is required.");
        }
        return v.asText();
    }

    /** A required resource name: 1 to 128 letters, digits, hyphens and underscores. */
    static String resourceName(JsonNode in, String field) {
        String v = req(in, field);
        if (!NAME.matcher(v).matches()) {
            throw client(field + " must be 1 to 128 characters of letters (uppercase and lowercase), numbers, "
                    + "hyphens (-) and underscores (_); got '" + v + "'.");
        }
        return v;
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** A compute environment's or job queue's state: ENABLED or DISABLED. */
    static String state(String s) {
        if (!"ENABLED".equals(s) && !"DISABLED".equals(s)) {
            throw client("state must be ENABLED or DISABLED; got '" + s + "'.");
        }
        return s;
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    static int priority(JsonNode p) {
        int priority = p.asInt(-1);
        if (!p.canConvertToInt() || priority < 0 || priority > 1000) {
            throw client("priority must be between 0 and 1000, got " + p + ".");
        }
        return priority;
    }

    /** A tags map, validated (keys, values, the aws: prefix, at most 50); empty when absent. */
    static ObjectNode tags(JsonNode node) {
        ObjectNode out = Json.object();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw client("tags must be a map of key to value.");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            String v = e.getValue().asText();
            if (k.isEmpty() || k.length() > 128) {
                throw client("Tag keys must be 1 to 128 characters; got a key of " + k.length() + ".");
            }
            if (v.length() > 256) {
                throw client("Tag values must be at most 256 characters; the value of '" + k + "' has " + v.length()
                        + ".");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw client("Tag keys starting with aws: are reserved; got '" + k + "'.");
            }
            out.put(k, v);
        }
        checkTagCount(out);
        return out;
    }

    static void checkTagCount(ObjectNode tags) {
        if (tags.size() > 50) {
            throw client("A resource can have at most 50 tags; got " + tags.size() + ".");
        }
    }

    /** [vcpus, memoryMiB] from resourceRequirements (or legacy vcpus/memory), overridden by {@code over}. */
    static int[] resources(JsonNode cp, JsonNode over) {
        int[] r = {0, 0};
        for (JsonNode src : new JsonNode[] {cp, over}) {
            if (src == null || src.isNull()) {
                continue;
            }
            if (src.hasNonNull("vcpus")) {
                r[0] = src.get("vcpus").asInt();
            }
            if (src.hasNonNull("memory")) {
                r[1] = src.get("memory").asInt();
            }
            JsonNode rr = src.get("resourceRequirements");
            if (rr != null && rr.isArray()) {
                for (JsonNode e : rr) {
                    String t = e.path("type").asText("");
                    String v = e.path("value").asText("");
                    double value;
                    try {
                        value = Double.parseDouble(v);
                    } catch (NumberFormatException ex) {
                        throw client("resourceRequirements value '" + v + "' for " + t + " is not a number.");
                    }
                    switch (t) {
                        case "VCPU" -> r[0] = (int) Math.ceil(value);
                        case "MEMORY" -> r[1] = (int) value;
                        case "GPU" -> {
                            // accepted, not simulated
                        }
                        default -> throw client("resourceRequirements type must be VCPU, MEMORY or GPU; got '" + t
                                + "'.");
                    }
                }
            }
        }
        return r;
    }

    static void checkEnvironment(JsonNode env, String field) {
        if (env == null || env.isNull()) {
            return;
        }
        if (!env.isArray()) {
            throw client(field + " must be a list of {name, value}.");
        }
        for (JsonNode e : env) {
            String n = e.path("name").asText("");
            if (n.startsWith("AWS_BATCH")) {
                throw client(field + ": environment variable names starting with AWS_BATCH are reserved for "
                        + "variables that AWS Batch sets; got '" + n + "'.");
            }
        }
    }

    static void checkRetry(JsonNode retry) {
        if (retry == null || retry.isNull()) {
            return;
        }
        if (retry.hasNonNull("attempts")) {
            int a = retry.get("attempts").asInt();
            if (a < 1 || a > 10) {
                throw client("retryStrategy.attempts must be between 1 and 10; got " + retry.get("attempts") + ".");
            }
        }
        JsonNode eoe = retry.get("evaluateOnExit");
        if (eoe != null && !eoe.isNull()) {
            if (!eoe.isArray() || eoe.size() > 5) {
                throw client("retryStrategy.evaluateOnExit can have at most 5 entries.");
            }
            for (JsonNode e : eoe) {
                String action = e.path("action").asText("");
                if (!"RETRY".equalsIgnoreCase(action) && !"EXIT".equalsIgnoreCase(action)) {
                    throw client("retryStrategy.evaluateOnExit.action must be RETRY or EXIT; got '" + action + "'.");
                }
                for (String f : List.of("onStatusReason", "onReason", "onExitCode")) {
                    if (e.hasNonNull(f) && e.get(f).asText().length() > 512) {
                        throw client("retryStrategy.evaluateOnExit." + f + " can be at most 512 characters.");
                    }
                }
                if (e.hasNonNull("onExitCode") && !e.get("onExitCode").asText().matches("[0-9]*\\*?")) {
                    throw client("retryStrategy.evaluateOnExit.onExitCode may contain only digits and a trailing *; "
                            + "got '" + e.get("onExitCode").asText() + "'.");
                }
            }
        }
    }

    static void checkTimeout(JsonNode timeout) {
        if (timeout == null || timeout.isNull() || !timeout.hasNonNull("attemptDurationSeconds")) {
            return;
        }
        if (timeout.get("attemptDurationSeconds").asInt() < 60) {
            throw client("timeout.attemptDurationSeconds must be at least 60 seconds; got "
                    + timeout.get("attemptDurationSeconds") + ".");
        }
    }
}
