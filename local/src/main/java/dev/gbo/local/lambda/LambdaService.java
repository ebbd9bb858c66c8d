package dev.gbo.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.InvocationClock;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.Glob;
import dev.gbo.local.scenario.Scenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lambda of the local cloud: an in-process registry of Java functions. A function is a handler class
 * on the classpath ({@code pkg.Class::handleRequest}) constructed once per execution environment (cold
 * start) through its public {@code (Map<String,String> environment)} constructor (fallback: public
 * no-arg), then invoked with a real {@link Context}. Served over HTTP: Invoke (RequestResponse,
 * Event, DryRun), GetFunction, ListFunctions. In process: {@link #deploy}, {@link #publishAlias},
 * {@link #invoke} ({@link FunctionInvoker}), {@link #invokeAsync}, {@link #recentLogs}.
 */
public final class LambdaService implements AwsService, FunctionInvoker {
    /**
     * Set in every function's environment on VIRTUAL and MANUAL clocks: the SDK's backoff between retries is
     * simulated time there ({@link dev.gbo.local.core.InvocationClock}), so sleeping it in wall time only slows
     * the simulation. The gbo functions' Clients honour it; other handlers may ignore it.
     */
    public static final String SIMULATED_BACKOFF = "GBO_LOCAL_SIMULATED_BACKOFF";


    /** Environment variable names Lambda reserves; a function may not set them. */
    public static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    private static final int LOG_LINES_KEPT = 1000;

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final Supplier<String> endpoint;
    private final ClassLoader loader;
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, String> logicalIds = new ConcurrentHashMap<>();
    private volatile InvocationClock invocationClock;
    private List<Scenario.LambdaFault> faults = List.of();
    private long[] faultSeen = new long[0];
    private long[] faultFired = new long[0];
    private java.util.Random faultRandom = new java.util.Random(0);

    public LambdaService(SimClock clock, String region, String accountId, Supplier<String> endpoint) {
        this(clock, region, accountId, endpoint, null);
    }

    /** @param loader where handler classes come from; null = the thread context class loader at invoke time */
    public LambdaService(SimClock clock, String region, String accountId, Supplier<String> endpoint,
            ClassLoader loader) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.endpoint = endpoint;
        this.loader = loader;
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    /** Where invocations on the clock's driver keep their simulated time ({@link InvocationClock}). */
    public void invocationClock(InvocationClock clock) {
        this.invocationClock = clock;
    }

    /** The scenario's Lambda faults (crash after the handler ran), drawn from a random seeded with {@code seed}. */
    public synchronized void faults(List<Scenario.LambdaFault> lambdaFaults, long seed) {
        this.faults = List.copyOf(lambdaFaults);
        this.faultSeen = new long[faults.size()];
        this.faultFired = new long[faults.size()];
        this.faultRandom = new java.util.Random(seed ^ 0x6c616d6264614cL);
    }

    /** Records the template logical id of a deployed function, so scenario faults can name it. */
    public void logicalId(String name, String logicalId) {
        if (name != null && logicalId != null) {
            logicalIds.put(name, logicalId);
        }
    }

    /**
     * The access key id a function's code signs its requests with (AWS_ACCESS_KEY_ID): one per function,
     * so the endpoint recognises requests made by the function being invoked. Shaped like a temporary key.
     */
    public static String accessKeyId(String functionName) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("gbo-function-" + functionName).getBytes(StandardCharsets.UTF_8));
            return "ASIA" + HexFormat.of().withUpperCase().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a scenario fault crashes this invocation of {@code f} after its handler ran (counts the call). */
    private synchronized boolean crashAfterHandler(Function f) {
        String logical = logicalIds.get(f.name);
        for (int i = 0; i < faults.size(); i++) {
            Scenario.LambdaFault lf = faults.get(i);
            if (!Glob.matches(lf.function(), f.name) && (logical == null || !Glob.matches(lf.function(), logical))) {
                continue;
            }
            faultSeen[i]++;
            if (faultSeen[i] <= lf.afterCalls() || (lf.count() != null && faultFired[i] >= lf.count())) {
                continue;
            }
            if (lf.probability() >= 1.0 || faultRandom.nextDouble() < lf.probability()) {
                faultFired[i]++;
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ in-process API

    /**
     * Creates or replaces a function. The handler class is loaded at the first invocation (cold
     * start), as Lambda does. Replacing a function drops its warm instances.
     */
    public String deploy(String name, String handler, Map<String, String> environment, int memoryMb, int timeoutSeconds) {
        if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new AwsException("InvalidParameterValueException", 400,
                    "FunctionName '" + name + "' must be 1-64 characters of letters, digits, '-' and '_'.");
        }
        if (handler == null || handler.isBlank()) {
            throw new AwsException("InvalidParameterValueException", 400, "Handler is required: 'pkg.Class::method'.");
        }
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new AwsException("InvalidParameterValueException", 400,
                    "MemorySize " + memoryMb + " must be between 128 and 10240 MB.");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new AwsException("InvalidParameterValueException", 400,
                    "Timeout " + timeoutSeconds + " must be between 1 and 900 seconds.");
        }
        Map<String, String> env = new TreeMap<>(environment == null ? Map.of() : environment);
        List<String> reserved = env.keySet().stream().filter(RESERVED::contains).toList();
        if (!reserved.isEmpty()) {
            throw new AwsException("InvalidParameterValueException", 400,
                    "Lambda was unable to configure your environment variables because the environment variables you"
                            + " have provided contains reserved keys that are currently not supported for modification."
                            + " Reserved keys used in this request: " + String.join(", ", reserved));
        }
        Function previous = functions.get(name);
        Function f = new Function(name, handler, env, memoryMb, timeoutSeconds, clock.now());
        if (previous != null) {
            f.aliases.putAll(previous.aliases);
            f.versions = previous.versions;
            f.logs.addAll(previous.logs);
            f.invocations.set(previous.invocations.get());
            f.billedMillis.set(previous.billedMillis.get());
        }
        functions.put(name, f);
        return functionArn(name);
    }

    /** Publishes a version and points {@code alias} at it (SAM AutoPublishAlias); returns the alias ARN. */
    public String publishAlias(String name, String alias) {
        Function f = function(name, null);
        synchronized (f) {
            f.versions++;
            f.aliases.put(alias, String.valueOf(f.versions));
        }
        return functionArn(name) + ":" + alias;
    }

    public String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    public boolean exists(String functionRef) {
        try {
            resolve(functionRef, null);
            return true;
        } catch (AwsException e) {
            return false;
        }
    }

    /** The function's recent log lines (START/END/REPORT and the handler's own), oldest first. */
    public List<String> recentLogs(String functionRef) {
        Function f = resolve(functionRef, null).function;
        synchronized (f.logs) {
            return List.copyOf(f.logs);
        }
    }

    /** Names of the deployed functions, sorted. */
    public List<String> functionNames() {
        return functions.keySet().stream().sorted().toList();
    }

    /**
     * Invocations of one function so far (synchronous, asynchronous and their retries; each one a
     * REPORT line) and the sum of their Billed Duration: the wall time the local runtime measured,
     * rounded up to the millisecond, cold start included.
     */
    public record InvocationStats(long invocations, long billedMillis, int memoryMb) {
    }

    /** {@link InvocationStats} of every deployed function, by function name (sorted): for benchmarks and reports. */
    public Map<String, InvocationStats> invocationStats() {
        Map<String, InvocationStats> out = new TreeMap<>();
        functions.forEach((name, f) -> out.put(name, new InvocationStats(f.invocations.get(), f.billedMillis.get(), f.memoryMb)));
        return out;
    }

    /** How many execution environments (cold starts) the function has had. */
    public int coldStarts(String functionRef) {
        return resolve(functionRef, null).function.coldStarts.intValue();
    }

    @Override
    public Result invoke(String functionRef, String payload) {
        Target t = resolve(functionRef, null);
        Outcome o = run(t, payload == null || payload.isEmpty() ? "{}" : payload);
        return new Result(o.payload, o.functionError, o.errorType, o.simulatedMillis);
    }

    /**
     * An asynchronous invocation (InvocationType Event) on the clock: on a function error Lambda
     * retries twice, 1 and 2 minutes later, then gives up and calls {@code onFailure} (may be null).
     */
    public void invokeAsync(String functionRef, String payload, Consumer<Result> onFailure) {
        Target t = resolve(functionRef, null);
        AsyncInvoke.start(clock, this, t.invokedArn, payload, onFailure);
    }

    // ------------------------------------------------------------------ HTTP operations

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        return switch (operation) {
            case "Invoke" -> invokeOperation(input);
            case "GetFunction" -> getFunction(input);
            case "ListFunctions" -> listFunctions(input);
            default -> throw AwsService.unknownOperation("Lambda", operation);
        };
    }

    private JsonNode invokeOperation(JsonNode input) {
        String ref = Json.requireText(input, "FunctionName", "InvalidParameterValueException");
        Target t = resolve(ref, Json.text(input, "Qualifier", null));
        String type = Json.text(input, "InvocationType", "RequestResponse");
        String payload = Json.text(input, "Payload", "");
        if (payload.isEmpty()) {
            payload = "{}";
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try {
            Json.MAPPER.readTree(payload);
        } catch (Exception e) {
            throw new AwsException("InvalidRequestContentException", 400,
                    "Could not parse request body into json: Could not parse payload into json: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        switch (type) {
            case "RequestResponse" -> {
                if (bytes.length > MAX_SYNC_PAYLOAD) {
                    throw new AwsException("RequestTooLargeException", 413,
                            "Request must be smaller than " + MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
                }
                Outcome o = run(t, payload);
                out.put("StatusCode", 200);
                if (o.functionError != null) {
                    out.put("FunctionError", o.functionError);
                }
                out.put("ExecutedVersion", t.version);
                if ("Tail".equals(Json.text(input, "LogType", "None"))) {
                    out.put("LogResult", tail(o.log));
                }
                out.put("Payload", o.payload);
            }
            case "Event" -> {
                if (bytes.length > MAX_ASYNC_PAYLOAD) {
                    throw new AwsException("RequestTooLargeException", 413,
                            "Request must be smaller than " + MAX_ASYNC_PAYLOAD + " bytes for the InvokeAsync operation");
                }
                AsyncInvoke.start(clock, this, t.invokedArn, payload, null);
                out.put("StatusCode", 202);
                out.put("Payload", "");
            }
            case "DryRun" -> {
                out.put("StatusCode", 204);
                out.put("Payload", "");
            }
            default -> throw new AwsException("InvalidParameterValueException", 400,
                    "InvocationType '" + type + "' must be one of RequestResponse, Event, DryRun.");
        }
        return out;
    }

    private JsonNode getFunction(JsonNode input) {
        String ref = Json.requireText(input, "FunctionName", "InvalidParameterValueException");
        Target t = resolve(ref, Json.text(input, "Qualifier", null));
        ObjectNode out = Json.object();
        out.set("Configuration", configuration(t.function, t.version));
        ObjectNode code = out.putObject("Code");
        code.put("RepositoryType", "S3");
        code.put("Location", endpoint.get() + "/local-lambda-code/" + t.function.name + ".jar");
        return out;
    }

    private JsonNode listFunctions(JsonNode input) {
        List<String> names = functionNames();
        int start = 0;
        String marker = Json.text(input, "Marker", null);
        if (marker != null) {
            try {
                start = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                throw new AwsException("InvalidParameterValueException", 400, "Marker '" + marker + "' is not valid.");
            }
        }
        int max = Integer.parseInt(Json.text(input, "MaxItems", "50"));
        if (max < 1 || max > 10000) {
            throw new AwsException("InvalidParameterValueException", 400, "MaxItems must be between 1 and 10000.");
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Functions");
        int end = Math.min(names.size(), start + max);
        for (int i = start; i < end; i++) {
            Function f = functions.get(names.get(i));
            if (f != null) {
                list.add(configuration(f, "$LATEST"));
            }
        }
        if (end < names.size()) {
            out.put("NextMarker", String.valueOf(end));
        }
        return out;
    }

    private ObjectNode configuration(Function f, String version) {
        ObjectNode c = Json.object();
        c.put("FunctionName", f.name);
        c.put("FunctionArn", functionArn(f.name) + ("$LATEST".equals(version) ? "" : ":" + version));
        c.put("Runtime", "java21");
        c.put("Role", "arn:aws:iam::" + accountId + ":role/" + f.name + "-role");
        c.put("Handler", f.handler);
        c.put("CodeSize", 0);
        c.put("Description", "");
        c.put("Timeout", f.timeoutSeconds);
        c.put("MemorySize", f.memoryMb);
        c.put("LastModified", f.lastModified.toString().replace("Z", "+0000"));
        c.put("CodeSha256", f.codeSha256());
        c.put("Version", version);
        ObjectNode vars = c.putObject("Environment").putObject("Variables");
        f.environment.forEach(vars::put);
        c.putArray("Architectures").add("arm64");
        c.put("PackageType", "Zip");
        c.put("State", "Active");
        c.put("LastUpdateStatus", "Successful");
        c.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        return c;
    }

    // ------------------------------------------------------------------ resolution

    private record Target(Function function, String version, String invokedArn) {
    }

    private Target resolve(String ref, String qualifierParam) {
        if (ref == null || ref.isEmpty()) {
            throw new AwsException("InvalidParameterValueException", 400, "FunctionName is required.");
        }
        String name;
        String qualifier = null;
        if (ref.startsWith("arn:")) {
            String[] p = ref.split(":");
            if (p.length < 7 || !"lambda".equals(p[2]) || !"function".equals(p[5])) {
                throw new AwsException("ValidationException", 400, "1 validation error detected: Value '" + ref
                        + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
            }
            name = p[6];
            qualifier = p.length > 7 ? p[7] : null;
        } else if (ref.matches("\\d{12}:function:.*")) {
            String[] p = ref.split(":");
            name = p[2];
            qualifier = p.length > 3 ? p[3] : null;
        } else {
            int colon = ref.indexOf(':');
            name = colon < 0 ? ref : ref.substring(0, colon);
            qualifier = colon < 0 ? null : ref.substring(colon + 1);
        }
        if (qualifierParam != null && !qualifierParam.isEmpty()) {
            if (qualifier != null && !qualifier.equals(qualifierParam)) {
                throw new AwsException("InvalidParameterValueException", 400,
                        "The derived qualifier from the function name does not match the specified qualifier.");
            }
            qualifier = qualifierParam;
        }
        Function f = functions.get(name);
        String notFound = "Function not found: " + functionArn(name) + (qualifier == null ? "" : ":" + qualifier);
        if (f == null) {
            throw new AwsException("ResourceNotFoundException", 404, notFound);
        }
        if (qualifier == null || "$LATEST".equals(qualifier)) {
            return new Target(f, "$LATEST", functionArn(name) + (qualifier == null ? "" : ":" + qualifier));
        }
        String version = f.aliases.get(qualifier);
        if (version == null && qualifier.matches("\\d+") && Integer.parseInt(qualifier) >= 1
                && Integer.parseInt(qualifier) <= f.versions) {
            version = qualifier;
        }
        if (version == null) {
            throw new AwsException("ResourceNotFoundException", 404, notFound);
        }
        return new Target(f, version, functionArn(name) + ":" + qualifier);
    }

    private Function function(String name, String qualifier) {
        return resolve(name, qualifier).function;
    }

    // ------------------------------------------------------------------ running handlers

    private record Outcome(String payload, String functionError, String errorType, List<String> log, long simulatedMillis) {
        Outcome(String payload, String functionError, String errorType, List<String> log) {
            this(payload, functionError, errorType, log, 0);
        }
    }

    private Outcome run(Target t, String payload) {
        Function f = t.function;
        String requestId = UUID.nameUUIDFromBytes(("gbo-lambda-" + requests.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)).toString();
        LocalContext ctx = new LocalContext(requestId, f.name, t.version, t.invokedArn, f.memoryMb, f.timeoutSeconds);
        long started = System.nanoTime();
        Instance[] taken = new Instance[1];
        FutureTask<String> task = new FutureTask<>(() -> {
            Instance instance = f.idle.pollFirst();
            if (instance == null) {
                instance = coldStart(f, t.version);
            }
            taken[0] = instance;
            return instance.handle(payload, ctx);
        });
        InvocationClock ic = invocationClock;
        InvocationClock.Invocation invocation = ic == null ? null : ic.begin(accessKeyId(f.name));
        Thread worker = Thread.ofVirtual().name("lambda-" + f.name + "-" + requestId).start(task);
        Outcome outcome;
        boolean ran = false;
        try {
            String result = task.get(f.timeoutSeconds, TimeUnit.SECONDS);
            ran = true;
            outcome = new Outcome(result, null, null, null);
            if (taken[0] != null) {
                f.idle.offerFirst(taken[0]);
            }
        } catch (TimeoutException e) {
            worker.interrupt(); // the environment is discarded, as Lambda does after a timeout
            String msg = "RequestId: " + requestId + " Error: Task timed out after "
                    + String.format("%.2f", (double) f.timeoutSeconds) + " seconds";
            ctx.log(msg);
            outcome = error(ErrorDocument.runtime("Sandbox.Timedout", msg));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HandlerFailure hf) {
                cause = hf.getCause();
            } else if (cause instanceof InitFailure init) {
                cause = init.getCause();
            }
            ran = !(e.getCause() instanceof InitFailure);
            // a failed invocation keeps its environment unless the init failed
            if (taken[0] != null && !(e.getCause() instanceof InitFailure)) {
                f.idle.offerFirst(taken[0]);
            }
            ObjectNode doc = ErrorDocument.of(cause);
            ctx.log(Json.write(doc));
            outcome = error(doc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            outcome = error(ErrorDocument.runtime("Runtime.Interrupted", "The invocation was interrupted."));
        } finally {
            if (ic != null) {
                ic.end(invocation);
            }
        }
        if (ran && crashAfterHandler(f)) {
            // the handler ran fully (its side effects happened); then the runtime exits, as when it crashes
            if (taken[0] != null) {
                f.idle.remove(taken[0]); // the environment is gone with its runtime
            }
            String msg = "RequestId: " + requestId + " Error: Runtime exited without providing a reason";
            ctx.log(msg);
            outcome = error(ErrorDocument.runtime("Runtime.ExitError", msg));
        }
        long simulated = invocation == null ? 0 : invocation.elapsedMillis();
        long micros = (System.nanoTime() - started) / 1000;
        long billed = Math.max(1, (micros + 999) / 1000);
        f.invocations.incrementAndGet();
        f.billedMillis.addAndGet(billed);
        List<String> lines = new ArrayList<>();
        lines.add("START RequestId: " + requestId + " Version: " + t.version);
        lines.addAll(ctx.lines());
        lines.add("END RequestId: " + requestId);
        lines.add(String.format("REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB",
                requestId, micros / 1000.0, billed, f.memoryMb));
        synchronized (f.logs) {
            f.logs.addAll(lines);
            while (f.logs.size() > LOG_LINES_KEPT) {
                f.logs.pollFirst();
            }
        }
        return new Outcome(outcome.payload, outcome.functionError, outcome.errorType, lines, simulated);
    }

    private static Outcome error(ObjectNode doc) {
        return new Outcome(Json.write(doc), "Unhandled", doc.path("errorType").asText(), null);
    }

    private static String tail(List<String> lines) {
        byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, all.length - 4096);
        byte[] last = java.util.Arrays.copyOfRange(all, from, all.length);
        return Base64.getEncoder().encodeToString(last);
    }

    private Instance coldStart(Function f, String version) throws InitFailure {
        String handler = f.handler;
        int sep = handler.indexOf("::");
        String className = sep < 0 ? handler : handler.substring(0, sep);
        String method = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        Map<String, String> env = new LinkedHashMap<>(f.environment);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.putIfAbsent("AWS_ENDPOINT_URL", endpoint.get());
        env.put("AWS_ACCESS_KEY_ID", accessKeyId(f.name));
        if (clock.mode() != dev.gbo.local.core.SimClock.Mode.REAL_TIME) {
            // The endpoint accounts the SDK's retry backoff in the invocation's simulated time (InvocationClock);
            // this tells the gbo functions' SDK clients not to sleep it in wall time as well (their only local switch).
            env.put(SIMULATED_BACKOFF, "true");
        }
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(f.memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/27/[" + version + "]local");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("LAMBDA_TASK_ROOT", "/var/task");
        env.put("_HANDLER", handler);
        env.put("TZ", ":UTC");
        Map<String, String> frozen = java.util.Collections.unmodifiableMap(env);
        try {
            ClassLoader cl = loader != null ? loader : Thread.currentThread().getContextClassLoader();
            if (cl == null) {
                cl = LambdaService.class.getClassLoader();
            }
            Class<?> type = Class.forName(className, true, cl);
            Object instance;
            try {
                instance = type.getConstructor(Map.class).newInstance(frozen);
            } catch (NoSuchMethodException e) {
                instance = type.getConstructor().newInstance();
            }
            f.coldStarts.incrementAndGet();
            return new Instance(instance, method);
        } catch (InvocationTargetException e) {
            throw new InitFailure(e.getCause());
        } catch (ClassNotFoundException e) {
            throw new InitFailure(new ClassNotFoundException(
                    "Class not found: " + className + " (handler '" + handler + "' of function " + f.name + ")", e));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new InitFailure(e);
        }
    }

    private static final class InitFailure extends Exception {
        private static final long serialVersionUID = 1L;

        InitFailure(Throwable cause) {
            super(cause);
        }
    }

    private static final class HandlerFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }

    /** One warm execution environment: the handler object. */
    private record Instance(Object handler, String method) {

        String handle(String payload, Context ctx) throws HandlerFailure {
            try {
                if (handler instanceof RequestStreamHandler stream && "handleRequest".equals(method)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    stream.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, ctx);
                    return out.toString(StandardCharsets.UTF_8);
                }
                if (handler instanceof RequestHandler<?, ?> && "handleRequest".equals(method)) {
                    @SuppressWarnings("unchecked")
                    RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
                    Object in = Json.MAPPER.readValue(payload, inputType(handler.getClass()));
                    return Json.MAPPER.writeValueAsString(typed.handleRequest(in, ctx));
                }
                return reflective(payload, ctx);
            } catch (RuntimeException | Error e) {
                throw new HandlerFailure(e);
            } catch (HandlerFailure e) {
                throw e;
            } catch (Exception e) {
                throw new HandlerFailure(e);
            }
        }

        private String reflective(String payload, Context ctx) throws Exception {
            for (Method m : handler.getClass().getMethods()) {
                if (!m.getName().equals(method)) {
                    continue;
                }
                Class<?>[] p = m.getParameterTypes();
                try {
                    if (p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        InputStream in = new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8));
                        if (p.length == 3) {
                            m.invoke(handler, in, out, ctx);
                        } else {
                            m.invoke(handler, in, out);
                        }
                        return out.toString(StandardCharsets.UTF_8);
                    }
                    if (p.length == 1 || (p.length == 2 && Context.class.isAssignableFrom(p[1]))) {
                        JavaType type = Json.MAPPER.getTypeFactory().constructType(m.getGenericParameterTypes()[0]);
                        Object in = Json.MAPPER.readValue(payload, type);
                        Object result = p.length == 2 ? m.invoke(handler, in, ctx) : m.invoke(handler, in);
                        return m.getReturnType() == void.class ? "null" : Json.MAPPER.writeValueAsString(result);
                    }
                } catch (InvocationTargetException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) c;
                }
            }
            throw new NoSuchMethodException("Handler method '" + method + "' not found in " + handler.getClass().getName()
                    + " with a supported signature (RequestStreamHandler, RequestHandler, or (T[, Context])).");
        }

        private static JavaType inputType(Class<?> c) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                for (Type t : k.getGenericInterfaces()) {
                    if (t instanceof ParameterizedType pt && pt.getRawType() == RequestHandler.class) {
                        return Json.MAPPER.getTypeFactory().constructType(pt.getActualTypeArguments()[0]);
                    }
                }
            }
            return Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
        }
    }

    private static final class Function {
        final String name;
        final String handler;
        final Map<String, String> environment;
        final int memoryMb;
        final int timeoutSeconds;
        final Instant lastModified;
        final Map<String, String> aliases = new ConcurrentHashMap<>();
        final Deque<Instance> idle = new ConcurrentLinkedDeque<>();
        final Deque<String> logs = new ArrayDeque<>();
        final AtomicLong coldStarts = new AtomicLong();
        final AtomicLong invocations = new AtomicLong();
        final AtomicLong billedMillis = new AtomicLong();
        int versions;

        Function(String name, String handler, Map<String, String> environment, int memoryMb, int timeoutSeconds,
                Instant lastModified) {
            this.name = name;
            this.handler = handler;
            this.environment = Map.copyOf(environment);
            this.memoryMb = memoryMb;
            this.timeoutSeconds = timeoutSeconds;
            this.lastModified = lastModified;
        }

        String codeSha256() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(handler.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(d);
            } catch (Exception e) {
                return HexFormat.of().formatHex(handler.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static Duration asyncRetryDelay(int attempt) {
        return Duration.ofMinutes(attempt);
    }

}
