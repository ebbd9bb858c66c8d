package dev.gbo.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the pacing sections of a scenario: {@code timing} (simulated durations of the Batch job
 * lifecycle) and {@code throttling} (per-API and per-operation token-bucket rates, including the
 * {@code timing.submitJobTps} alias of {@code rates."batch:SubmitJob"}).
 */
final class ThrottlingReader extends ScenarioFields {

    ThrottlingReader(String source) {
        super(source);
    }

    Scenario.Timing timing(JsonNode node) {
        Scenario.Timing d = Scenario.Timing.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        object(node, "timing");
        allowed(node, "timing.", "computeEnvironmentCreateSeconds", "submittedSeconds", "pendingSeconds",
                "instanceLaunchSeconds", "startingSeconds", "runSeconds", "submitJobTps");
        long max = 86_400;
        return new Scenario.Timing(
                lng(node, "computeEnvironmentCreateSeconds", d.computeEnvironmentCreateSeconds(), 0, max),
                lng(node, "submittedSeconds", d.submittedSeconds(), 0, max),
                lng(node, "pendingSeconds", d.pendingSeconds(), 0, max),
                lng(node, "instanceLaunchSeconds", d.instanceLaunchSeconds(), 0, max),
                lng(node, "startingSeconds", d.startingSeconds(), 0, max),
                lng(node, "runSeconds", d.runSeconds(), 0, max),
                (int) lng(node, "submitJobTps", d.submitJobTps(), 1, 1_000_000));
    }

    static final Set<String> THROTTLED_APIS = Set.of("batch", "ec2", "states", "logs", "events", "lambda", "s3",
            "ecr", "sts");
    private static final Pattern RATE_KEY = Pattern.compile("([a-z0-9]+)(:([A-Z][A-Za-z0-9]*))?");

    /** {@code throttling}: false/"off", or {"enabled", "rates"}; {@code timing.submitJobTps} is an alias of rates."batch:SubmitJob". */
    Scenario.Throttling throttling(JsonNode node, JsonNode timingNode) {
        boolean enabled = true;
        Map<String, Scenario.ThrottleRate> rates = new LinkedHashMap<>();
        if (node != null && !node.isNull()) {
            if (node.isBoolean()) {
                enabled = node.asBoolean();
            } else if (node.isTextual() && node.asText().equals("off")) {
                enabled = false;
            } else if (node.isObject()) {
                allowed(node, "throttling.", "enabled", "rates");
                enabled = bool(node, "enabled", "throttling", true);
                JsonNode r = node.get("rates");
                if (r != null && !r.isNull()) {
                    object(r, "throttling.rates");
                    Iterator<Map.Entry<String, JsonNode>> it = r.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        String path = "throttling.rates." + e.getKey();
                        var m = RATE_KEY.matcher(e.getKey());
                        if (!m.matches() || !THROTTLED_APIS.contains(m.group(1))) {
                            throw error(path, "not an API or API:Operation such as \"batch:SubmitJob\" or \"ec2\"; APIs are "
                                    + new java.util.TreeSet<>(THROTTLED_APIS));
                        }
                        rates.put(e.getKey(), rate(e.getValue(), path));
                    }
                }
            } else {
                throw error("throttling", "expected false, \"off\" or an object {\"enabled\", \"rates\"}, got " + node);
            }
        }
        if (timingNode != null && timingNode.isObject() && timingNode.hasNonNull("submitJobTps")) {
            double tps = timingNode.get("submitJobTps").asDouble();
            Scenario.ThrottleRate given = rates.get("batch:SubmitJob");
            if (given != null && (given.off() || given.bucketSize() != tps || given.refillPerSecond() != tps)) {
                throw error("timing.submitJobTps", "is an alias of throttling.rates.\"batch:SubmitJob\"; give one of them, not both");
            }
            rates.put("batch:SubmitJob", new Scenario.ThrottleRate(tps, tps, false));
        }
        return new Scenario.Throttling(enabled, rates);
    }

    Scenario.ThrottleRate rate(JsonNode v, String path) {
        if (v.isTextual() && v.asText().equals("off")) {
            return new Scenario.ThrottleRate(0, 0, true);
        }
        if (v.isNumber()) {
            if (!(v.asDouble() > 0)) {
                throw error(path, "requests per second must be > 0, got " + v);
            }
            return new Scenario.ThrottleRate(Math.max(1, v.asDouble()), v.asDouble(), false);
        }
        if (v.isObject()) {
            allowed(v, path + ".", "bucketSize", "refillPerSecond");
            JsonNode size = v.get("bucketSize");
            JsonNode refill = v.get("refillPerSecond");
            if (size == null || !size.isNumber() || size.asDouble() < 1) {
                throw error(path + ".bucketSize", "is required: a number of tokens >= 1, got " + size);
            }
            if (refill == null || !refill.isNumber() || !(refill.asDouble() > 0)) {
                throw error(path + ".refillPerSecond", "is required: tokens per second > 0, got " + refill);
            }
            return new Scenario.ThrottleRate(size.asDouble(), refill.asDouble(), false);
        }
        throw error(path, "expected requests per second (a number), {\"bucketSize\", \"refillPerSecond\"} or \"off\", got " + v);
    }
}
