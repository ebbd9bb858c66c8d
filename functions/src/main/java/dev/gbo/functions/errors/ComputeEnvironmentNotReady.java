package dev.gbo.functions.errors;

/** Error {@code ComputeEnvironmentNotReady}: see docs/contracts.md, "Error names". */
public final class ComputeEnvironmentNotReady extends GboException {
    private static final long serialVersionUID = 1L;

    public ComputeEnvironmentNotReady(String message) {
        super(message);
    }

    public ComputeEnvironmentNotReady(String message, Throwable cause) {
        super(message, cause);
    }
}
