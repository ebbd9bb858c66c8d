package dev.gbo.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * REST-XML (S3, path-style). Routing and marshalling only: the first registered operation whose
 * {@link Binding} matches the method, the path ({@code /{Bucket}}, {@code /{Bucket}/{Key+}}) and the
 * query's subresource conditions ({@code ?notification}) takes the request; it gets its path labels and
 * <pre>{"Query": {name: value}, "Headers": {lower-case name: value}, "Body": base64}</pre>
 * ({@code aws-chunked} bodies, as the SDKs stream them, are decoded first) and answers
 * <pre>{"Status": 200, "Headers": {name: value}, "Xml": {"RootElement": {...}}, "Body": base64}</pre>
 * where in {@code Xml} objects become elements, arrays repeat their member's element (S3's flattened
 * lists) and scalars become text. A request no binding takes is {@code MethodNotAllowed} (405).
 */
public final class RestXmlProtocol implements ProtocolHandler {
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static final java.util.regex.Pattern CHUNK_SIZE = java.util.regex.Pattern.compile("[0-9a-fA-F]{1,8}");

    private final List<Operation> operations;

    /** The adapter of {@code api}: it routes to the operations {@code api} registers, in their order. */
    public RestXmlProtocol(AwsService api) {
        this.operations = List.copyOf(api.operations());
    }

    @Override
    public void handle(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> query = Wire.formDecode(ex.getRequestURI().getRawQuery(), errorFormat());
        Operation operation = null;
        Map<String, String> labels = null;
        for (Operation op : operations) {
            labels = op.binding().match(method, path, query);
            if (labels != null) {
                operation = op;
                break;
            }
        }
        if (operation == null) {
            throw new AwsException("MethodNotAllowed", 405, "The specified method is not allowed against this resource: the local "
                    + "cloud's " + service.signingName().toUpperCase(Locale.ROOT) + " serves no operation at " + method + " "
                    + ErrorWriter.clip(ex.getRequestURI().getRawPath(), 200) + ". See docs/local-cloud.md for the operations it serves.");
        }
        ObjectNode input = Json.object();
        labels.forEach(input::put);
        ObjectNode q = input.putObject("Query");
        query.forEach(q::put);
        ObjectNode h = input.putObject("Headers");
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                h.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        byte[] body = Wire.body(ex);
        if (isAwsChunked(h)) {
            body = decodeChunked(body);
        }
        if (body.length > 0) {
            input.put("Body", Base64.getEncoder().encodeToString(body));
        }
        JsonNode out = service.call(operation.name(), input, ctx);
        ex.getResponseHeaders().set("x-amz-request-id", ctx.requestId());
        ex.getResponseHeaders().set("x-amz-id-2", Base64.getEncoder().encodeToString(ctx.requestId().getBytes(StandardCharsets.UTF_8)));
        Iterator<Map.Entry<String, JsonNode>> headers = out.path("Headers").fields();
        String contentType = null;
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> e = headers.next();
            if ("Content-Type".equalsIgnoreCase(e.getKey())) {
                contentType = e.getValue().asText();
            } else {
                ex.getResponseHeaders().set(e.getKey(), e.getValue().asText());
            }
        }
        int status = out.path("Status").asInt(200);
        byte[] payload = new byte[0];
        if (out.hasNonNull("Xml")) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            Map.Entry<String, JsonNode> root = out.get("Xml").fields().next();
            xml.append('<').append(root.getKey()).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
            members(xml, root.getValue());
            xml.append("</").append(root.getKey()).append('>');
            payload = xml.toString().getBytes(StandardCharsets.UTF_8);
            contentType = "application/xml";
        } else if (out.hasNonNull("Body")) {
            payload = Base64.getDecoder().decode(out.get("Body").asText());
        }
        if ("HEAD".equals(method) || status == 204) {
            if (contentType != null) {
                ex.getResponseHeaders().set("Content-Type", contentType);
            }
            String length = out.path("Headers").path("Content-Length").asText(null);
            if (length != null && "HEAD".equals(method)) {
                ex.getResponseHeaders().set("Content-Length", length);
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        if (payload.length == 0) {
            if (contentType != null) {
                ex.getResponseHeaders().set("Content-Type", contentType);
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        Wire.send(ex, status, contentType == null ? "application/octet-stream" : contentType, payload);
    }

    @Override
    public ErrorWriter.Format errorFormat() {
        return ErrorWriter.Format.REST_XML;
    }

    private static boolean isAwsChunked(JsonNode headers) {
        String sha = headers.path("x-amz-content-sha256").asText("");
        String enc = headers.path("content-encoding").asText("");
        return sha.startsWith("STREAMING-") || enc.contains("aws-chunked");
    }

    /** Decodes {@code aws-chunked}: {@code hex-size[;chunk-signature=..]\r\n data \r\n ... 0\r\n trailers \r\n}. */
    static byte[] decodeChunked(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            int lineEnd = indexOfCrlf(in, i);
            if (lineEnd < 0) {
                break;
            }
            String header = new String(in, i, lineEnd - i, StandardCharsets.US_ASCII);
            int semi = header.indexOf(';');
            String hex = (semi < 0 ? header : header.substring(0, semi)).trim();
            if (!CHUNK_SIZE.matcher(hex).matches()) {
                throw new AwsException("IncompleteBody", 400, "The aws-chunked request body is malformed: the chunk size '"
                        + ErrorWriter.clip(hex, 32) + "' is not 1 to 8 hexadecimal digits.");
            }
            long size = Long.parseLong(hex, 16);
            i = lineEnd + 2;
            if (size == 0) {
                break; // trailers (checksums) follow; not needed
            }
            if (size > in.length - i) {
                throw new AwsException("IncompleteBody", 400, "You did not provide the number of bytes specified by the "
                        + "aws-chunked chunk size: " + size + " declared, " + Math.max(0, in.length - i) + " left in the body.");
            }
            out.write(in, i, (int) size);
            i += (int) size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void members(StringBuilder xml, JsonNode node) {
        if (node == null || !node.isObject()) {
            if (node != null && node.isValueNode()) {
                xml.append(Wire.xmlEscape(node.asText()));
            }
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                for (JsonNode v : e.getValue()) {
                    element(xml, e.getKey(), v);
                }
            } else {
                element(xml, e.getKey(), e.getValue());
            }
        }
    }

    private static void element(StringBuilder xml, String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isObject() && value.isEmpty()) {
            xml.append('<').append(name).append("/>");
            return;
        }
        xml.append('<').append(name).append('>');
        members(xml, value);
        xml.append("</").append(name).append('>');
    }

}
