package dev.gbo.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * AWS JSON 1.0/1.1 (Step Functions, EventBridge, CloudWatch Logs, ECR): {@code POST /} with
 * {@code X-Amz-Target: <Prefix>.<Operation>} and a JSON body.
 */
public final class JsonProtocol implements ProtocolHandler {

    @Override
    public void handle(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || target.indexOf('.') < 0) {
            throw new AwsException("MissingAction", 400,
                    "The X-Amz-Target header is missing or malformed; expected '<ServicePrefix>.<Operation>'.");
        }
        String operation = target.substring(target.lastIndexOf('.') + 1);
        byte[] raw = Wire.body(ex);
        JsonNode input = raw.length == 0 ? Json.object() : Json.parse(new String(raw, StandardCharsets.UTF_8));
        if (!input.isObject()) {
            throw new AwsException("SerializationException", 400, "The request body must be a JSON object.");
        }
        JsonNode output = service.call(operation, input, ctx);
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-amz-json")) {
            contentType = "application/x-amz-json-1.1";
        }
        ex.getResponseHeaders().set("x-amzn-RequestId", ctx.requestId());
        Wire.send(ex, 200, contentType,
                Json.write(output == null ? Json.object() : output).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ErrorWriter.Format errorFormat() {
        return ErrorWriter.Format.JSON;
    }
}
