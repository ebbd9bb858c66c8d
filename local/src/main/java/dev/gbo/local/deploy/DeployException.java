package dev.gbo.local.deploy;

/** A template the local deployer cannot deploy, with what is wrong and where. */
public final class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
