package dev.gbo.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a failed job attempt from its status reason, container reason, exit code and log lines,
 * using the failure strings of AWS Batch (shared/reference/aws-facts.md). The order matters: capacity
 * (never ran) first, then architecture (the "no matching manifest" pull error and "exec format error"
 * in the logs must not be mistaken for a retryable pull error or an application exit), then out of
 * memory, then host/Spot loss, then image pull errors (more precise than the generic "Task failed to
 * start" that accompanies them), then agent trouble, then the exit code.
 */
public final class FailureClassifier {
    /** The matched class and the string that proved it. */
    public record Classification(FailureClass failureClass, String evidence) {
    }

    static final Pattern TIME_LIMIT_REASON = Pattern.compile(
            "(CAPACITY:[A-Z_]+|MISCONFIGURATION:[A-Z_]+)");
    static final Pattern HOST_LOSS = Pattern.compile("Host EC2 \\(instance [^)]*\\) terminated");
    static final String SPOT_TASK = "Your Spot Task was interrupted";
    static final List<String> AGENT_ERRORS = List.of("CannotInspectContainerError", "DockerTimeoutError", "CgroupError",
            "Task failed to start", "ResourceInitializationError", "CannotStartContainerError", "CannotCreateContainerError");
    static final String PULL_ERROR = "CannotPullContainerError";
    static final Pattern NO_ARM64_MANIFEST = Pattern.compile("no matching manifest for linux/arm64");
    static final String EXEC_FORMAT = "exec format error";
    static final String OOM = "OutOfMemoryError";
    static final String UNDETERMINED = "UNDETERMINED - Batch job is blocked";

    /**
     * @param statusReason    the job's or attempt's status reason (may be null)
     * @param containerReason the container's reason (may be null)
     * @param exitCode        the container's exit code (null when it never exited)
     * @param logLines        the attempt's log lines (empty when unknown)
     */
    public Classification classifyFailure(String statusReason, String containerReason, Integer exitCode, List<String> logLines) {
        List<String> reasons = new ArrayList<>();
        if (statusReason != null) {
            reasons.add(statusReason);
        }
        if (containerReason != null) {
            reasons.add(containerReason);
        }
        for (String r : reasons) {
            Matcher m = TIME_LIMIT_REASON.matcher(r);
            if (m.find()) {
                return new Classification(FailureClass.CAPACITY_TIME_LIMIT, r);
            }
            if (r.contains(UNDETERMINED)) {
                return new Classification(FailureClass.CAPACITY_BLOCKED, r);
            }
        }
        for (String r : reasons) {
            if (r.contains(PULL_ERROR) && NO_ARM64_MANIFEST.matcher(r).find()) {
                return new Classification(FailureClass.ARCHITECTURE_NO_ARM64_MANIFEST, r);
            }
        }
        for (String line : logLines) {
            if (line.contains(EXEC_FORMAT)) {
                return new Classification(FailureClass.ARCHITECTURE_EXEC_FORMAT, line.strip());
            }
        }
        for (String r : reasons) {
            if (r.contains(OOM)) {
                return new Classification(FailureClass.OUT_OF_MEMORY, r);
            }
        }
        for (String r : reasons) {
            if (HOST_LOSS.matcher(r).find()) {
                return new Classification(FailureClass.RETRYABLE_HOST_LOSS, r);
            }
            if (r.contains(SPOT_TASK)) {
                return new Classification(FailureClass.RETRYABLE_SPOT_INTERRUPTION, r);
            }
        }
        for (String r : reasons) {
            if (r.contains(PULL_ERROR)) {
                if (r.contains("context canceled")) {
                    return new Classification(FailureClass.RETRYABLE_IMAGE_PULL, r);
                }
                return new Classification(FailureClass.IMAGE_PULL_FAILED, r);
            }
        }
        for (String r : reasons) {
            for (String agent : AGENT_ERRORS) {
                if (r.contains(agent)) {
                    return new Classification(FailureClass.RETRYABLE_AGENT_ERROR, r);
                }
            }
        }
        String evidence = exitCode != null ? "exit code " + exitCode
                : reasons.isEmpty() ? "no exit code and no reason" : String.join(" / ", reasons);
        if (exitCode != null && !reasons.isEmpty()) {
            evidence += " (" + String.join(" / ", reasons) + ")";
        }
        return new Classification(FailureClass.APPLICATION_FAILED, evidence);
    }
}
