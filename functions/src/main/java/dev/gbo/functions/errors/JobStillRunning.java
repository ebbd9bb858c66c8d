package dev.gbo.functions.errors;

/** Error {@code JobStillRunning}: see docs/contracts.md, "Error names". */
public final class JobStillRunning extends GboException {
    private static final long serialVersionUID = 1L;

    public JobStillRunning(String message) {
        super(message);
    }

    public JobStillRunning(String message, Throwable cause) {
        super(message, cause);
    }
}
