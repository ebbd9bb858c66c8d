package dev.gbo.functions.errors;

/** Error {@code AwsServiceError}: an AWS API answered 5xx or could not be reached after the function's own retries (the state machine retries it). See docs/contracts.md, "Error names". */
public final class AwsServiceError extends GboException {
    private static final long serialVersionUID = 1L;

    public AwsServiceError(String message) {
        super(message);
    }

    public AwsServiceError(String message, Throwable cause) {
        super(message, cause);
    }
}
