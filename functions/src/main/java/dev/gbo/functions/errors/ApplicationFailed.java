package dev.gbo.functions.errors;

/** Error {@code ApplicationFailed}: see docs/contracts.md, "Error names". */
public final class ApplicationFailed extends GboException {
    private static final long serialVersionUID = 1L;

    public ApplicationFailed(String message) {
        super(message);
    }

    public ApplicationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
