package dev.gbo.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * REST-JSON (AWS Batch, Lambda): routes a request to the registered operation whose {@link Binding}
 * matches its method and path. Only routing and marshalling: path, query and header members become
 * input members, as the binding says; it holds no table of operations of its own.
 */
public final class RestJsonProtocol implements ProtocolHandler {

    @Override
    public void handle(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        ex.getResponseHeaders().set("x-amzn-RequestId", ctx.requestId());
        routed(ex, service, ctx);
    }

    @Override
    public ErrorWriter.Format errorFormat() {
        return ErrorWriter.Format.REST_JSON;
    }

    /**
     * Generic REST-JSON: the first registered operation whose {@link Binding} matches the method and path
     * takes the request; labels, query parameters and headers become input members as the binding says.
     */
    private void routed(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        // SDKs differ on a trailing slash ("/2015-03-31/functions/" in the model, without it from the Java SDK)
        String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
        for (Operation op : service.operations()) {
            Binding binding = op.binding();
            Map<String, String> labels = binding.match(method, path);
            if (labels == null && other.length() > 1) {
                labels = binding.match(method, other);
            }
            if (labels == null) {
                continue;
            }
            ObjectNode input;
            if (binding.payloadMember() != null) {
                input = Json.object();
                input.put(binding.payloadMember(), new String(Wire.body(ex), StandardCharsets.UTF_8));
            } else {
                input = "GET".equals(method) || "DELETE".equals(method) ? Json.object() : jsonBody(ex);
            }
            labels.forEach(input::put);
            Map<String, List<String>> query = queryParameters(ex.getRequestURI().getRawQuery());
            for (Binding.Member m : binding.members()) {
                switch (m.location()) {
                    case QUERY -> {
                        List<String> values = query.get(m.wireName());
                        if (values != null && !values.isEmpty()) {
                            input.put(m.member(), values.get(0));
                        } else if (m.fallback() != null) {
                            input.put(m.member(), m.fallback());
                        }
                    }
                    case QUERY_LIST -> {
                        var arr = input.putArray(m.member());
                        query.getOrDefault(m.wireName(), List.of()).forEach(arr::add);
                    }
                    case HEADER -> {
                        String v = ex.getRequestHeaders().getFirst(m.wireName());
                        if (v != null) {
                            input.put(m.member(), v);
                        } else if (m.fallback() != null) {
                            input.put(m.member(), m.fallback());
                        }
                    }
                    default -> { }
                }
            }
            JsonNode out = service.call(op.name(), input, ctx);
            ObjectNode body = out == null ? Json.object() : out.deepCopy();
            for (Map.Entry<String, String> h : binding.responseHeaders()) {
                JsonNode v = body.remove(h.getKey());
                if (v != null && !v.isNull()) {
                    ex.getResponseHeaders().set(h.getValue(), v.asText());
                }
            }
            int status = 200;
            if (binding.responseStatusMember() != null) {
                JsonNode v = body.remove(binding.responseStatusMember());
                status = v == null ? 200 : v.asInt(200);
            }
            if (binding.responsePayloadMember() != null) {
                JsonNode v = body.get(binding.responsePayloadMember());
                Wire.send(ex, status, "application/json", (v == null ? "" : v.asText()).getBytes(StandardCharsets.UTF_8));
            } else {
                Wire.send(ex, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        throw notFound(method, path);
    }

    /** The request's query parameters ({@link Wire#formValues}); a malformed escape is the caller's 400. */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        return Wire.formValues(rawQuery, ErrorWriter.Format.REST_JSON);
    }

    private static ObjectNode jsonBody(HttpExchange ex) throws IOException {
        byte[] raw = Wire.body(ex);
        if (raw.length == 0) {
            return Json.object();
        }
        JsonNode node = Json.parse(new String(raw, StandardCharsets.UTF_8));
        if (!node.isObject()) {
            throw new AwsException("SerializationException", 400, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    private static AwsException notFound(String method, String path) {
        return new AwsException("UnknownOperationException", 404,
                "No operation of the local cloud answers " + method + " " + path + ".");
    }
}
