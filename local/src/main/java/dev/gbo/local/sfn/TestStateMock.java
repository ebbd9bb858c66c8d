package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * TestState's {@code mock}: a {@code result} (JSON text, the integration's raw result) or an {@code errorOutput}
 * ({@code error} and {@code cause}), for Task, Parallel and Map states. {@code fieldValidationMode} (default
 * STRICT) checks a mocked result against the API's response model: STRICT and PRESENT refuse a member the
 * response does not have or a member of the wrong type (the Invoke response has no required member, so STRICT
 * and PRESENT check the same); NONE checks nothing. The engine knows the response model of the optimized
 * {@code lambda:invoke} integration and of Lambda function ARNs' direct invocation (any JSON); results of other
 * integrations are accepted as NONE would.
 */
final class TestStateMock {

    /** lambda:invoke's result members (the Invoke response) and the JSON type each must have. */
    private static final Map<String, Predicate<JsonNode>> INVOKE = Map.of(
            "StatusCode", JsonNode::isIntegralNumber,
            "FunctionError", JsonNode::isTextual,
            "LogResult", JsonNode::isTextual,
            "ExecutedVersion", JsonNode::isTextual,
            "Payload", n -> true,
            "SdkHttpMetadata", JsonNode::isObject,
            "SdkResponseMetadata", JsonNode::isObject);

    private TestStateMock() {
    }

    /** The mocked response, or null when the request has no mock. */
    static MockConfig.Response of(JsonNode mock, Asl.State s) {
        if (mock == null || mock.isNull()) {
            return null;
        }
        if (!(s instanceof Asl.Task || s instanceof Asl.Parallel || s instanceof Asl.Map)) {
            throw AwsException.validation("A mock can be given only for a Task, Parallel or Map state; '" + s.name()
                    + "' is a " + s.type() + " state.");
        }
        boolean hasResult = mock.hasNonNull("result");
        boolean hasError = mock.hasNonNull("errorOutput");
        if (hasResult == hasError) {
            throw AwsException.validation("The mock must contain exactly one of 'result' and 'errorOutput'.");
        }
        if (hasError) {
            JsonNode eo = mock.get("errorOutput");
            if (!eo.hasNonNull("error")) {
                throw AwsException.validation("mock.errorOutput.error is required when mock.errorOutput is specified.");
            }
            return new MockConfig.Response(null, eo.get("error").asText(), eo.hasNonNull("cause") ? eo.get("cause").asText() : null);
        }
        JsonNode result;
        try {
            result = dev.gbo.local.core.Json.MAPPER.readTree(mock.get("result").asText());
        } catch (Exception e) {
            result = null;
        }
        if (result == null) {
            throw AwsException.validation("mock.result must be a JSON string: '" + mock.get("result").asText() + "' is not JSON.");
        }
        String mode = mock.path("fieldValidationMode").asText("STRICT");
        if (!mode.equals("NONE") && s instanceof Asl.Task t && t.resource().kind() == Asl.Kind.LAMBDA_INVOKE) {
            validateInvoke(result, mode);
        }
        return new MockConfig.Response(result, null, null);
    }

    private static void validateInvoke(JsonNode result, String mode) {
        if (!result.isObject()) {
            throw AwsException.validation("The mocked result does not match the lambda:invoke response model "
                    + "(fieldValidationMode " + mode + "): it must be a JSON object with the Invoke response's fields "
                    + "(Payload, StatusCode, ExecutedVersion, FunctionError, LogResult).");
        }
        for (Map.Entry<String, JsonNode> f : result.properties()) {
            Predicate<JsonNode> type = INVOKE.get(f.getKey());
            if (type == null) {
                throw AwsException.validation("The mocked result does not match the lambda:invoke response model "
                        + "(fieldValidationMode " + mode + "): '" + f.getKey() + "' is not a field of the Invoke response "
                        + "(Payload, StatusCode, ExecutedVersion, FunctionError, LogResult); use fieldValidationMode NONE to skip the check.");
            }
            if (!type.test(f.getValue())) {
                throw AwsException.validation("The mocked result does not match the lambda:invoke response model "
                        + "(fieldValidationMode " + mode + "): the field '" + f.getKey() + "' has the wrong type.");
            }
        }
    }
}
