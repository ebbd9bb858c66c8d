package dev.gbo.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.RequestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public final class AwsEndpoint implements AutoCloseable {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Map<String, String> TARGET_PREFIX = Map.of(
            "AWSStepFunctions", "states",
            "AWSEvents", "events",
            "Logs_20140328", "logs",
            "AmazonEC2ContainerRegistry_V20150921", "ecr");

    private record Route(AwsService service, ProtocolHandler protocol) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final FaultHook faults;
    private final String accountId;
    private final String defaultRegion;
    private final AtomicLong requests = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor;

    /** Called with (signing name, operation) before every operation on the wire; throws to inject a fault. */
    @FunctionalInterface
    public interface FaultHook {
        void check(String service, String operation);
    }

    public AwsEndpoint(int port, String accountId, String defaultRegion) {
        this(port, accountId, defaultRegion, (service, operation) -> { });
    }

    /** {@code faults} is consulted before every operation that arrives on the wire (the scenario's API faults). */
    public AwsEndpoint(int port, String accountId, String defaultRegion, FaultHook faults) {
        this.faults = faults;
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

    /** Adds an API. The signing name of the service selects it; API faults apply to its operations on the wire. */
    public AwsEndpoint register(AwsService service, ProtocolHandler protocol) {
        AwsService faulty = new AwsService() {
            @Override
            public String signingName() {
                return service.signingName();
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode call(String operation, com.fasterxml.jackson.databind.JsonNode input,
                                                                RequestContext context) {
                faults.check(service.signingName(), operation);
                return service.call(operation, input, context);
            }
        };
        routes.put(service.signingName(), new Route(faulty, protocol));
        return this;
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
        long n = requests.incrementAndGet();
        String requestId = new UUID(0x6762_6f00_0000_4000L, n).toString();
        Route route = null;
        try {
            String region = defaultRegion;
            String signingName = null;
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                Matcher m = SCOPE.matcher(auth);
                if (m.find()) {
                    region = m.group(1);
                    signingName = m.group(2);
                }
            }
            if (signingName == null) {
                signingName = guess(ex);
            }
            route = signingName == null ? null : routes.get(signingName);
            if (route == null) {
                throw new AwsException("UnrecognizedClientException", 400,
                        "The local cloud does not serve the AWS API '" + signingName + "' (" + ex.getRequestMethod()
                                + " " + ex.getRequestURI() + "). It serves: " + String.join(", ", routes.keySet()));
            }
            route.protocol().handle(ex, route.service(), new RequestContext(region, accountId, requestId));
        } catch (AwsException e) {
            ErrorWriter.write(ex, route == null ? ErrorWriter.Format.JSON : route.protocol().errorFormat(), e, requestId);
        } catch (RuntimeException e) {
            System.err.println("[gbo-local] internal error on " + ex.getRequestMethod() + " " + ex.getRequestURI()
                    + ": " + e);
            e.printStackTrace();
            AwsException wrapped = AwsException.internal("InternalFailure",
                    "The local cloud failed to handle this request: " + e + ". This is a bug in gbo; please report it.");
            ErrorWriter.write(ex, route == null ? ErrorWriter.Format.JSON : route.protocol().errorFormat(), wrapped,
                    requestId);
        }
    }

    private static String guess(HttpExchange ex) {
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.indexOf('.') > 0) {
            return TARGET_PREFIX.get(target.substring(0, target.indexOf('.')));
        }
        String path = ex.getRequestURI().getPath();
        if (path.startsWith("/v1/")) {
            return "batch";
        }
        if (path.startsWith("/2015-03-31/functions")) {
            return "lambda";
        }
        if (!"/".equals(path) && !path.isEmpty()) {
            return "s3"; // unsigned path-style S3 (/bucket, /bucket/key)
        }
        return null;
    }
}
