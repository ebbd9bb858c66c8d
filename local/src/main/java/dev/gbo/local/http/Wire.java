package dev.gbo.local.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for reading and writing HTTP exchanges. */
final class Wire {
    private Wire() {
    }

    static byte[] body(HttpExchange ex) throws IOException {
        return ex.getRequestBody().readAllBytes();
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body == null || body.length == 0 || "HEAD".equals(ex.getRequestMethod()) || status == 204) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    /**
     * Every value of every parameter of a query string or form body, decoded, in order. A malformed
     * {@code %}-escape is an {@link IllegalArgumentException} naming the pair.
     */
    static Map<String, List<String>> formValues(String s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed %-escape: '"
                        + (pair.length() > 100 ? pair.substring(0, 100) + "..." : pair) + "'", e);
            }
        }
        return out;
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * {@link #formValues} with a malformed escape answered as the protocol's error (S3's InvalidURI, the
     * query protocols' MalformedQueryString, ValidationException elsewhere).
     */
    static Map<String, List<String>> formValues(String s, ErrorWriter.Format format) {
        try {
            return formValues(s);
        } catch (IllegalArgumentException e) {
            throw Refusals.malformedQuery(format, ErrorWriter.clip(e.getMessage(), 200));
        }
    }

    /** {@link #formDecode} with a malformed escape answered as the protocol's error. */
    static Map<String, String> formDecode(String s, ErrorWriter.Format format) {
        Map<String, String> out = new LinkedHashMap<>();
        formValues(s, format).forEach((k, values) -> out.put(k, values.get(values.size() - 1)));
        return out;
    }

    static String xmlEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\t', '\n', '\r' -> b.append(c);
                default -> b.append(c < 0x20 || c == 0xfffe || c == 0xffff || Character.isSurrogate(c)
                        && !validPair(s, i) ? '\ufffd' : c); // not allowed in XML 1.0
            }
        }
        return b.toString();
    }
}
