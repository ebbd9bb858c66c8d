package dev.gbo.local.sfn;

/**
 * A failure inside an execution: an ASL error name ({@code States.Runtime}, a Lambda errorType, ...)
 * and its cause. Thrown by data-flow evaluation and turned into Retry/Catch handling or a failed
 * execution by the interpreter.
 */
final class StatesError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String ALL = "States.ALL";
    static final String RUNTIME = "States.Runtime";
    static final String TIMEOUT = "States.Timeout";
    static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String DATA_LIMIT = "States.DataLimitExceeded";
    static final String RESULT_PATH = "States.ResultPathMatchFailure";
    static final String PARAMETER_PATH = "States.ParameterPathFailure";
    static final String INTRINSIC = "States.IntrinsicFailure";
    static final String NO_CHOICE = "States.NoChoiceMatched";
    static final String TOLERATED = "States.ExceedToleratedFailureThreshold";

    private final String error;
    private final String causeText;

    StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.causeText = cause;
    }

    String error() {
        return error;
    }

    String causeText() {
        return causeText;
    }

    /** Errors that end the execution whatever Retry and Catch say (as on AWS). */
    boolean terminal() {
        return RUNTIME.equals(error) || DATA_LIMIT.equals(error);
    }

    /** Whether a Retrier/Catcher naming {@code name} handles this error. */
    boolean matches(String name) {
        if (terminal()) {
            return false;
        }
        if (ALL.equals(name)) {
            return true;
        }
        if (TASK_FAILED.equals(name) && !TIMEOUT.equals(error)) {
            return true;
        }
        return name.equals(error);
    }
}
