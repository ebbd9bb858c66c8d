package dev.gbo.cli;

import dev.gbo.model.errors.ErrorName;
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
        for (ErrorName name : ErrorName.values()) {
            Integer code = code(name);
            if (code != null) {
                BY_ERROR.put(name.name(), code);
            }
        }
        BY_ERROR.put("States.Timeout", 30);
        BY_ERROR.put("States.Runtime", 31);
    }

    /**
     * The exit code of each error name; a case for every name, so a new name cannot be forgotten. Null: the state
     * machine always recovers from it ({@code BatchJobRetryable} ends as {@code BatchJobRetriesExhausted}).
     */
    static Integer code(ErrorName name) {
        return switch (name) {
            case InvalidRequest -> 10;
            case NoArmCapacity -> 11;
            case ComputeEnvironmentInvalid -> 12;
            case QueueArchitectureConflict -> 13;
            case ComputeEnvironmentNotReady -> 14;
            case InstanceTypeRefused -> 15;
            case Throttled -> 16;
            case AwsServiceError -> 17;
            case AwsRequestRejected -> 18;
            case ConfigurationInvalid -> 19;
            case ArchitectureMismatch -> 20;
            case OutOfMemory -> 21;
            case ApplicationFailed -> 22;
            case VerificationFailed -> 23;
            case BatchJobRetriesExhausted -> 24;
            case BatchCapacityUnavailable -> 25;
            case JobStillRunning -> 26;
            case UnverifiedVerdict -> 27;
            case UnexpectedError -> 32;
            case BatchJobRetryable -> null;
        };
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
