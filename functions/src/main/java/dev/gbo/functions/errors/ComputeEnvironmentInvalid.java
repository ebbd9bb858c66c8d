package dev.gbo.functions.errors;

/** Error {@code ComputeEnvironmentInvalid}: see docs/contracts.md, "Error names". */
public final class ComputeEnvironmentInvalid extends GboException {
    private static final long serialVersionUID = 1L;

    public ComputeEnvironmentInvalid(String message) {
        super(message);
    }

    public ComputeEnvironmentInvalid(String message, Throwable cause) {
        super(message, cause);
    }
}
