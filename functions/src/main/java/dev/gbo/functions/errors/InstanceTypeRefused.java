package dev.gbo.functions.errors;

/** Error {@code InstanceTypeRefused}: see docs/contracts.md, "Error names". */
public final class InstanceTypeRefused extends GboException {
    private static final long serialVersionUID = 1L;

    public InstanceTypeRefused(String message) {
        super(message);
    }

    public InstanceTypeRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
