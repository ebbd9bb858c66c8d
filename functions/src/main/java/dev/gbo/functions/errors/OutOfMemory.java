package dev.gbo.functions.errors;

/** Error {@code OutOfMemory}: see docs/contracts.md, "Error names". */
public final class OutOfMemory extends GboException {
    private static final long serialVersionUID = 1L;

    public OutOfMemory(String message) {
        super(message);
    }

    public OutOfMemory(String message, Throwable cause) {
        super(message, cause);
    }
}
