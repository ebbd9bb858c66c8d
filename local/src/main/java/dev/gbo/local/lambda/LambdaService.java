package dev.gbo.local.lambda;

import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.InvocationClock;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lambda of the local cloud: an in-process registry of Java functions. A function is a handler class
 * on the classpath ({@code pkg.Class::handleRequest}) constructed once per execution environment (cold
 * start) through its public {@code (Map<String,String> environment)} constructor (fallback: public
 * no-arg), then invoked with a real {@link com.amazonaws.services.lambda.runtime.Context}. Served over
 * HTTP (REST-JSON, one class per operation): {@link Invoke} (RequestResponse, Event, DryRun),
 * {@link GetFunction}, {@link ListFunctions}. In process: {@link #deploy}, {@link #publishAlias},
 * {@link #invoke} ({@link FunctionInvoker}), {@link #invokeAsync}, {@link #recentLogs}. State lives in
 * the {@link LambdaStore} (one lock); handlers run in the {@link LambdaRuntime}.
 */
public final class LambdaService extends OperationRegistry implements FunctionInvoker {
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

    private final SimClock clock;
    private final LambdaStore store;
    private final LambdaRuntime runtime;

    public LambdaService(SimClock clock, String region, String accountId, Supplier<String> endpoint) {
        this(clock, region, accountId, endpoint, null);
    }

    /** @param loader where handler classes come from; null = the thread context class loader at invoke time */
    public LambdaService(SimClock clock, String region, String accountId, Supplier<String> endpoint,
            ClassLoader loader) {
        this.clock = clock;
        this.store = new LambdaStore(region, accountId);
        this.runtime = new LambdaRuntime(clock, store, region, endpoint, loader);
        register(new Invoke(this, clock, runtime), new GetFunction(this, store, endpoint), new ListFunctions(store));
        declareInputs();
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    /** Lambda (REST-JSON) refuses with HTTP 403 AccessDeniedException. */
    @Override
    public AwsException accessDenied(String message) {
        return new AwsException("AccessDeniedException", 403, message);
    }

    /** Where invocations on the clock's driver keep their simulated time ({@link InvocationClock}). */
    public void invocationClock(InvocationClock clock) {
        runtime.invocationClock(clock);
    }

    /** The scenario's Lambda faults (crash after the handler ran), drawn from a random seeded with {@code seed}. */
    public void faults(List<Scenario.LambdaFault> lambdaFaults, long seed) {
        runtime.faults(lambdaFaults, seed);
    }

    /** Records the template logical id of a deployed function, so scenario faults can name it. */
    public void logicalId(String name, String logicalId) {
        if (name != null && logicalId != null) {
            store.logicalId(name, logicalId);
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

    // ------------------------------------------------------------------ in-process API

    /**
     * Creates or replaces a function. The handler class is loaded at the first invocation (cold
     * start), as Lambda does. Replacing a function drops its warm instances.
     */
    private final java.util.Set<String> functionKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Whether {@code accessKeyId} is the one a deployed function's clients sign with ({@link #accessKeyId}). */
    public boolean isFunctionKey(String accessKeyId) {
        return accessKeyId != null && functionKeys.contains(accessKeyId);
    }

    public String deploy(String name, String handler, Map<String, String> environment, int memoryMb, int timeoutSeconds) {
        functionKeys.add(accessKeyId(name));
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
        store.put(new LambdaFunction(name, handler, env, memoryMb, timeoutSeconds, clock.now()));
        return functionArn(name);
    }

    /** Publishes a version and points {@code alias} at it (SAM AutoPublishAlias); returns the alias ARN. */
    public String publishAlias(String name, String alias) {
        store.publishAlias(resolve(name, null).function().name(), alias);
        return functionArn(name) + ":" + alias;
    }

    public String functionArn(String name) {
        return store.functionArn(name);
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
        return store.logs(resolve(functionRef, null).function().name());
    }

    /** Names of the deployed functions, sorted. */
    public List<String> functionNames() {
        return store.names();
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
        return store.invocationStats();
    }

    /** How many execution environments (cold starts) the function has had. */
    public int coldStarts(String functionRef) {
        return store.coldStarts(resolve(functionRef, null).function().name());
    }

    @Override
    public Result invoke(String functionRef, String payload) {
        LambdaStore.Target t = resolve(functionRef, null);
        LambdaRuntime.Outcome o = runtime.run(t, payload == null || payload.isEmpty() ? "{}" : payload);
        return new Result(o.payload(), o.functionError(), o.errorType(), o.simulatedMillis());
    }

    /**
     * An asynchronous invocation (InvocationType Event) on the clock: on a function error Lambda
     * retries twice, 1 and 2 minutes later, then gives up and calls {@code onFailure} (may be null).
     */
    public void invokeAsync(String functionRef, String payload, Consumer<Result> onFailure) {
        LambdaStore.Target t = resolve(functionRef, null);
        AsyncInvoke.start(clock, this, t.invokedArn(), payload, onFailure);
    }

    // ------------------------------------------------------------------ resolution

    /**
     * The ARN IAM authorizes for the function a request names ({@code FunctionName}: a name, an ARN or a partial
     * ARN, with or without a qualifier; {@code Qualifier}); null when it names none.
     */
    static String functionArn(RequestContext c, com.fasterxml.jackson.databind.JsonNode in) {
        String ref = in.path("FunctionName").asText("");
        if (ref.isEmpty()) {
            return null;
        }
        String qualifier = in.path("Qualifier").asText("");
        String account = c.accountId();
        String region = c.region();
        String name = ref;
        String q = null;
        String[] p = ref.split(":");
        if (ref.startsWith("arn:") && p.length >= 7) {
            region = p[3];
            account = p[4];
            name = p[6];
            q = p.length > 7 ? p[7] : null;
        } else if (p.length >= 3 && p[1].equals("function")) {
            account = p[0];
            name = p[2];
            q = p.length > 3 ? p[3] : null;
        } else if (p.length == 2) {
            name = p[0];
            q = p[1];
        }
        if (q == null && !qualifier.isEmpty()) {
            q = qualifier;
        }
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name + (q == null ? "" : ":" + q);
    }

    /** Resolves a function name, ARN or partial ARN, with a qualifier in it or given ({@code Qualifier}). */
    LambdaStore.Target resolve(String ref, String qualifierParam) {
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
        return store.target(name, qualifier);
    }

    static Duration asyncRetryDelay(int attempt) {
        return Duration.ofMinutes(attempt);
    }

    /** Member types and limits as the Lambda API model declares them. */
    private void declareInputs() {
        String name = "FunctionName!: string[1..170]/(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
                + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?/";
        String qualifier = "Qualifier: string[1..128]/(|[a-zA-Z0-9$_-]+)/";
        shape("Invoke", name + "; " + qualifier + "; InvocationType: enum(Event|RequestResponse|DryRun); LogType: enum(None|Tail);"
                + " ClientContext: string; Payload#: blob");
        shape("GetFunction", name + "; " + qualifier);
        shape("ListFunctions", "MasterRegion: string/ALL|[a-z]{2}(-gov)?-[a-z]+-\\d{1}/; FunctionVersion: enum(ALL); Marker: string;"
                + " MaxItems: int[1..10000]");
    }
}
