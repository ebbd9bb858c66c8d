package dev.gbo.functions.errors;

/** Error {@code InvalidRequest}: see docs/contracts.md, "Error names". */
public final class InvalidRequest extends GboException {
    private static final long serialVersionUID = 1L;

    public InvalidRequest(String message) {
        super(message);
    }

    public InvalidRequest(String message, Throwable cause) {
        super(message, cause);
    }
}
