package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Principal;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The calls a state machine's task integrations make, checked against the execution's role as Step
 * Functions makes them: with a session of the role ({@code assumed-role/ROLE/<32 letters>}, one per
 * execution). A refused call fails the task with the error Step Functions reports for an
 * AccessDeniedException of that service ({@code Lambda.AWSLambdaException} and so on) and AWS's cause:
 * IAM's message followed by {@code (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException;
 * Request ID: ...; Proxy: null)}.
 */
final class RoleCalls {

    /** Service signing name -> the SDK's service name in Step Functions' error and cause. */
    private static final Map<String, String[]> ERRORS = Map.of(
            "lambda", new String[] {"Lambda.AWSLambdaException", "AWSLambda"},
            "events", new String[] {"EventBridge.AmazonEventBridgeException", "AmazonEventBridge"},
            "batch", new String[] {"Batch.AWSBatchException", "AWSBatch"},
            "states", new String[] {"StepFunctions.AWSStepFunctionsException", "AWSStepFunctions"});

    private final ServiceRegistry registry;

    RoleCalls(ServiceRegistry registry) {
        this.registry = registry;
    }

    /** A refusal as the task's failure: the error name and the cause. */
    record Denied(String error, String cause) {
    }

    /** The execution's role session. */
    static Principal principal(Execution e) {
        return new Principal(e.roleArn, session(e.arn));
    }

    /** 32 letters derived from the execution ARN: stable for an execution, as Step Functions' session names look. */
    static String session(String executionArn) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(executionArn.getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                int v = d[i] & 0xff;
                s.append((char) ((v % 2 == 0 ? 'a' : 'A') + (v / 2) % 26));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that the execution's role may call {@code operation} of {@code service} with {@code input};
     * null when it may (or the service is not part of this cloud), else the task failure to report.
     */
    Denied check(Execution e, String service, String operation, JsonNode input, RequestContext ctx) {
        if (!registry.has(service)) {
            return null;
        }
        try {
            registry.access().authorize(principal(e), registry.get(service), operation, input, ctx);
            return null;
        } catch (AwsException denied) {
            String[] names = ERRORS.getOrDefault(service, new String[] {service + "." + denied.code(), service});
            return new Denied(names[0], denied.getMessage() + " (Service: " + names[1] + "; Status Code: " + denied.status()
                    + "; Error Code: " + denied.code() + "; Request ID: " + ctx.requestId() + "; Proxy: null)");
        }
    }
}
