package dev.gbo.local.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one operation sits on the wire, as the API's Smithy model says it ({@code @http} and the
 * {@code @httpLabel}/{@code @httpQuery}/{@code @httpHeader}/{@code @httpPayload} traits). RPC
 * protocols (JSON 1.0/1.1 with {@code X-Amz-Target}, query with {@code Action}) carry the
 * operation's name in the request, so their binding is {@link #rpc()}; REST protocols (REST-JSON,
 * REST-XML) route on method and path, and take members from the path, the query string and headers.
 *
 * <pre>{@code
 * Binding.rest("POST", "/2015-03-31/functions/{FunctionName}/invocations")
 *        .header("X-Amz-Invocation-Type", "InvocationType", "RequestResponse")
 *        .payload("Payload")
 *        .responseHeader("FunctionError", "X-Amz-Function-Error")
 *        .responseStatus("StatusCode").responsePayload("Payload");
 * }</pre>
 *
 * The generic protocol adapters read these bindings; they hold no table of operations of their own.
 */
public final class Binding {

    /** Where a request member comes from. */
    public enum Location { LABEL, QUERY, QUERY_LIST, HEADER }

    /** One request member bound to the wire: {@code wireName} at {@code location}, {@code fallback} when absent. */
    public record Member(Location location, String wireName, String member, String fallback) {
    }

    private final String method;
    private final String path;
    private final List<String> segments;
    private final List<Member> members = new ArrayList<>();
    private final List<Map.Entry<String, String>> responseHeaders = new ArrayList<>();
    private final List<Map.Entry<String, String>> queryConditions = new ArrayList<>();
    private String payload;
    private String responseStatus;
    private String responsePayload;

    private Binding(String method, String path) {
        this.method = method;
        this.path = path;
        this.segments = path == null ? List.of() : List.of(path.substring(1).split("/", -1));
    }

    /** The operation's name is in the request ({@code X-Amz-Target} or {@code Action}). */
    public static Binding rpc() {
        return new Binding(null, null);
    }

    /**
     * A REST route: {@code path} starts with {@code /}; {@code {Member}} matches one segment,
     * {@code {Member+}} the rest of the path; both are URL-decoded into the member.
     */
    public static Binding rest(String method, String path) {
        Objects.requireNonNull(method, "method");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a REST path starts with '/': " + path);
        }
        return new Binding(method.toUpperCase(Locale.ROOT), path);
    }

    /**
     * The route takes a request only when its query string has {@code parameter}, with any value or
     * none: a subresource such as S3's {@code ?notification} or {@code ?location}.
     */
    public Binding whenQuery(String parameter) {
        return whenQuery(parameter, null);
    }

    /** The route takes a request only when its query string has {@code parameter=value} ({@code ?list-type=2}). */
    public Binding whenQuery(String parameter, String value) {
        queryConditions.add(new java.util.AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(parameter), value));
        return this;
    }

    public Binding query(String parameter, String member) {
        members.add(new Member(Location.QUERY, parameter, member, null));
        return this;
    }

    /** A repeated query parameter ({@code ?tagKeys=a&tagKeys=b}) into a list member. */
    public Binding queryList(String parameter, String member) {
        members.add(new Member(Location.QUERY_LIST, parameter, member, null));
        return this;
    }

    public Binding header(String header, String member) {
        return header(header, member, null);
    }

    public Binding header(String header, String member, String fallback) {
        members.add(new Member(Location.HEADER, header, member, fallback));
        return this;
    }

    /** The raw request body goes into this string member instead of being parsed as the input. */
    public Binding payload(String member) {
        this.payload = member;
        return this;
    }

    /** An output member written as a response header (and left out of the body). */
    public Binding responseHeader(String member, String header) {
        responseHeaders.add(Map.entry(member, header));
        return this;
    }

    /** An output member that is the HTTP status code. */
    public Binding responseStatus(String member) {
        this.responseStatus = member;
        return this;
    }

    /** An output string member sent as the raw response body. */
    public Binding responsePayload(String member) {
        this.responsePayload = member;
        return this;
    }

    public boolean isRpc() {
        return path == null;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public String payloadMember() {
        return payload;
    }

    public List<Map.Entry<String, String>> responseHeaders() {
        return List.copyOf(responseHeaders);
    }

    public String responseStatusMember() {
        return responseStatus;
    }

    public String responsePayloadMember() {
        return responsePayload;
    }

    /**
     * Like {@link #match(String, String)}, and the query string (each parameter's first value, decoded,
     * {@code ""} when it has none) satisfies the {@link #whenQuery} conditions.
     */
    public Map<String, String> match(String method, String rawPath, Map<String, String> query) {
        for (Map.Entry<String, String> c : queryConditions) {
            String actual = query.get(c.getKey());
            if (actual == null || c.getValue() != null && !c.getValue().equals(actual)) {
                return null;
            }
        }
        return match(method, rawPath);
    }

    /**
     * Matches a request path (raw, not decoded) against this route: the label values (decoded) by
     * member name, or null when it does not match. Literal segments compare case-insensitively.
     */
    public Map<String, String> match(String method, String rawPath) {
        if (isRpc() || !this.method.equalsIgnoreCase(method) || rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        String[] actual = rawPath.substring(1).split("/", -1);
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (expected.startsWith("{") && expected.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length));
                if (rest.isEmpty()) {
                    return null;
                }
                labels.put(expected.substring(1, expected.length() - 2), decode(rest));
                return labels;
            }
            if (i >= actual.length) {
                return null;
            }
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                labels.put(expected.substring(1, expected.length() - 1), decode(actual[i]));
            } else if (!expected.equalsIgnoreCase(actual[i])) {
                return null;
            }
        }
        return actual.length == segments.size() ? labels : null;
    }

    private static String decode(String raw) {
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AwsException("ValidationException", 400, "The request path has a malformed %-escape: '"
                    + (raw.length() > 100 ? raw.substring(0, 100) + "..." : raw) + "'.");
        }
    }

    @Override
    public String toString() {
        if (isRpc()) {
            return "rpc";
        }
        StringBuilder s = new StringBuilder(method).append(' ').append(path);
        char sep = '?';
        for (Map.Entry<String, String> c : queryConditions) {
            s.append(sep).append(c.getKey()).append(c.getValue() == null ? "" : "=" + c.getValue());
            sep = '&';
        }
        return s.toString();
    }
}
