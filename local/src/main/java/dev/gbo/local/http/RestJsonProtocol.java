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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * REST-JSON: routes a request to the registered operation whose {@link Binding} matches its method
 * and path (Lambda), or by AWS Batch's legacy paths ({@code POST /v1/<operation in lower case>}, tags
 * under {@code /v1/tags/<arn>}). Only routing and marshalling: path, query and header members become
 * input members.
 */
public final class RestJsonProtocol implements ProtocolHandler {

    private static final String[] BATCH_OPERATIONS = {
        "CreateComputeEnvironment", "DescribeComputeEnvironments", "UpdateComputeEnvironment",
        "DeleteComputeEnvironment", "CreateJobQueue", "DescribeJobQueues", "UpdateJobQueue", "DeleteJobQueue",
        "RegisterJobDefinition", "DescribeJobDefinitions", "DeregisterJobDefinition", "SubmitJob",
        "DescribeJobs", "ListJobs", "CancelJob", "TerminateJob"
    };
    private static final Map<String, String> BATCH_BY_PATH = new TreeMap<>();

    static {
        for (String op : BATCH_OPERATIONS) {
            BATCH_BY_PATH.put("/v1/" + op.toLowerCase(Locale.ROOT), op);
        }
    }

    @Override
    public void handle(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        ex.getResponseHeaders().set("x-amzn-RequestId", ctx.requestId());
        if (!service.operations().isEmpty()) {
            routed(ex, service, ctx);
            return;
        }
        switch (service.signingName()) {
            case "batch" -> batch(ex, service, ctx);
            default -> throw new IllegalStateException("no REST-JSON routes for " + service.signingName());
        }
    }

    @Override
    public ErrorWriter.Format errorFormat() {
        return ErrorWriter.Format.REST_JSON;
    }

    private void batch(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        String operation;
        ObjectNode input;
        if (path.startsWith("/v1/tags/")) {
            String arn = URLDecoder.decode(path.substring("/v1/tags/".length()), StandardCharsets.UTF_8);
            input = "POST".equals(method) ? jsonBody(ex) : Json.object();
            input.put("resourceArn", arn);
            switch (method) {
                case "POST" -> operation = "TagResource";
                case "GET" -> operation = "ListTagsForResource";
                case "DELETE" -> {
                    operation = "UntagResource";
                    var keys = input.putArray("tagKeys");
                    String query = ex.getRequestURI().getRawQuery();
                    if (query != null) {
                        for (String pair : query.split("&")) {
                            int eq = pair.indexOf('=');
                            if (eq > 0 && "tagKeys".equals(pair.substring(0, eq))) {
                                keys.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
                default -> throw notFound(method, path);
            }
        } else {
            operation = BATCH_BY_PATH.get(path.toLowerCase(Locale.ROOT));
            if (operation == null || !"POST".equals(method)) {
                throw notFound(method, path);
            }
            input = jsonBody(ex);
        }
        JsonNode out = service.call(operation, input, ctx);
        Wire.send(ex, 200, "application/json",
                Json.write(out == null ? Json.object() : out).getBytes(StandardCharsets.UTF_8));
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

    /** Every value of every query parameter, decoded. */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new java.util.ArrayList<>())
                        .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new AwsException("ValidationException", 400, "The query string has a malformed %-escape: '" + pair + "'.");
            }
        }
        return out;
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
