package dev.gbo.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The query protocols: EC2's ({@code ec2}) and the classic AWS query protocol ({@code sts}).
 *
 * <p>Input: form members with dotted, 1-based list indices become a JSON tree, e.g.
 * {@code Filter.1.Name=instance-type&Filter.1.Value.1=m9g.*} becomes
 * {@code {"Filter":[{"Name":"instance-type","Value":["m9g.*"]}]}}.
 *
 * <p>Output: the service returns a JSON object whose member names are the XML element names
 * ({@code instanceTypeOfferingSet}, {@code instanceType}...). Objects become elements, arrays
 * become a list of {@code <item>} (EC2) or {@code <member>} (query) elements, scalars become text.
 */
public final class QueryProtocol implements ProtocolHandler {

    private final boolean ec2;
    private final String namespace;

    private QueryProtocol(boolean ec2, String namespace) {
        this.ec2 = ec2;
        this.namespace = namespace;
    }

    public static QueryProtocol ec2() {
        return new QueryProtocol(true, "http://ec2.amazonaws.com/doc/2016-11-15/");
    }

    public static QueryProtocol query(String namespace) {
        return new QueryProtocol(false, namespace);
    }

    @Override
    public void handle(HttpExchange ex, AwsService service, RequestContext ctx) throws IOException {
        String form = "POST".equals(ex.getRequestMethod())
                ? new String(Wire.body(ex), StandardCharsets.UTF_8)
                : ex.getRequestURI().getRawQuery();
        Map<String, String> params = Wire.formDecode(form, errorFormat());
        String action = params.remove("Action");
        params.remove("Version");
        if (action == null || action.isEmpty()) {
            throw new AwsException("MissingAction", 400, "The request must contain the parameter Action.");
        }
        JsonNode output = service.call(action, toTree(params), ctx);
        StringBuilder xml = new StringBuilder(512);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append('<').append(action).append("Response xmlns=\"").append(namespace).append("\">");
        if (ec2) {
            xml.append("<requestId>").append(ctx.requestId()).append("</requestId>");
            writeMembers(xml, output);
        } else {
            xml.append('<').append(action).append("Result>");
            writeMembers(xml, output);
            xml.append("</").append(action).append("Result>");
            xml.append("<ResponseMetadata><RequestId>").append(ctx.requestId())
                    .append("</RequestId></ResponseMetadata>");
        }
        xml.append("</").append(action).append("Response>");
        ex.getResponseHeaders().set("x-amzn-RequestId", ctx.requestId());
        Wire.send(ex, 200, "text/xml;charset=UTF-8", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ErrorWriter.Format errorFormat() {
        return ec2 ? ErrorWriter.Format.EC2_QUERY : ErrorWriter.Format.QUERY;
    }

    /** The largest list index of a query member ({@code Filter.1000.Name}). */
    static final int MAX_INDEX = 1000;

    /** Dotted form members to a JSON tree; numeric segments are 1-based list indices. */
    static ObjectNode toTree(Map<String, String> params) {
        ObjectNode root = Json.object();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String[] path = e.getKey().split("\\.");
            JsonNode node = root;
            for (int i = 0; i < path.length; i++) {
                boolean last = i == path.length - 1;
                boolean nextIsIndex = !last && isIndex(path[i + 1]);
                if (node instanceof ObjectNode obj) {
                    if (last) {
                        obj.put(path[i], e.getValue());
                    } else {
                        JsonNode child = obj.get(path[i]);
                        if (child == null) {
                            child = nextIsIndex ? obj.putArray(path[i]) : obj.putObject(path[i]);
                        }
                        node = child;
                    }
                } else if (node instanceof ArrayNode arr) {
                    if (!isIndex(path[i])) {
                        throw new AwsException("InvalidParameterValue", 400, "The parameter " + ErrorWriter.clip(e.getKey(), 100)
                                + " has '" + ErrorWriter.clip(path[i], 20) + "' where a 1-based list index belongs.");
                    }
                    int index = path[i].length() > 5 ? -1 : Integer.parseInt(path[i]) - 1;
                    if (index < 0 || index >= MAX_INDEX) {
                        throw new AwsException("InvalidParameterValue", 400, "List index "
                                + ErrorWriter.clip(path[i], 20) + " in " + ErrorWriter.clip(e.getKey(), 100)
                                + " is out of range: indices are 1-based and at most " + MAX_INDEX + ".");
                    }
                    while (arr.size() <= index) {
                        arr.addNull();
                    }
                    if (last) {
                        arr.set(index, Json.MAPPER.getNodeFactory().textNode(e.getValue()));
                    } else {
                        JsonNode child = arr.get(index);
                        if (child == null || child.isNull()) {
                            child = nextIsIndex ? Json.array() : Json.object();
                            arr.set(index, child);
                        }
                        node = child;
                    }
                } else {
                    throw new AwsException("InvalidParameterValue", 400,
                            "The parameter " + ErrorWriter.clip(e.getKey(), 100) + " mixes a value and a structure.");
                }
            }
        }
        return root;
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void writeMembers(StringBuilder xml, JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            writeElement(xml, e.getKey(), e.getValue());
        }
    }

    private void writeElement(StringBuilder xml, String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        xml.append('<').append(name).append('>');
        if (value.isObject()) {
            writeMembers(xml, value);
        } else if (value.isArray()) {
            String item = ec2 ? "item" : "member";
            for (JsonNode v : value) {
                writeElement(xml, item, v);
            }
        } else {
            xml.append(Wire.xmlEscape(value.asText()));
        }
        xml.append("</").append(name).append('>');
    }
}
