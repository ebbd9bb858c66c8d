package dev.gbo.local.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that no HTTP client library sends: wrong Content-Length,
 * hundreds of headers, bodies sent slowly or never. One request per connection.
 */
final class RawHttp {

    /** A response: status 0 when the server closed the connection without answering. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the final blank line) and {@code body}. */
    static Response send(URI endpoint, String head, byte[] body) throws IOException {
        try (Socket s = connect(endpoint)) {
            OutputStream out = s.getOutputStream();
            boolean isHead = head.startsWith("HEAD ");
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException refusedWhileSending) {
                // the server answered and closed before reading the whole body: read what it said
            }
            return read(s.getInputStream(), isHead);
        }
    }

    /** A request line, then {@code headers} ("Name: value" each), with Host and Content-Length for {@code body}. */
    static String head(String method, String target, List<String> headers, int bodyLength) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1");
        headers.forEach(h -> b.append("\r\n").append(h));
        b.append("\r\nContent-Length: ").append(bodyLength);
        return b.toString();
    }

    static Socket connect(URI endpoint) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
        s.setSoTimeout(20_000);
        s.setTcpNoDelay(true);
        return s;
    }

    /** Reads one response (Content-Length or until close); status 0 when nothing came back. */
    static Response read(InputStream in) throws IOException {
        return read(in, false);
    }

    /** As {@link #read(InputStream)}; the response to a HEAD request has no body, whatever its Content-Length says. */
    static Response read(InputStream in, boolean headRequest) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int state = 0;
        try {
            int c;
            while (state < 4 && (c = in.read()) >= 0) {
                headBytes.write(c);
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return new Response(0, Map.of(), "");
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 ")) {
            return new Response(0, Map.of(), head);
        }
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        if (status == 100) {
            return read(in, headRequest);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        byte[] body;
        if (headRequest || status == 204 || status == 304) {
            body = new byte[0];
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                b.write(in.readNBytes(size));
                line(in);
            }
            body = b.toByteArray();
        } else {
            body = new byte[0];
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
