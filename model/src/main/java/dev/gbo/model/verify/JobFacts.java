package dev.gbo.model.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What gbo needs to know about one Batch job, read either from a "Batch Job State Change" event's
 * {@code detail} (camelCase DescribeJobs shape; unknown fields ignored) or from DescribeJobs (the functions'
 * {@code SdkJobFacts} maps the SDK's {@code JobDetail}: this module has no AWS SDK).
 */
public record JobFacts(
        String jobId,
        String jobName,
        String jobArn,
        String jobQueue,
        String status,
        String statusReason,
        Map<String, String> parameters,
        List<Attempt> attempts,
        Integer exitCode,
        String containerReason,
        String logStreamName,
        Integer arrayIndex,
        Integer arraySize,
        Long createdAt) {

    public static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED");
    public static final String TOKEN = "gboTaskToken";
    public static final String REQUEST_ID = "gboRequestId";
    public static final String ATTEMPT = "gboAttempt";
    public static final String MAX_ATTEMPTS = "gboMaxAttempts";
    public static final String FAMILY = "gboFamily";
    public static final String VERIFY = "gboVerify";
    public static final String EXECUTION = "gboExecution";

    public record Attempt(Integer exitCode, String reason, String logStreamName, String statusReason) {
    }

    public JobFacts {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public boolean terminal() {
        return TERMINAL.contains(status);
    }

    public boolean isGboJob() {
        String token = parameters.get(TOKEN);
        return token != null && !token.isBlank();
    }

    public boolean isArrayChild() {
        return arrayIndex != null;
    }

    public boolean isArrayParent() {
        return arrayIndex == null && arraySize != null && arraySize >= 2;
    }

    public String taskToken() {
        return parameters.get(TOKEN);
    }

    public String requestId() {
        return parameters.get(REQUEST_ID);
    }

    public String family() {
        return parameters.get(FAMILY);
    }

    public int logicalAttempt() {
        return intParameter(ATTEMPT, 0);
    }

    public int maxAttempts() {
        return intParameter(MAX_ATTEMPTS, 1);
    }

    private int intParameter(String key, int fallback) {
        try {
            return Integer.parseInt(parameters.getOrDefault(key, String.valueOf(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The last attempt, or null when the job never started (e.g. cancelled while RUNNABLE). */
    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    /** The log stream of the last attempt, else the container's. */
    public String effectiveLogStream() {
        Attempt last = lastAttempt();
        if (last != null && last.logStreamName() != null) {
            return last.logStreamName();
        }
        return logStreamName;
    }

    /** The exit code of the container, else of the last attempt. */
    public Integer effectiveExitCode() {
        if (exitCode != null) {
            return exitCode;
        }
        Attempt last = lastAttempt();
        return last == null ? null : last.exitCode();
    }

    public static JobFacts fromEvent(JsonNode detail) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Json.obj(detail, "parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        List<Attempt> attempts = new ArrayList<>();
        JsonNode attemptNodes = detail.get("attempts");
        if (attemptNodes != null && attemptNodes.isArray()) {
            for (JsonNode a : attemptNodes) {
                JsonNode c = Json.obj(a, "container");
                attempts.add(new Attempt(integer(c, "exitCode"), Json.text(c, "reason"), Json.text(c, "logStreamName"),
                        Json.text(a, "statusReason")));
            }
        }
        JsonNode container = Json.obj(detail, "container");
        JsonNode array = Json.obj(detail, "arrayProperties");
        JsonNode created = detail.get("createdAt");
        return new JobFacts(Json.text(detail, "jobId"), Json.text(detail, "jobName"), Json.text(detail, "jobArn"),
                Json.text(detail, "jobQueue"), Json.text(detail, "status"), Json.text(detail, "statusReason"), parameters,
                attempts, integer(container, "exitCode"), Json.text(container, "reason"),
                Json.text(container, "logStreamName"), integer(array, "index"), integer(array, "size"),
                created != null && created.canConvertToLong() ? created.asLong() : null);
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.canConvertToInt() && v.isNumber() ? v.asInt() : null;
    }
}
