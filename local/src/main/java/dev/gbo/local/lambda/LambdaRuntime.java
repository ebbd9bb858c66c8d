package dev.gbo.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.InvocationClock;
import dev.gbo.local.core.Json;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs handlers: loads a function's class and constructs it once per execution environment (cold
 * start) with its environment, invokes it on a virtual thread with a {@link LocalContext} and its
 * timeout, keeps the invocation's simulated time on the {@link InvocationClock}, and applies the
 * scenario's Lambda faults (crash after the handler ran). Warm instances, logs and counters are kept
 * in the {@link LambdaStore}; the faults' counters are guarded by this object.
 */
final class LambdaRuntime {
    private final SimClock clock;
    private final LambdaStore store;
    private final String region;
    private final Supplier<String> endpoint;
    private final ClassLoader loader;
    private final AtomicLong requests = new AtomicLong();
    private volatile InvocationClock invocationClock;
    private List<Scenario.LambdaFault> faults = List.of();
    private long[] faultSeen = new long[0];
    private long[] faultFired = new long[0];
    private java.util.Random faultRandom = new java.util.Random(0);

    LambdaRuntime(SimClock clock, LambdaStore store, String region, Supplier<String> endpoint, ClassLoader loader) {
        this.clock = clock;
        this.store = store;
        this.region = region;
        this.endpoint = endpoint;
        this.loader = loader;
    }

    void invocationClock(InvocationClock clock) {
        this.invocationClock = clock;
    }

    synchronized void faults(List<Scenario.LambdaFault> lambdaFaults, long seed) {
        this.faults = List.copyOf(lambdaFaults);
        this.faultSeen = new long[faults.size()];
        this.faultFired = new long[faults.size()];
        this.faultRandom = new java.util.Random(seed ^ 0x6c616d6264614cL);
    }

    /** Whether a scenario fault crashes this invocation of {@code f} after its handler ran (counts the call). */
    private synchronized boolean crashAfterHandler(LambdaFunction f) {
        String logical = store.logicalId(f.name());
        for (int i = 0; i < faults.size(); i++) {
            Scenario.LambdaFault lf = faults.get(i);
            if (!Glob.matches(lf.function(), f.name()) && (logical == null || !Glob.matches(lf.function(), logical))) {
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

    /** What one invocation returned: the payload or error document, its log lines and simulated time. */
    record Outcome(String payload, String functionError, String errorType, List<String> log, long simulatedMillis) {
        Outcome(String payload, String functionError, String errorType, List<String> log) {
            this(payload, functionError, errorType, log, 0);
        }
    }

    Outcome run(LambdaStore.Target t, String payload) {
        LambdaFunction f = t.function();
        String requestId = UUID.nameUUIDFromBytes(("gbo-lambda-" + requests.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)).toString();
        LocalContext ctx = new LocalContext(requestId, f.name(), t.version(), t.invokedArn(), f.memoryMb(), f.timeoutSeconds());
        long started = System.nanoTime();
        Instance[] taken = new Instance[1];
        FutureTask<String> task = new FutureTask<>(() -> {
            Instance instance = store.takeIdle(f);
            if (instance == null) {
                instance = coldStart(f, t.version());
            }
            taken[0] = instance;
            return instance.handle(payload, ctx);
        });
        InvocationClock ic = invocationClock;
        InvocationClock.Invocation invocation = ic == null ? null : ic.begin(LambdaService.accessKeyId(f.name()));
        Thread worker = Thread.ofVirtual().name("lambda-" + f.name() + "-" + requestId).start(task);
        Outcome outcome;
        boolean ran = false;
        try {
            String result = task.get(f.timeoutSeconds(), TimeUnit.SECONDS);
            ran = true;
            outcome = new Outcome(result, null, null, null);
            if (taken[0] != null) {
                store.returnIdle(f, taken[0]);
            }
        } catch (TimeoutException e) {
            worker.interrupt(); // the environment is discarded, as Lambda does after a timeout
            String msg = "RequestId: " + requestId + " Error: Task timed out after "
                    + String.format("%.2f", (double) f.timeoutSeconds()) + " seconds";
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
                store.returnIdle(f, taken[0]);
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
                store.discard(f, taken[0]); // the environment is gone with its runtime
            }
            String msg = "RequestId: " + requestId + " Error: Runtime exited without providing a reason";
            ctx.log(msg);
            outcome = error(ErrorDocument.runtime("Runtime.ExitError", msg));
        }
        long simulated = invocation == null ? 0 : invocation.elapsedMillis();
        long micros = (System.nanoTime() - started) / 1000;
        long billed = Math.max(1, (micros + 999) / 1000);
        List<String> lines = new ArrayList<>();
        lines.add("START RequestId: " + requestId + " Version: " + t.version());
        lines.addAll(ctx.lines());
        lines.add("END RequestId: " + requestId);
        lines.add(String.format("REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB",
                requestId, micros / 1000.0, billed, f.memoryMb()));
        store.invoked(f, billed, lines);
        return new Outcome(outcome.payload, outcome.functionError, outcome.errorType, lines, simulated);
    }

    private static Outcome error(ObjectNode doc) {
        return new Outcome(Json.write(doc), "Unhandled", doc.path("errorType").asText(), null);
    }

    static String tail(List<String> lines) {
        byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, all.length - 4096);
        byte[] last = java.util.Arrays.copyOfRange(all, from, all.length);
        return Base64.getEncoder().encodeToString(last);
    }

    private Instance coldStart(LambdaFunction f, String version) throws InitFailure {
        String handler = f.handler();
        int sep = handler.indexOf("::");
        String className = sep < 0 ? handler : handler.substring(0, sep);
        String method = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        Map<String, String> env = new LinkedHashMap<>(f.environment());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.putIfAbsent("AWS_ENDPOINT_URL", endpoint.get());
        env.put("AWS_ACCESS_KEY_ID", LambdaService.accessKeyId(f.name()));
        if (clock.mode() != dev.gbo.local.core.SimClock.Mode.REAL_TIME) {
            // The endpoint accounts the SDK's retry backoff in the invocation's simulated time (InvocationClock);
            // this tells the gbo functions' SDK clients not to sleep it in wall time as well (their only local switch).
            env.put(LambdaService.SIMULATED_BACKOFF, "true");
        }
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(f.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name());
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
            store.coldStarted(f);
            return new Instance(instance, method);
        } catch (InvocationTargetException e) {
            throw new InitFailure(e.getCause());
        } catch (ClassNotFoundException e) {
            throw new InitFailure(new ClassNotFoundException(
                    "Class not found: " + className + " (handler '" + handler + "' of function " + f.name() + ")", e));
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
    record Instance(Object handler, String method) {

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
}
