package dev.gbo.functions.errors;

/** Error {@code BatchJobRetryable}: see docs/contracts.md, "Error names". */
public final class BatchJobRetryable extends GboException {
    private static final long serialVersionUID = 1L;

    public BatchJobRetryable(String message) {
        super(message);
    }

    public BatchJobRetryable(String message, Throwable cause) {
        super(message, cause);
    }
}
