package dev.gbo.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.util.Map;

/**
 * The AWS managed policies the local cloud knows the content of: those SAM attaches to the roles it
 * generates (AWSLambdaBasicExecutionRole to every function role, AWSXrayWriteOnlyAccess with tracing on).
 * Any other managed policy is attached by ARN but grants nothing locally; the deploy report says so.
 */
public final class ManagedPolicies {

    public static final String LAMBDA_BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    public static final String XRAY_WRITE_ONLY = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess";

    private static final Map<String, String> DOCUMENTS = Map.of(
            LAMBDA_BASIC_EXECUTION, """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogGroup",
                    "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}""",
            XRAY_WRITE_ONLY, """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["xray:PutTraceSegments",
                    "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
                    "xray:GetSamplingStatisticSummaries"], "Resource": ["*"]}]}""");

    private ManagedPolicies() {
    }

    /** The document of a known managed policy, or null. */
    static JsonNode document(String arn) {
        String doc = DOCUMENTS.get(arn);
        return doc == null ? null : Json.parse(doc);
    }

    public static boolean known(String arn) {
        return DOCUMENTS.containsKey(arn);
    }

    /**
     * The ARN of a managed policy named in SAM {@code Policies}: an ARN as given; the names SAM's bundled
     * map has and the local cloud knows to their ARN (with their path); any other name
     * {@code arn:aws:iam::aws:policy/NAME}.
     */
    public static String arnOf(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        for (String arn : DOCUMENTS.keySet()) {
            if (arn.endsWith("/" + nameOrArn)) {
                return arn;
            }
        }
        return "arn:aws:iam::aws:policy/" + nameOrArn;
    }
}
