package dev.gbo.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * REST-XML for S3, path-style ({@code /bucket} and {@code /bucket/key}). Routing and marshalling
 * only; the service gets:
 * <pre>{"Bucket", "Key", "Query": {name: value}, "Headers": {lower-case name: value}, "Body": base64}</pre>
 * ({@code aws-chunked} bodies, as the SDKs stream them, are decoded first) and answers
 * <pre>{"Status": 200, "Headers": {name: value}, "Xml": {"RootElement": {...}}, "Body": base64}</pre>
 * where in {@code Xml} objects become elements, arrays repeat their member's element (S3's flattened
 * lists) and scalars become text.
 */
public final class RestXmlProtocol implements ProtocolHandler {
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    @Override
    public void handle(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> query = Wire.formDecode(ex.getRequestURI().getRawQuery());
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        String bucket = URLDecoder.decode(slash < 0 ? trimmed : trimmed.substring(0, slash), StandardCharsets.UTF_8);
        String key = slash < 0 || slash == trimmed.length() - 1 ? null
                : decodePath(trimmed.substring(slash + 1));
        ObjectNode input = Json.object();
        if (!bucket.isEmpty()) {
            input.put("Bucket", bucket);
        }
        if (key != null) {
            input.put("Key", key);
        }
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
        String operation = operation(method, bucket, key, query);
        JsonNode out = service.call(operation, input, ctx);
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

    static String operation(String method, String bucket, String key, Map<String, String> query) {
        if (bucket.isEmpty()) {
            if ("GET".equals(method)) {
                return "ListBuckets";
            }
            throw notImplemented(method, "/");
        }
        if (key == null) {
            switch (method) {
                case "PUT":
                    return query.containsKey("notification") ? "PutBucketNotificationConfiguration" : "CreateBucket";
                case "GET":
                    if (query.containsKey("notification")) {
                        return "GetBucketNotificationConfiguration";
                    }
                    if (query.containsKey("location")) {
                        return "GetBucketLocation";
                    }
                    if ("2".equals(query.get("list-type"))) {
                        return "ListObjectsV2";
                    }
                    return "ListObjects";
                case "HEAD":
                    return "HeadBucket";
                case "DELETE":
                    return "DeleteBucket";
                default:
                    throw notImplemented(method, "/" + bucket);
            }
        }
        return switch (method) {
            case "PUT" -> "PutObject";
            case "GET" -> "GetObject";
            case "HEAD" -> "HeadObject";
            case "DELETE" -> "DeleteObject";
            default -> throw notImplemented(method, "/" + bucket + "/" + key);
        };
    }

    private static AwsException notImplemented(String method, String path) {
        return new AwsException("NotImplemented", 501,
                "The local cloud's S3 does not implement " + method + " " + path + ". See docs/local-cloud.md.");
    }

    private static String decodePath(String raw) {
        // path segments are percent-encoded; '+' is a literal plus in a path
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
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
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new AwsException("IncompleteBody", 400, "The aws-chunked request body is malformed.");
            }
            i = lineEnd + 2;
            if (size == 0) {
                break; // trailers (checksums) follow; not needed
            }
            if (i + size > in.length) {
                throw new AwsException("IncompleteBody", 400,
                        "You did not provide the number of bytes specified by the Content-Length HTTP header");
            }
            out.write(in, i, size);
            i += size + 2;
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
