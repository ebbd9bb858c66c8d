package dev.gbo.functions.errors;

/** Error {@code BatchCapacityUnavailable}: see docs/contracts.md, "Error names". */
public final class BatchCapacityUnavailable extends GboException {
    private static final long serialVersionUID = 1L;

    public BatchCapacityUnavailable(String message) {
        super(message);
    }

    public BatchCapacityUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
