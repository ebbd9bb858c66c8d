package dev.gbo.functions.errors;

/** Error {@code ConfigurationInvalid}: a deployment setting (an environment variable from template.yaml) is missing or malformed; the cause names it. See docs/contracts.md, "Error names". */
public final class ConfigurationInvalid extends GboException {
    private static final long serialVersionUID = 1L;

    public ConfigurationInvalid(String message) {
        super(message);
    }

    public ConfigurationInvalid(String message, Throwable cause) {
        super(message, cause);
    }
}
