package dev.gbo.functions.errors;

/** Error {@code BatchJobRetriesExhausted}: see docs/contracts.md, "Error names". */
public final class BatchJobRetriesExhausted extends GboException {
    private static final long serialVersionUID = 1L;

    public BatchJobRetriesExhausted(String message) {
        super(message);
    }

    public BatchJobRetriesExhausted(String message, Throwable cause) {
        super(message, cause);
    }
}
