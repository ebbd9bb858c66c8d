package dev.gbo.local.core;

/**
 * The one error type of the local cloud: an AWS error code, the HTTP status AWS answers with,
 * and a message that says what went wrong and how to fix it. The HTTP adapter maps it to each
 * wire protocol in one place ({@code dev.gbo.local.http.ErrorWriter}).
 */
public final class AwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public AwsException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Client-side fault (4xx) or server-side fault (5xx), as query protocols report it. */
    public boolean senderFault() {
        return status < 500;
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationException", 400, message);
    }

    public static AwsException notFound(String code, String message) {
        return new AwsException(code, 400, message);
    }

    public static AwsException throttled(String code, String message) {
        return new AwsException(code, 429, message);
    }

    public static AwsException internal(String code, String message) {
        return new AwsException(code, 500, message);
    }

    @Override
    public String toString() {
        return code + " (" + status + "): " + getMessage();
    }
}
