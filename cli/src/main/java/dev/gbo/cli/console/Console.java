package dev.gbo.cli.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gbo.testkit.LocalDeployment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local web console that {@code gbo serve} puts beside the AWS APIs on the same port: a browser's
 * {@code GET /} is redirected to {@value #PREFIX}/, which serves the single page (HTML, CSS and ES
 * modules from the jar's {@code console/} resources, nothing from a CDN) and a small read-only JSON
 * API ({@link ConsoleApi}) for what AWS has no API for. Everything else the page reads and does, it
 * does through the AWS APIs of the same endpoint, unsigned and same-origin, as AWS's own console is a
 * client of the public APIs.
 */
public final class Console implements HttpHandler {
    /** Where the console lives: the first segment starts with '_', so it can never be an S3 bucket. */
    public static final String PREFIX = "/_gbo/console";

    /** The run report's timeline of one execution, as SVG (rendered by the CLI's report). */
    @FunctionalInterface
    public interface Timelines {
        String svg(String executionArn);
    }

    private static final Pattern ASSET = Pattern.compile("(css|js|js/pages|img)/[a-z0-9][a-z0-9-]*\\.(css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final ConsoleApi api;

    Console(ConsoleApi api) {
        this.api = api;
    }

    /**
     * Mounts the console on the deployment's endpoint and returns its URL. {@code home} is where the
     * {@code events/} fixtures are read from.
     */
    public static String install(LocalDeployment local, Path home, Timelines timelines) {
        Console console = new Console(new ConsoleApi(local, home, timelines));
        local.cloud().mount(PREFIX, console, PREFIX + "/");
        return local.cloud().endpoint() + "/";
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            if (!loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
                // DNS rebinding: a page of another site must not read the console through a name that resolves here.
                send(ex, 403, "text/plain; charset=utf-8", "the console answers only to 127.0.0.1, localhost or [::1]\n");
                return;
            }
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "the console's own routes are read-only; actions go through the AWS APIs\n");
                return;
            }
            String path = ex.getRequestURI().getRawPath().substring(PREFIX.length());
            if (path.isEmpty()) {
                ex.getResponseHeaders().set("Location", PREFIX + "/");
                ex.sendResponseHeaders(302, -1);
                return;
            }
            if (path.startsWith("/api/")) {
                ConsoleApi.Response r = api.handle(path.substring("/api/".length()), ex.getRequestURI().getRawQuery());
                ex.getResponseHeaders().set("Cache-Control", "no-store");
                send(ex, r.status(), r.contentType(), r.body());
                return;
            }
            String file = path.equals("/") ? "index.html" : path.substring(1);
            if (!file.equals("index.html") && !ASSET.matcher(file).matches()) {
                send(ex, 404, "text/plain; charset=utf-8", "no such console page or asset: " + path + "\n");
                return;
            }
            try (InputStream in = asset(file)) {
                if (in == null) {
                    send(ex, 404, "text/plain; charset=utf-8", "no such console asset: " + path + "\n");
                    return;
                }
                ex.getResponseHeaders().set("Cache-Control", "no-cache");
                send(ex, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), in.readAllBytes());
            }
        } catch (RuntimeException e) {
            System.err.println("[gbo console] " + ex.getRequestURI() + ": " + e);
            send(ex, 500, "text/plain; charset=utf-8", "console error: " + e.getMessage() + "\n");
        }
    }

    /**
     * An asset from the jar's {@code console/} resources, or, when the system property
     * {@code gbo.console.dir} names a directory (front-end work: edit, reload), from there.
     */
    private static InputStream asset(String file) throws IOException {
        String dir = System.getProperty("gbo.console.dir");
        if (dir != null) {
            Path p = Path.of(dir, file);
            return java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.newInputStream(p) : null;
        }
        return Console.class.getResourceAsStream("/console/" + file);
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", CSP);
        h.set("Referrer-Policy", "no-referrer");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }
}
