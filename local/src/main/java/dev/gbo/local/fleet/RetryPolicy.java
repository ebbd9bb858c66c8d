package dev.gbo.local.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.scenario.Glob;
import java.util.Locale;

/**
 * AWS Batch's {@code retryStrategy} semantics: the first {@code evaluateOnExit} entry whose given
 * patterns ({@code onStatusReason}, {@code onReason}, {@code onExitCode}; globs) all match decides
 * RETRY or EXIT; when no entry matches the job IS retried (while attempts remain). Cancelled and
 * terminated jobs are never retried (the fleet does not ask).
 */
public final class RetryPolicy {
    private RetryPolicy() {
    }

    public enum Decision { RETRY, EXIT }

    /**
     * @param evaluateOnExit the array, or null
     * @param statusReason the attempt's status reason (may be null)
     * @param reason the container reason (may be null)
     * @param exitCode the exit code (null when the container never exited)
     */
    public static Decision decide(JsonNode evaluateOnExit, String statusReason, String reason, Integer exitCode) {
        if (evaluateOnExit == null || !evaluateOnExit.isArray()) {
            return Decision.RETRY;
        }
        for (JsonNode e : evaluateOnExit) {
            if (matches(e, "onStatusReason", statusReason) && matches(e, "onReason", reason)
                    && matches(e, "onExitCode", exitCode == null ? null : exitCode.toString())) {
                String action = e.path("action").asText("RETRY").toUpperCase(Locale.ROOT);
                return "EXIT".equals(action) ? Decision.EXIT : Decision.RETRY;
            }
        }
        return Decision.RETRY;
    }

    private static boolean matches(JsonNode entry, String field, String value) {
        JsonNode p = entry.get(field);
        if (p == null || p.isNull()) {
            return true;
        }
        String pattern = p.asText();
        if (value == null) {
            return "*".equals(pattern);
        }
        return Glob.matches(pattern, value);
    }
}
