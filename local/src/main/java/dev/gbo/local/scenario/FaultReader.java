package dev.gbo.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fault and behaviour sections of a scenario: {@code computeEnvironmentFaults}, the
 * scripted Batch {@code jobs} and their attempt outcomes, {@code eventFaults} (EventBridge delivery
 * faults), {@code apiFaults} (injected API errors with their default codes per service) and
 * {@code lambdaFaults}.
 */
final class FaultReader extends ScenarioFields {

    FaultReader(String source) {
        super(source);
    }

    List<Scenario.ComputeEnvironmentFault> ceFaults(JsonNode node) {
        List<Scenario.ComputeEnvironmentFault> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        array(node, "computeEnvironmentFaults");
        int i = 0;
        for (JsonNode f : node) {
            String path = "computeEnvironmentFaults[" + i++ + "]";
            object(f, path);
            allowed(f, path + ".", "computeEnvironment", "statusReason");
            out.add(new Scenario.ComputeEnvironmentFault(str(f, "computeEnvironment", "*"),
                    str(f, "statusReason", "CLIENT_ERROR - The scenario forces this compute environment INVALID.")));
        }
        return out;
    }

    List<Scenario.JobBehaviour> jobs(JsonNode node) {
        List<Scenario.JobBehaviour> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        array(node, "jobs");
        int i = 0;
        for (JsonNode j : node) {
            String path = "jobs[" + i++ + "]";
            object(j, path);
            allowed(j, path + ".", "jobName", "image", "attempts");
            JsonNode attempts = j.get("attempts");
            if (attempts == null || !attempts.isArray() || attempts.isEmpty()) {
                throw error(path + ".attempts", "a non-empty list of outcomes is required, e.g. "
                        + "[{\"type\": \"spot\"}, {\"type\": \"succeed\"}]");
            }
            List<Scenario.Outcome> outcomes = new ArrayList<>();
            int k = 0;
            for (JsonNode a : attempts) {
                outcomes.add(outcome(a, path + ".attempts[" + k++ + "]"));
            }
            out.add(new Scenario.JobBehaviour(j.hasNonNull("jobName") ? j.get("jobName").asText() : null,
                    j.hasNonNull("image") ? j.get("image").asText() : null, outcomes));
        }
        return out;
    }

    Scenario.Outcome outcome(JsonNode a, String path) {
        if (a.isTextual()) {
            Scenario.OutcomeType t = Scenario.OutcomeType.fromWire(a.asText());
            if (t == null) {
                throw error(path, "unknown outcome '" + a.asText() + "'; one of "
                        + Scenario.OutcomeType.wireNames());
            }
            return new Scenario.Outcome(t, null, null, null, null);
        }
        object(a, path);
        allowed(a, path + ".", "type", "durationSeconds", "exitCode", "reason", "logLines");
        String typeName = req(a, "type", path);
        Scenario.OutcomeType type = Scenario.OutcomeType.fromWire(typeName);
        if (type == null) {
            throw error(path + ".type", "unknown outcome '" + typeName + "'; one of "
                    + Scenario.OutcomeType.wireNames());
        }
        Long duration = a.hasNonNull("durationSeconds") ? lng(a, "durationSeconds", 0, 0, 10_000_000) : null;
        Integer exit = a.hasNonNull("exitCode") ? (int) lng(a, "exitCode", 0, 0, 255) : null;
        String reason = a.hasNonNull("reason") ? a.get("reason").asText() : null;
        if (reason != null && reason.length() > 255) {
            throw error(path + ".reason", "at most 255 characters (Batch truncates container reasons)");
        }
        List<String> lines = null;
        if (a.hasNonNull("logLines")) {
            array(a.get("logLines"), path + ".logLines");
            lines = new ArrayList<>();
            for (JsonNode l : a.get("logLines")) {
                lines.add(l.asText());
            }
        }
        return new Scenario.Outcome(type, duration, exit, reason, lines);
    }

