package dev.gbo.functions.support;

import dev.gbo.functions.errors.AwsRequestRejected;
import dev.gbo.functions.errors.AwsServiceError;
import dev.gbo.functions.errors.GboException;
import dev.gbo.functions.errors.Throttled;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The AWS SDK half of {@link Failures}: turns an SDK exception into one of gbo's documented failure
 * classes. Loaded only when an SDK exception is thrown, so gbo-normalize.jar (no SDK) never needs it.
 * <ul>
 *   <li>throttling that outlived the SDK's own retries ({@link Clients#retryStrategy()}) -&gt; {@code Throttled};</li>
 *   <li>5xx answers and unreachable endpoints -&gt; {@code AwsServiceError};</li>
 *   <li>any other refusal by an AWS API (4xx: a missing IAM permission, a validation error) -&gt; {@code AwsRequestRejected};</li>
 * </ul>
 * The first two are retried by the state machine with backoff and full jitter; the others end the execution.
 */
public final class AwsFailures {

    private AwsFailures() {
    }

    /** Translates an exception of the AWS SDK ({@link Failures#isSdkException}); anything else is an UnexpectedError. */
    static GboException translate(RuntimeException e) {
        if (e instanceof SdkServiceException service) {
            return translateService(service);
        }
        if (e instanceof SdkClientException client) {
            return new AwsServiceError("an AWS API could not be reached or its answer could not be read: "
                    + client.getMessage() + ". The state machine retries; if it persists, check the function's network"
                    + " (VPC endpoints or NAT) and the AWS Health Dashboard", e);
        }
        return Failures.unexpected(e);
    }

    /**
     * The SDK's own judgement: HTTP 429, or one of the throttling error codes its retry strategy knows
     * (Batch/Lambda {@code TooManyRequestsException}, EC2 {@code RequestLimitExceeded}, the JSON APIs'
     * {@code ThrottlingException}, S3 {@code SlowDown}, ...), so gbo and the SDK's retries never disagree.
     */
    public static boolean isThrottling(SdkServiceException e) {
        return e.isThrottlingException();
    }

    private static GboException translateService(SdkServiceException e) {
        String code = null;
        String service = "AWS";
        String message = e.getMessage();
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            AwsErrorDetails details = aws.awsErrorDetails();
            code = details.errorCode();
            service = details.serviceName() == null ? service : details.serviceName();
            message = details.errorMessage() == null ? message : details.errorMessage();
        }
        String what = service + " answered " + e.statusCode() + (code == null ? "" : " " + code) + ": " + message
                + " (request id " + e.requestId() + ")";
        if (isThrottling(e)) {
            return new Throttled(what + ". The function's SDK retried with backoff and full jitter and was still"
                    + " throttled; the state machine retries with longer backoff. If this persists, lower the burst rate"
                    + " of triggers or ask for a higher quota where AWS allows it", e);
        }
        if (e.statusCode() >= 500) {
            return new AwsServiceError(what + ". The state machine retries; if it persists, check the AWS Health"
                    + " Dashboard for " + service, e);
        }
        String advice = code != null && (code.contains("AccessDenied") || code.contains("UnauthorizedOperation")
                || code.contains("NotAuthorized"))
                ? ". Grant the missing action to the function's role in template.yaml and redeploy"
                : ". gbo did not expect this refusal: check the request and the deployment parameters";
        return new AwsRequestRejected(what + advice, e);
    }
}
