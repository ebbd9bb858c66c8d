package dev.gbo.functions.errors;

import dev.gbo.model.errors.ErrorName;
import java.util.Set;

/**
 * Base of every domain failure. Lambda reports the fully qualified class name as {@code errorType},
 * so the state machine matches {@code dev.gbo.functions.errors.<Name>}; {@link #errorName()} is the
 * short name used with {@code SendTaskFailure} (see docs/contracts.md, "Error names").
 */
public abstract class GboException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected GboException(String message) {
        super(message);
    }

    protected GboException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The short error name of docs/contracts.md, e.g. {@code InvalidRequest}. */
    public String errorName() {
        return getClass().getSimpleName();
    }

    /** Every short error name an execution can end with or a task can fail with: {@link ErrorName}'s. */
    public static Set<String> names() {
        return ErrorName.names();
    }

    /** Builds the exception for a short error name (as a verdict carries it). */
    public static GboException of(String errorName, String message) {
        return of(ErrorName.parse(errorName).orElseThrow(() -> new IllegalArgumentException(
                "unknown gbo error name " + errorName + "; known: " + ErrorName.names())), message, null);
    }

    /** The exception class of {@code name}; the switch has a case for every name, so the compiler keeps them in step. */
    public static GboException of(ErrorName name, String message, Throwable cause) {
        return switch (name) {
            case InvalidRequest -> new InvalidRequest(message, cause);
            case NoArmCapacity -> new NoArmCapacity(message, cause);
            case InstanceTypeRefused -> new InstanceTypeRefused(message, cause);
            case QueueArchitectureConflict -> new QueueArchitectureConflict(message, cause);
            case ComputeEnvironmentInvalid -> new ComputeEnvironmentInvalid(message, cause);
            case ComputeEnvironmentNotReady -> new ComputeEnvironmentNotReady(message, cause);
            case BatchJobRetryable -> new BatchJobRetryable(message, cause);
            case BatchJobRetriesExhausted -> new BatchJobRetriesExhausted(message, cause);
            case BatchCapacityUnavailable -> new BatchCapacityUnavailable(message, cause);
            case ArchitectureMismatch -> new ArchitectureMismatch(message, cause);
            case OutOfMemory -> new OutOfMemory(message, cause);
            case ApplicationFailed -> new ApplicationFailed(message, cause);
            case VerificationFailed -> new VerificationFailed(message, cause);
            case JobStillRunning -> new JobStillRunning(message, cause);
            case UnverifiedVerdict -> new UnverifiedVerdict(message, cause);
            case Throttled -> new Throttled(message, cause);
            case AwsServiceError -> new AwsServiceError(message, cause);
            case AwsRequestRejected -> new AwsRequestRejected(message, cause);
            case ConfigurationInvalid -> new ConfigurationInvalid(message, cause);
            case UnexpectedError -> new UnexpectedError(message, cause);
        };
    }
}
