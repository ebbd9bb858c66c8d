package dev.gbo.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.RequestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP adapter: one port on 127.0.0.1 that serves every AWS API of the local cloud. It finds the
 * API from the SigV4 credential scope of the {@code Authorization} header (the same signing name
 * AWS routes on), falling back to the {@code X-Amz-Target} prefix or the path for unsigned
 * requests; then the API's {@link ProtocolHandler} marshals, the {@link AwsService} does the work,
 * and {@link ErrorWriter} writes any {@link AwsException}. Signatures are not verified: any
 * credentials are accepted, as local emulators do.
 *
 * <p>Beside the APIs it can serve non-AWS routes ({@link #mount}, e.g. a web console): unsigned
 * requests under a prefix whose first segment starts with {@code _}, which no S3 bucket name can, so
 * no AWS route is ever shadowed; and {@link #home}: an unsigned {@code GET /} without
 * {@code X-Amz-Target} (a browser) is redirected there, while a signed {@code GET /} stays S3
 * ListBuckets.
 */
public final class AwsEndpoint implements AutoCloseable {

    private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern SDK_REQUEST = Pattern.compile("attempt=(\\d+);\\s*max=(\\d+)");

    private record Route(AwsService service, ProtocolHandler protocol) {
    }

    private record Mount(String prefix, HttpHandler handler) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Mount> mounts = new CopyOnWriteArrayList<>();
    private volatile String home;
    private final FaultHook faults;
    private final ThrottleHook throttle;
    private final AuthorizeHook authorize;
    private final String accountId;
    private final String defaultRegion;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, long[]> operations = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Limits limits = Limits.DEFAULTS;

    static {
        // The JDK server drops a connection (no answer) past its own header limits; they are raised here
        // so that the endpoint's Limits, answered with HTTP errors, apply first. Explicit settings win.
        defaultProperty("sun.net.httpserver.maxReqHeaders", "10000");
        defaultProperty("sun.net.httpserver.maxReqHeaderSize", String.valueOf(1 << 20));
        // a connection whose request (headers and body) takes longer than this is closed: the last resort
        // behind the body read timeout, for a client that stalls completely
        defaultProperty("sun.net.httpserver.maxReqTime", "300");
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /** Called with (signing name, operation) before every operation on the wire; throws to inject a fault. */
    @FunctionalInterface
    public interface FaultHook {
        void check(String service, String operation);
    }

    /**
     * Called with (signing name, operation, caller) before every operation on the wire, before the API
     * faults; throws the API's throttling error to refuse the call.
     */
    @FunctionalInterface
    public interface ThrottleHook {
        void check(String service, String operation, Caller caller);
    }

    /**
     * Called with the API, the operation, its unmarshalled input, the request context and the caller
     * before every operation on the wire, after throttling and before the API faults; throws the API's
     * AccessDenied error to refuse the call (IAM).
     */
    @FunctionalInterface
    public interface AuthorizeHook {
        void check(AwsService service, String operation, com.fasterxml.jackson.databind.JsonNode input,
                RequestContext context, Caller caller);
    }

    /**
     * Who makes a request: the access key id of its SigV4 credential scope (null when unsigned) and the
     * SDK's {@code amz-sdk-request: attempt=N; max=M} header (0 when absent).
     */
    public record Caller(String accessKeyId, int attempt, int maxAttempts) {
    }

    /**
     * Calls of one operation that arrived on the wire since the endpoint started: {@code calls} counts
     * every one (throttled included), {@code throttled} those the throttle hook refused.
     */
    public record OperationCount(long calls, long throttled) {
        /** Calls that passed throttling (they may still have failed: API faults, validation...). */
        public long accepted() {
            return calls - throttled;
        }
    }

    public AwsEndpoint(int port, String accountId, String defaultRegion) {
        this(port, accountId, defaultRegion, (service, operation) -> { });
    }

    public AwsEndpoint(int port, String accountId, String defaultRegion, FaultHook faults) {
        this(port, accountId, defaultRegion, faults, (service, operation, caller) -> { });
    }

    /** {@code faults} is consulted before every operation that arrives on the wire (the scenario's API faults). */
    public AwsEndpoint(int port, String accountId, String defaultRegion, FaultHook faults, ThrottleHook throttle) {
        this(port, accountId, defaultRegion, faults, throttle, (service, operation, input, context, caller) -> { });
    }

    /** As above, with the authorization of each call on the wire ({@link AuthorizeHook}). */
    public AwsEndpoint(int port, String accountId, String defaultRegion, FaultHook faults, ThrottleHook throttle,
            AuthorizeHook authorize) {
        this.faults = faults;
        this.throttle = throttle;
        this.authorize = authorize;
        this.accountId = accountId;
        this.defaultRegion = defaultRegion;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot bind 127.0.0.1:" + port + " (" + e.getMessage()
                    + "). Choose another port, or 0 for any free one.", e);
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /**
     * Adds an API. The signing name of the service selects it; throttling and API faults apply to its
     * operations on the wire (not to calls services make to each other in process).
     */
    public AwsEndpoint register(AwsService service, ProtocolHandler protocol) {
        routes.put(service.signingName(), new Route(service, protocol));
        return this;
    }

    /**
     * Serves a non-AWS route: every unsigned request whose path is {@code prefix} or under it goes to
     * {@code handler}, neither throttled nor faulted nor counted as an API call. The prefix's first
     * segment must start with {@code _} (e.g. {@code /_gbo/console}): no S3 bucket name can, so the
     * route never hides an AWS request.
     */
    public AwsEndpoint mount(String prefix, HttpHandler handler) {
        if (!prefix.matches("/_[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")) {
            throw new IllegalArgumentException("a mounted prefix is '/_name[/more]' (no S3 bucket name starts with '_'), got '"
                    + prefix + "'");
        }
        mounts.add(new Mount(prefix, java.util.Objects.requireNonNull(handler, "handler")));
        return this;
    }

    /**
     * Redirects a browser's {@code GET /} (unsigned, no {@code X-Amz-Target}) to {@code path}, which
     * must be under a {@link #mount}ed prefix. A signed {@code GET /} is still S3 ListBuckets.
     */
    public AwsEndpoint home(String path) {
        if (mountFor(path) == null) {
            throw new IllegalArgumentException("home page " + path + " is not under a mounted prefix");
        }
        this.home = path;
        return this;
    }

    private Mount mountFor(String rawPath) {
        for (Mount m : mounts) {
            if (rawPath.equals(m.prefix()) || rawPath.startsWith(m.prefix() + "/")) {
                return m;
            }
        }
        return null;
    }

    /** Serves the request if it is for a mounted route or the home page; false when it is an AWS request. */
    private boolean servedBeside(HttpExchange ex) throws IOException {
        var headers = ex.getRequestHeaders();
        String query = ex.getRequestURI().getRawQuery();
        if (headers.containsKey("Authorization") || query != null && query.contains("X-Amz-Signature=")) {
            return false; // signed (header or presigned URL): always an AWS request
        }
        String path = ex.getRequestURI().getRawPath();
        Mount m = mountFor(path);
        if (m != null) {
            m.handler().handle(ex);
            return true;
        }
        if (home != null && "/".equals(path) && "GET".equals(ex.getRequestMethod()) && !headers.containsKey("X-Amz-Target")) {
            ex.getRequestBody().close();
            ex.getResponseHeaders().set("Location", home);
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return true;
        }
        return false;
    }

    /** Replaces the wire limits ({@link Limits#DEFAULTS} unless set). */
    public AwsEndpoint limits(Limits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        return this;
    }

    public Limits limits() {
        return limits;
    }

    /** The service as seen from the wire: throttled, authorized, then faulted, for this caller. */
    private AwsService onTheWire(AwsService service, Caller caller) {
        return new dev.gbo.local.core.ForwardingAwsService(service) {
            @Override
            public com.fasterxml.jackson.databind.JsonNode call(String operation, com.fasterxml.jackson.databind.JsonNode input,
                                                                RequestContext context) {
                long[] count = operations.computeIfAbsent(service.signingName() + ":" + operation, k -> new long[2]);
                synchronized (count) {
                    count[0]++;
                }
                try {
                    throttle.check(service.signingName(), operation, caller);
                } catch (AwsException e) {
                    synchronized (count) {
                        count[1]++;
                    }
                    throw e;
                }
                authorize.check(service, operation, input, context, caller);
                faults.check(service.signingName(), operation);
                return service.call(operation, input, context);
            }
        };
    }

    public void start() {
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long requestCount() {
        return requests.get();
    }

    /**
     * A snapshot of the operations that arrived on the wire, keyed {@code "signingName:Operation"}
     * (e.g. {@code "batch:SubmitJob"}), sorted by key: for benchmarks and reports. Counts only the
     * requests routed to an API (not the unrouted ones); calls services make to each other in process
     * never reach the wire and are not counted.
     */
    public Map<String, OperationCount> operationCounts() {
        Map<String, OperationCount> out = new java.util.TreeMap<>();
        operations.forEach((k, c) -> {
            synchronized (c) {
                out.put(k, new OperationCount(c[0], c[1]));
            }
        });
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(HttpExchange ex) throws IOException {
        if (!mounts.isEmpty() && servedBeside(ex)) {
            return;
        }
        long n = requests.incrementAndGet();
        String requestId = new UUID(0x6762_6f00_0000_4000L, n).toString();
        Route route = null;
        try {
            String region = defaultRegion;
            String signingName = null;
            String accessKeyId = null;
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                Matcher m = SCOPE.matcher(auth);
                if (m.find()) {
                    accessKeyId = m.group(1);
                    region = m.group(2);
                    signingName = m.group(3);
                }
            }
            int attempt = 0;
            int max = 0;
            String sdkRequest = ex.getRequestHeaders().getFirst("amz-sdk-request");
            if (sdkRequest != null) {
                Matcher m = SDK_REQUEST.matcher(sdkRequest);
                if (m.find()) {
                    attempt = parseSmall(m.group(1));
                    max = parseSmall(m.group(2));
                }
            }
            if (signingName == null) {
                signingName = guess(ex);
            }
            route = signingName == null ? null : routes.get(signingName);
            ErrorWriter.Format format = route == null ? ErrorWriter.Format.JSON : route.protocol().errorFormat();
            bound(ex, format);
            if (route == null) {
                throw new AwsException("UnrecognizedClientException", 400,
                        "The local cloud does not serve the AWS API '" + ErrorWriter.clip(String.valueOf(signingName), 64)
                                + "' (" + ex.getRequestMethod() + " " + ErrorWriter.clip(ex.getRequestURI().getRawPath(), 128)
                                + "). It serves: " + String.join(", ", routes.keySet()));
            }
            route.protocol().handle(ex, onTheWire(route.service(), new Caller(accessKeyId, attempt, max)),
                    new RequestContext(region, accountId, requestId));
        } catch (AwsException e) {
            refuse(ex, route, e, requestId);
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println("[gbo-local] internal error on " + ex.getRequestMethod() + " "
                    + ErrorWriter.clip(ex.getRequestURI().toString(), 256) + ": " + e);
            e.printStackTrace();
            refuse(ex, route, Refusals.internal(format(route), e), requestId);
        } catch (Error e) {
            // OutOfMemoryError and the other Errors: this request fails, the server goes on
            System.err.println("[gbo-local] " + e + " on " + ex.getRequestMethod() + " "
                    + ErrorWriter.clip(ex.getRequestURI().toString(), 256) + "; the endpoint goes on serving");
            refuse(ex, route, Refusals.internal(format(route), e), requestId);
        }
    }

    private static ErrorWriter.Format format(Route route) {
        return route == null ? ErrorWriter.Format.JSON : route.protocol().errorFormat();
    }

    /** Writes the error; a client already gone, or a second failure while writing, only closes the exchange. */
    private static void refuse(HttpExchange ex, Route route, AwsException e, String requestId) {
        try {
            if (!bodyConsumed(ex)) {
                ex.getResponseHeaders().set("Connection", "close"); // the rest of the body is not read
            }
            ErrorWriter.write(ex, format(route), e, requestId);
        } catch (IOException | RuntimeException | Error again) {
            ex.close();
        }
    }

    private static boolean bodyConsumed(HttpExchange ex) {
        if (ex.getRequestBody() instanceof BoundedBody b && b.atEnd()) {
            return true;
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        return ex.getRequestHeaders().getFirst("Transfer-Encoding") == null && (length == null || "0".equals(length.trim()));
    }

    /**
     * The wire limits: header count and size first, then a declared body length over the protocol's limit
     * is refused before a byte of it is read; any other body is read through {@link BoundedBody}.
     */
    private void bound(HttpExchange ex, ErrorWriter.Format format) {
        Limits l = limits;
        int count = 0;
        long bytes = 0;
        for (Map.Entry<String, java.util.List<String>> h : ex.getRequestHeaders().entrySet()) {
            for (String v : h.getValue()) {
                count++;
                bytes += h.getKey().length() + (v == null ? 0 : v.length()) + 4;
            }
        }
        if (count > l.maxHeaders()) {
            throw Refusals.tooManyHeaders(format, count, l.maxHeaders());
        }
        if (bytes > l.maxHeaderBytes()) {
            throw Refusals.headersTooLarge(format, bytes, l.maxHeaderBytes());
        }
        long maxBody = l.maxBody(format);
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > maxBody) {
                throw Refusals.bodyTooLarge(format, maxBody);
            }
        }
        ex.setStreams(new BoundedBody(ex.getRequestBody(), maxBody, l.bodyReadTimeout().toNanos(), format), null);
    }

    /** A small non-negative decimal header field; anything else is 0. */
    private static int parseSmall(String digits) {
        return digits.length() > 6 ? 0 : Integer.parseInt(digits);
    }

    /**
     * The API of an unsigned request, from what is registered: the service whose
     * {@link AwsService#targetPrefix()} is the {@code X-Amz-Target} prefix, else the service with the
     * most specific REST binding matching the method and path; else path-style S3 for any other path.
     */
    private String guess(HttpExchange ex) {
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.indexOf('.') > 0) {
            String prefix = target.substring(0, target.indexOf('.'));
            return routes.values().stream().map(Route::service).filter(s -> prefix.equals(s.targetPrefix()))
                    .map(AwsService::signingName).findFirst().orElse(null);
        }
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String best = null;
        int bestLiterals = -1;
        for (Route r : routes.values()) {
            for (dev.gbo.local.core.Operation op : r.service().operations()) {
                Binding b = op.binding();
                if (b.isRpc() || !matches(b, method, rawPath) && !matches(b, method, rawPath + "/")) {
                    continue;
                }
                int literals = (int) java.util.Arrays.stream(b.path().split("/")).filter(x -> !x.startsWith("{")).count();
                if (literals > bestLiterals) {
                    best = r.service().signingName();
                    bestLiterals = literals;
                }
            }
        }
        if (best != null) {
            return best;
        }
        String path = ex.getRequestURI().getPath();
        if (!"/".equals(path) && !path.isEmpty()) {
            return "s3"; // unsigned path-style S3 (/bucket, /bucket/key)
        }
        return null;
    }

    private static boolean matches(Binding binding, String method, String rawPath) {
        try {
            return binding.match(method, rawPath) != null;
        } catch (AwsException malformedEscape) {
            return false;
        }
    }
}
