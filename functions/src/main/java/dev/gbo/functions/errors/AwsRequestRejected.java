package dev.gbo.functions.errors;

/** Error {@code AwsRequestRejected}: an AWS API refused a call with a 4xx that no retry can fix (most often a missing IAM permission). See docs/contracts.md, "Error names". */
public final class AwsRequestRejected extends GboException {
    private static final long serialVersionUID = 1L;

    public AwsRequestRejected(String message) {
        super(message);
    }

    public AwsRequestRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
