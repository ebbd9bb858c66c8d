package dev.gbo.functions.errors;

/** Error {@code UnexpectedError}: an unexpected failure inside gbo (a bug); the cause names the original error. See docs/contracts.md, "Error names". */
public final class UnexpectedError extends GboException {
    private static final long serialVersionUID = 1L;

    public UnexpectedError(String message) {
        super(message);
    }

    public UnexpectedError(String message, Throwable cause) {
        super(message, cause);
    }
}
