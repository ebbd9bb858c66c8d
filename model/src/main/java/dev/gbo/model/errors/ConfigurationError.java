package dev.gbo.model.errors;

/** A deployment mistake: an environment variable is missing or malformed. The message names it. */
public final class ConfigurationError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ConfigurationError(String message) {
        super(message);
    }
}
