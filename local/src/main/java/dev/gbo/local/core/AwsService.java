package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS API of the local cloud. The HTTP adapter turns a request on the wire into
 * {@code (operation, input)} and the result back into the wire format; the service holds all the
 * logic. Operations are named exactly as AWS names them ({@code SubmitJob},
 * {@code DescribeInstanceTypeOfferings}); input and output members use the API's own member names
 * (for query-protocol APIs, see {@link dev.gbo.local.http.QueryProtocol} for the conventions).
 */
public interface AwsService {

    /** The SigV4 signing name of the API: ec2, batch, logs, events, lambda, ecr, s3, sts, states. */
    String signingName();

    /**
     * Runs one operation. Throws {@link AwsException} for any AWS error; an unknown operation is
     * {@code UnknownOperationException}.
     */
    JsonNode call(String operation, JsonNode input, RequestContext context);

    /**
     * The operations this API serves, with their wire bindings ({@link OperationRegistry}). Empty for
     * a service that has not been split into operation classes yet: its protocol adapter routes it.
     */
    default java.util.Collection<Operation> operations() {
        return java.util.List.of();
    }

    /**
     * The {@code X-Amz-Target} prefix of a JSON-protocol API ({@code AWSStepFunctions},
     * {@code AWSEvents}, ...), which routes an unsigned request to it; null for other protocols.
     */
    default String targetPrefix() {
        return null;
    }

    /** The service prefix of its IAM actions ({@code batch}, {@code states}, ...): the signing name by default. */
    default String iamPrefix() {
        return signingName();
    }

    /**
     * The authorizations a call needs ({@link Operation#access}): by default the action
     * {@code <iamPrefix>:<operation>} on {@code "*"}.
     */
    default java.util.List<Access> access(String operation, JsonNode input, RequestContext context) {
        return java.util.List.of(Access.of(iamPrefix() + ":" + operation, "*"));
    }

    /**
     * This API's refusal of a call IAM does not allow, with IAM's {@code message}: the JSON APIs answer
     * {@code AccessDeniedException} with HTTP 400 (Step Functions, EventBridge, CloudWatch Logs, ECR); the
     * REST-JSON APIs (Batch, Lambda) and S3/STS answer 403 with their own codes, EC2 UnauthorizedOperation.
     */
    default AwsException accessDenied(String message) {
        return new AwsException("AccessDeniedException", 400, message);
    }

    static AwsException unknownOperation(String service, String operation) {
        return new AwsException("UnknownOperationException", 400,
                "The local cloud's " + service + " does not implement the operation '" + operation
                        + "'. See docs/local-cloud.md for the operations it serves.");
    }
}
