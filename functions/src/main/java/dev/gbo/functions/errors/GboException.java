package dev.gbo.functions.errors;

import java.util.Map;
import java.util.function.Function;

/**
 * Base of every domain failure. Lambda reports the fully qualified class name as {@code errorType},
 * so the state machine matches {@code dev.gbo.functions.errors.<Name>}; {@link #errorName()} is the
 * short name used with {@code SendTaskFailure} (see docs/contracts.md, "Error names").
 */
public abstract class GboException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final Map<String, Function<String, GboException>> BY_NAME = Map.ofEntries(
            Map.entry("InvalidRequest", InvalidRequest::new),
            Map.entry("NoArmCapacity", NoArmCapacity::new),
            Map.entry("InstanceTypeRefused", InstanceTypeRefused::new),
            Map.entry("QueueArchitectureConflict", QueueArchitectureConflict::new),
            Map.entry("ComputeEnvironmentInvalid", ComputeEnvironmentInvalid::new),
            Map.entry("ComputeEnvironmentNotReady", ComputeEnvironmentNotReady::new),
            Map.entry("BatchJobRetryable", BatchJobRetryable::new),
            Map.entry("BatchJobRetriesExhausted", BatchJobRetriesExhausted::new),
            Map.entry("BatchCapacityUnavailable", BatchCapacityUnavailable::new),
            Map.entry("ArchitectureMismatch", ArchitectureMismatch::new),
            Map.entry("OutOfMemory", OutOfMemory::new),
            Map.entry("ApplicationFailed", ApplicationFailed::new),
            Map.entry("VerificationFailed", VerificationFailed::new),
            Map.entry("JobStillRunning", JobStillRunning::new),
            Map.entry("Throttled", Throttled::new),
            Map.entry("AwsServiceError", AwsServiceError::new),
            Map.entry("AwsRequestRejected", AwsRequestRejected::new),
            Map.entry("UnverifiedVerdict", UnverifiedVerdict::new),
            Map.entry("ConfigurationInvalid", ConfigurationInvalid::new),
            Map.entry("UnexpectedError", UnexpectedError::new));

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

    /** Every short error name an execution can end with or a task can fail with. */
    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }

    /** Builds the exception for a short error name (as a verdict carries it). */
    public static GboException of(String errorName, String message) {
        Function<String, GboException> factory = BY_NAME.get(errorName);
        if (factory == null) {
            throw new IllegalArgumentException("unknown gbo error name " + errorName + "; known: " + BY_NAME.keySet());
        }
        return factory.apply(message);
    }
}
