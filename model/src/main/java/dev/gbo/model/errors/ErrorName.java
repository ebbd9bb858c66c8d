package dev.gbo.model.errors;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every error name an execution can end with or a task can fail with (docs/contracts.md, "Error names";
 * README.md, "Failure classes"). The one list: the functions' exception classes
 * ({@code dev.gbo.functions.errors.<name>}), {@link dev.gbo.model.verify.FailureClass}, the cli's exit codes,
 * the state machine's {@code ErrorEquals} and the README table are all checked against it.
 */
public enum ErrorName {
    InvalidRequest(Handling.ENDS),
    NoArmCapacity(Handling.ENDS),
    InstanceTypeRefused(Handling.HANDLED),
    QueueArchitectureConflict(Handling.ENDS),
    ComputeEnvironmentInvalid(Handling.ENDS),
    ComputeEnvironmentNotReady(Handling.ENDS),
    BatchJobRetryable(Handling.HANDLED),
    BatchJobRetriesExhausted(Handling.ENDS),
    BatchCapacityUnavailable(Handling.HANDLED),
    ArchitectureMismatch(Handling.ENDS),
    OutOfMemory(Handling.ENDS),
    ApplicationFailed(Handling.ENDS),
    VerificationFailed(Handling.ENDS),
    JobStillRunning(Handling.ENDS),
    UnverifiedVerdict(Handling.ENDS),
    Throttled(Handling.ENDS),
    AwsServiceError(Handling.ENDS),
    AwsRequestRejected(Handling.ENDS_AS_GBO_ERROR),
    ConfigurationInvalid(Handling.ENDS_AS_GBO_ERROR),
    UnexpectedError(Handling.ENDS);

    /** What the state machine does with the error. */
    public enum Handling {
        /** Handled inside the state machine: retried, or the family is excluded and Capacity runs again. */
        HANDLED,
        /**
         * Ends the execution named by a catcher of its own, which assigns it as {@code $failure.error} (after the
         * retries the state machine gives it); UnexpectedError is named by {@code ComposeFailure}.
         */
        ENDS,
        /**
         * Ends the execution through a catch-all catcher and {@code ComposeFailure}, which takes the name from any
         * {@code dev.gbo.functions.errors.*} error: the state machine does not name it.
         */
        ENDS_AS_GBO_ERROR
    }

    /** Package of the functions' exception classes: Lambda reports {@code <PACKAGE>.<name>} as {@code errorType}. */
    public static final String LAMBDA_PACKAGE = "dev.gbo.functions.errors";

    private final Handling handling;

    ErrorName(Handling handling) {
        this.handling = handling;
    }

    public Handling handling() {
        return handling;
    }

    /** True unless the state machine always recovers from it. */
    public boolean endsExecutions() {
        return handling != Handling.HANDLED;
    }

    /** The {@code errorType} a Lambda reports when it throws this error: {@code dev.gbo.functions.errors.<name>}. */
    public String lambdaErrorType() {
        return LAMBDA_PACKAGE + "." + name();
    }

    /** The name for a short name or a Lambda error type ({@code dev.gbo.functions.errors.<name>}). */
    public static Optional<ErrorName> parse(String error) {
        if (error == null) {
            return Optional.empty();
        }
        String shortName = error.startsWith(LAMBDA_PACKAGE + ".") ? error.substring(LAMBDA_PACKAGE.length() + 1) : error;
        return Arrays.stream(values()).filter(n -> n.name().equals(shortName)).findFirst();
    }

    /** Every short name. */
    public static Set<String> names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
