package dev.gbo.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Exit codes of {@code gbo run} and {@code gbo submit}: one per failure class, so scripts can tell them apart. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED_OTHER = 1;
    static final int USAGE = 2;
    /** {@code gbo simulate}: at least one run violated an invariant. */
    static final int SIMULATION_VIOLATION = 40;

    static final Map<String, Integer> BY_ERROR = new LinkedHashMap<>();

    static {
        BY_ERROR.put("InvalidRequest", 10);
        BY_ERROR.put("NoArmCapacity", 11);
        BY_ERROR.put("ComputeEnvironmentInvalid", 12);
        BY_ERROR.put("QueueArchitectureConflict", 13);
        BY_ERROR.put("ComputeEnvironmentNotReady", 14);
        BY_ERROR.put("InstanceTypeRefused", 15);
        BY_ERROR.put("ArchitectureMismatch", 20);
        BY_ERROR.put("OutOfMemory", 21);
        BY_ERROR.put("ApplicationFailed", 22);
        BY_ERROR.put("VerificationFailed", 23);
        BY_ERROR.put("BatchJobRetriesExhausted", 24);
        BY_ERROR.put("BatchCapacityUnavailable", 25);
        BY_ERROR.put("JobStillRunning", 26);
        BY_ERROR.put("UnverifiedVerdict", 27);
        BY_ERROR.put("Throttled", 16);
        BY_ERROR.put("AwsServiceError", 17);
        BY_ERROR.put("AwsRequestRejected", 18);
        BY_ERROR.put("ConfigurationInvalid", 19);
        BY_ERROR.put("UnexpectedError", 32);
        BY_ERROR.put("States.Timeout", 30);
        BY_ERROR.put("States.Runtime", 31);
    }

    private ExitCodes() {
    }

    /** The exit code for an execution's final error name (a fully qualified Java class name counts by its simple name). */
    static int forError(String error) {
        if (error == null) {
            return FAILED_OTHER;
        }
        Integer code = BY_ERROR.get(error);
        if (code == null && error.contains(".") && !error.startsWith("States.")) {
            code = BY_ERROR.get(error.substring(error.lastIndexOf('.') + 1));
        }
        return code == null ? FAILED_OTHER : code;
    }

    static String table() {
        StringBuilder b = new StringBuilder("  0  succeeded and verified\n  1  failed for another reason\n  2  bad arguments\n");
        BY_ERROR.forEach((k, v) -> b.append(String.format("%3d  %s%n", v, k)));
        return b.toString();
    }
}