    Scenario.EventFaults eventFaults(JsonNode node) {
        if (node == null || node.isNull()) {
            return Scenario.EventFaults.NONE;
        }
        String p = "eventFaults";
        object(node, p);
        allowed(node, p + ".", "duplicate", "reorder", "reorderDelaySeconds", "delay", "maxDelaySeconds", "drop",
                "detailTypes");
        List<String> types = new ArrayList<>();
        if (node.hasNonNull("detailTypes")) {
            array(node.get("detailTypes"), p + ".detailTypes");
            node.get("detailTypes").forEach(t -> types.add(t.asText()));
        }
        return new Scenario.EventFaults(prob(node, "duplicate", p), prob(node, "reorder", p),
                lng(node, "reorderDelaySeconds", 5, 0, 86_400), prob(node, "delay", p),
                lng(node, "maxDelaySeconds", 10, 0, 86_400), prob(node, "drop", p), types);
    }

    List<Scenario.ApiFault> apiFaults(JsonNode node) {
        List<Scenario.ApiFault> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        array(node, "apiFaults");
        int i = 0;
        for (JsonNode f : node) {
            String path = "apiFaults[" + i++ + "]";
            object(f, path);
            allowed(f, path + ".", "service", "operation", "error", "code", "status", "message", "probability",
                    "count", "afterCalls");
            String service = req(f, "service", path);
            String operation = str(f, "operation", "*");
            String kind = str(f, "error", "throttle");
            String code;
            int status;
            switch (kind) {
                case "throttle" -> {
                    code = "batch".equals(service) ? "TooManyRequestsException"
                            : "ec2".equals(service) ? "RequestLimitExceeded" : "ThrottlingException";
                    status = "ec2".equals(service) ? 503 : 429;
                }
                case "server" -> {
                    code = "batch".equals(service) ? "ServerException"
                            : "ec2".equals(service) ? "InternalError" : "ServiceUnavailableException";
                    status = 500;
                }
                case "custom" -> {
                    code = req(f, "code", path);
                    status = (int) lng(f, "status", 400, 400, 599);
                }
                default -> throw error(path + ".error", "expected throttle, server or custom, got '" + kind + "'");
            }
            if (f.hasNonNull("code")) {
                code = f.get("code").asText();
            }
            if (f.hasNonNull("status")) {
                status = (int) lng(f, "status", status, 400, 599);
            }
            String message = str(f, "message", status == 429 || "RequestLimitExceeded".equals(code)
                    ? "Too Many Requests" : "An internal error occurred (injected by the scenario).");
            Integer count = f.hasNonNull("count") ? (int) lng(f, "count", 0, 0, Integer.MAX_VALUE) : null;
            out.add(new Scenario.ApiFault(service, operation, code, status, message,
                    f.has("probability") ? prob(f, "probability", path) : 1.0, count,
                    (int) lng(f, "afterCalls", 0, 0, Integer.MAX_VALUE)));
        }
        return out;
    }

    List<Scenario.LambdaFault> lambdaFaults(JsonNode node) {
        List<Scenario.LambdaFault> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        array(node, "lambdaFaults");
        int i = 0;
        for (JsonNode f : node) {
            String path = "lambdaFaults[" + i++ + "]";
            object(f, path);
            allowed(f, path + ".", "function", "fault", "probability", "count", "afterCalls");
            String function = req(f, "function", path);
            String fault = f.hasNonNull("fault") ? f.get("fault").asText() : "crashAfterHandler";
            if (!fault.equals("crashAfterHandler")) {
                throw error(path + ".fault", "expected crashAfterHandler, got '" + fault + "'");
            }
            Integer count = f.hasNonNull("count") ? (int) lng(f, "count", 0, 0, Integer.MAX_VALUE) : null;
            out.add(new Scenario.LambdaFault(function, f.has("probability") ? prob(f, "probability", path) : 1.0, count,
                    (int) lng(f, "afterCalls", 0, 0, Integer.MAX_VALUE)));
        }
        return out;
    }
}
