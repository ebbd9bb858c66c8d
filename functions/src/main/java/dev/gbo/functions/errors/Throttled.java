package dev.gbo.functions.errors;

/** Error {@code Throttled}: an AWS API kept throttling the call after the function's own retries (the state machine retries it with backoff). See docs/contracts.md, "Error names". */
public final class Throttled extends GboException {
    private static final long serialVersionUID = 1L;

    public Throttled(String message) {
        super(message);
    }

    public Throttled(String message, Throwable cause) {
        super(message, cause);
    }
}
