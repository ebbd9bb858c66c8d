package dev.gbo.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one place where {@link AwsException} becomes an AWS error on the wire, per protocol. */
public final class ErrorWriter {

    public enum Format { JSON, REST_JSON, EC2_QUERY, QUERY, REST_XML }

    /** The longest message written: whatever a message quotes from the request, an error stays small. */
    static final int MAX_MESSAGE = 2048;

    private ErrorWriter() {
    }

    /** {@code s} cut to {@code max} characters, saying how much was left out. */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "... (" + (s.length() - max) + " more characters)";
    }

    public static void write(HttpExchange ex, Format format, AwsException error, String requestId) throws IOException {
        AwsException e = error.getMessage() != null && error.getMessage().length() > MAX_MESSAGE
                ? new AwsException(error.code(), error.status(), clip(error.getMessage(), MAX_MESSAGE)) : error;
        ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
        switch (format) {
            case JSON, REST_JSON -> {
                ObjectNode body = Json.object();
                body.put("__type", e.code());
                body.put("message", e.getMessage() == null ? e.code() : e.getMessage());
                ex.getResponseHeaders().set("x-amzn-ErrorType", e.code());
                String type = format == Format.JSON ? "application/x-amz-json-1.1" : "application/json";
                Wire.send(ex, e.status(), type, Json.write(body).getBytes(StandardCharsets.UTF_8));
            }
            case EC2_QUERY -> {
                String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                        + Wire.xmlEscape(e.code()) + "</Code><Message>" + Wire.xmlEscape(String.valueOf(e.getMessage()))
                        + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
                Wire.send(ex, e.status(), "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
            }
            case QUERY -> {
                String xml = "<ErrorResponse><Error><Type>" + (e.senderFault() ? "Sender" : "Receiver")
                        + "</Type><Code>" + Wire.xmlEscape(e.code()) + "</Code><Message>"
                        + Wire.xmlEscape(String.valueOf(e.getMessage())) + "</Message></Error><RequestId>" + requestId
                        + "</RequestId></ErrorResponse>";
                Wire.send(ex, e.status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
            }
            case REST_XML -> {
                String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + Wire.xmlEscape(e.code())
                        + "</Code><Message>" + Wire.xmlEscape(String.valueOf(e.getMessage())) + "</Message><RequestId>"
                        + requestId + "</RequestId></Error>";
                Wire.send(ex, e.status(), "application/xml", xml.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
