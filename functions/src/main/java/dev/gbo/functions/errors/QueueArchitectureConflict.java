package dev.gbo.functions.errors;

/** Error {@code QueueArchitectureConflict}: see docs/contracts.md, "Error names". */
public final class QueueArchitectureConflict extends GboException {
    private static final long serialVersionUID = 1L;

    public QueueArchitectureConflict(String message) {
        super(message);
    }

    public QueueArchitectureConflict(String message, Throwable cause) {
        super(message, cause);
    }
}
