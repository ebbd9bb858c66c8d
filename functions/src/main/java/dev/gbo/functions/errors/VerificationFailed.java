package dev.gbo.functions.errors;

/** Error {@code VerificationFailed}: see docs/contracts.md, "Error names". */
public final class VerificationFailed extends GboException {
    private static final long serialVersionUID = 1L;

    public VerificationFailed(String message) {
        super(message);
    }

    public VerificationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
