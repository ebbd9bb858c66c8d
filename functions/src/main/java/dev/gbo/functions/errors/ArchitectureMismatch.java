package dev.gbo.functions.errors;

/** Error {@code ArchitectureMismatch}: see docs/contracts.md, "Error names". */
public final class ArchitectureMismatch extends GboException {
    private static final long serialVersionUID = 1L;

    public ArchitectureMismatch(String message) {
        super(message);
    }

    public ArchitectureMismatch(String message, Throwable cause) {
        super(message, cause);
    }
}
