package dev.gbo.functions.errors;

/** Error {@code UnverifiedVerdict}: the callback's output is not a verdict that Batch's own record of the job confirms (empty, forged or stale). See docs/contracts.md, "Error names". */
public final class UnverifiedVerdict extends GboException {
    private static final long serialVersionUID = 1L;

    public UnverifiedVerdict(String message) {
        super(message);
    }

    public UnverifiedVerdict(String message, Throwable cause) {
        super(message, cause);
    }
}
