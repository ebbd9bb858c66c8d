package dev.gbo.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import java.nio.charset.StandardCharsets;
import dev.gbo.local.core.Access;
import java.util.List;

/**
 * Lambda Invoke: {@code RequestResponse} runs the handler and answers 200 with its payload (an error
 * document and {@code X-Amz-Function-Error} when it failed), {@code Event} queues it on the clock with
 * Lambda's two retries (202), {@code DryRun} only checks (204).
 */
final class Invoke implements Operation {
    private final LambdaService lambda;
    private final SimClock clock;
    private final LambdaRuntime runtime;

    Invoke(LambdaService lambda, SimClock clock, LambdaRuntime runtime) {
        this.lambda = lambda;
        this.clock = clock;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "Invoke";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/2015-03-31/functions/{FunctionName}/invocations")
                .query("Qualifier", "Qualifier")
                .header("X-Amz-Invocation-Type", "InvocationType", "RequestResponse")
                .header("X-Amz-Log-Type", "LogType", "None")
                .payload("Payload")
                .responseHeader("FunctionError", "X-Amz-Function-Error")
                .responseHeader("ExecutedVersion", "X-Amz-Executed-Version")
                .responseHeader("LogResult", "X-Amz-Log-Result")
                .responseStatus("StatusCode")
                .responsePayload("Payload");
    }

    /**
     * Invoke is authorized as {@code lambda:InvokeFunction} on the function's ARN, qualified when the call names a
     * version or alias ({@code function:NAME:ALIAS}; a grant on {@code function:NAME} alone does not cover it).
     */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = LambdaService.functionArn(c, in);
        return arn == null ? List.of() : List.of(Access.of("lambda:InvokeFunction", arn));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String ref = Json.requireText(input, "FunctionName", "InvalidParameterValueException");
        LambdaStore.Target t = lambda.resolve(ref, Json.text(input, "Qualifier", null));
        String type = Json.text(input, "InvocationType", "RequestResponse");
        String payload = Json.text(input, "Payload", "");
        if (payload.isEmpty()) {
            payload = "{}";
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try {
            Json.MAPPER.readTree(payload);
        } catch (Exception e) {
            throw new AwsException("InvalidRequestContentException", 400,
                    "Could not parse request body into json: Could not parse payload into json: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        switch (type) {
            case "RequestResponse" -> {
                if (bytes.length > LambdaService.MAX_SYNC_PAYLOAD) {
                    throw new AwsException("RequestTooLargeException", 413, "Request must be smaller than "
                            + LambdaService.MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
                }
                LambdaRuntime.Outcome o = runtime.run(t, payload);
                out.put("StatusCode", 200);
                if (o.functionError() != null) {
                    out.put("FunctionError", o.functionError());
                }
                out.put("ExecutedVersion", t.version());
                if ("Tail".equals(Json.text(input, "LogType", "None"))) {
                    out.put("LogResult", LambdaRuntime.tail(o.log()));
                }
                out.put("Payload", o.payload());
            }
            case "Event" -> {
                if (bytes.length > LambdaService.MAX_ASYNC_PAYLOAD) {
                    throw new AwsException("RequestTooLargeException", 413, "Request must be smaller than "
                            + LambdaService.MAX_ASYNC_PAYLOAD + " bytes for the InvokeAsync operation");
                }
                AsyncInvoke.start(clock, lambda, t.invokedArn(), payload, null);
                out.put("StatusCode", 202);
                out.put("Payload", "");
            }
            case "DryRun" -> {
                out.put("StatusCode", 204);
                out.put("Payload", "");
            }
            default -> throw new AwsException("InvalidParameterValueException", 400,
                    "InvocationType '" + type + "' must be one of RequestResponse, Event, DryRun.");
        }
        return out;
    }
}
