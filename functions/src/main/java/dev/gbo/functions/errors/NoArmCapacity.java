package dev.gbo.functions.errors;

/** Error {@code NoArmCapacity}: see docs/contracts.md, "Error names". */
public final class NoArmCapacity extends GboException {
    private static final long serialVersionUID = 1L;

    public NoArmCapacity(String message) {
        super(message);
    }

    public NoArmCapacity(String message, Throwable cause) {
        super(message, cause);
    }
}
