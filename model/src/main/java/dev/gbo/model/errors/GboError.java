package dev.gbo.model.errors;

/**
 * A failure of one of gbo's documented classes raised by model code (e.g. {@code InvalidRequest} from the
 * request normaliser). The functions turn it into their exception class of the same name before it leaves a
 * handler, so Lambda reports {@code dev.gbo.functions.errors.<name>} as always.
 */
public class GboError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorName errorName;

    public GboError(ErrorName errorName, String message) {
        super(message);
        this.errorName = errorName;
    }

    public ErrorName errorName() {
        return errorName;
    }
}
