package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs executions on the clock's driver thread: every state, transition, Wait, retry interval and
 * timeout is a clock task, so a run is deterministic for the clock's seed. Data flow follows the
 * ASL specification (InputPath, Parameters, ResultSelector, ResultPath, OutputPath) and history
 * events mirror the ones AWS records.
 */
final class Interpreter {

    static final int PAYLOAD_LIMIT = 262_144;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final SimClock clock;
    private final Integrations integrations;
    private final Tokens tokens;
    private final MockConfigSource mocks;
    private final String region;
    private final Consumer<Execution> onClose;

    /** Supplies the mock configuration in force (it can be replaced at runtime). */
    interface MockConfigSource {
        MockConfig get();
    }

    Interpreter(SimClock clock, Integrations integrations, Tokens tokens, MockConfigSource mocks, String region,
            Consumer<Execution> onClose) {
        this.clock = clock;
        this.integrations = integrations;
        this.tokens = tokens;
        this.mocks = mocks;
        this.region = region;
        this.onClose = onClose;
    }

    static String iso(Instant t) {
        return ISO.format(t);
    }

    SimClock clock() {
        return clock;
    }

    Random random() {
        return clock.random();
    }

    // ------------------------------------------------------------------ frames and outcomes

    interface Outcome {
        void succeeded(JsonNode output);

        void failed(StatesError error);
    }

    /** A thread of control: the machine, a Parallel branch or a Map iteration. */
    final class Frame {
        final Execution exec;
        final Execution.Scope scope;
        final Asl.Machine machine;
        final Outcome done;
        long last;

        Frame(Execution exec, Execution.Scope scope, Asl.Machine machine, Outcome done, long last) {
            this.exec = exec;
            this.scope = scope;
            this.machine = machine;
            this.done = done;
            this.last = last;
        }

        boolean active() {
            return exec.open() && scope.active();
        }

        long event(String type, String key, ObjectNode details) {
            long id = exec.add(clock.now(), type, last, key, details);
            if (id < 0) {
                cleanup(exec);
            } else {
                last = id;
            }
            return id;
        }

        /** Runs {@code r} on the driver after {@code delay} unless this frame was cancelled. */
        void schedule(Duration delay, String label, Runnable r) {
            SimClock.Scheduled[] holder = new SimClock.Scheduled[1];
            holder[0] = clock.schedule(delay, label, () -> {
                scope.untrack(holder[0]);
                if (active()) {
                    r.run();
                }
            });
            scope.track(holder[0]);
        }

        void submit(String label, Runnable r) {
            clock.submit(label, () -> {
                if (active()) {
                    r.run();
                }
            });
        }
    }

    /** One visit of a state. */
    final class StateRun {
        final Frame f;
        final Asl.State s;
        final JsonNode input;
        final String entered;
        long enteredId;
        int retryCount;
        final int[] retrierAttempts;
        Execution.Scope child;

        StateRun(Frame f, Asl.State s, JsonNode input) {
            this.f = f;
            this.s = s;
            this.input = input;
            this.entered = iso(clock.now());
            this.retrierAttempts = new int[s.retry.size()];
        }

        ObjectNode context(String token, ObjectNode mapItem) {
            ObjectNode c = Json.object();
            c.setAll(f.exec.contextBase);
            ObjectNode st = c.putObject("State");
            st.put("EnteredTime", entered);
            st.put("Name", s.name);
            st.put("RetryCount", retryCount);
            if (token != null) {
                c.putObject("Task").put("Token", token);
            }
            if (mapItem != null) {
                c.putObject("Map").set("Item", mapItem);
            }
            return c;
        }

        Intrinsics.Env env(JsonNode in, JsonNode ctx) {
            Random rnd = clock.random();
            return new Intrinsics.Env() {
                @Override
                public JsonNode input() {
                    return in;
                }

                @Override
                public JsonNode context() {
                    return ctx;
                }

                @Override
                public Random random() {
                    return rnd;
                }
            };
        }

        StatesError error(String code, String detail) {
            return new StatesError(code, "An error occurred while executing the state '" + s.name
                    + "' (entered at the event id #" + enteredId + "). " + detail);
        }

        /** Adds the state prefix to data-flow errors thrown without it. */
        StatesError wrap(StatesError e) {
            if (e.causeText() != null && e.causeText().startsWith("An error occurred while executing the state")) {
                return e;
            }
            return error(e.error(), e.causeText());
        }
    }

    // ------------------------------------------------------------------ execution start and end

    /**
     * Starts an execution whose ExecutionStarted event is already recorded (id 1). Callers on other
     * threads hand over one clock task; everything else is scheduled from the driver, so a VIRTUAL
     * clock cannot run ahead between two schedule calls.
     */
    void start(Execution e) {
        clock.submit("sfn start " + e.name, () -> {
            if (e.open()) {
                begin(e);
            }
        });
    }

    private void begin(Execution e) {
        if (e.definition.timeoutSeconds != null) {
            e.timeoutTimer = clock.schedule(Duration.ofSeconds(e.definition.timeoutSeconds), "sfn timeout " + e.name,
                    () -> {
                        ObjectNode d = Json.object();
                        d.put("error", StatesError.TIMEOUT);
                        d.put("cause", "The execution timed out after " + e.definition.timeoutSeconds
                                + " seconds (TimeoutSeconds of the state machine).");
                        if (e.close(clock.now(), "TIMED_OUT", "ExecutionTimedOut", e.eventCount(),
                                "executionTimedOutEventDetails", d, null, StatesError.TIMEOUT, d.get("cause").asText())) {
                            cleanup(e);
                        }
                    });
        }
        Frame root = new Frame(e, e.root, e.definition, new Outcome() {
            @Override
            public void succeeded(JsonNode output) {
                ObjectNode d = Json.object();
                String out = Json.write(output);
                d.put("output", out);
                d.putObject("outputDetails").put("truncated", false);
                if (e.close(clock.now(), "SUCCEEDED", "ExecutionSucceeded", e.eventCount(),
                        "executionSucceededEventDetails", d, out, null, null)) {
                    cleanup(e);
                }
            }

            @Override
            public void failed(StatesError error) {
                ObjectNode d = Json.object();
                if (error.error() != null) {
                    d.put("error", error.error());
                }
                if (error.causeText() != null) {
                    d.put("cause", error.causeText());
                }
                if (e.close(clock.now(), "FAILED", "ExecutionFailed", e.eventCount(), "executionFailedEventDetails", d,
                        null, error.error(), error.causeText())) {
                    cleanup(e);
                }
            }
        }, 1);
        enter(root, e.definition.startAt, e.inputNode);
    }

    /** Releases everything an execution holds once it is closed (idempotent). */
    void cleanup(Execution e) {
        if (e.open() || !e.cleaned.compareAndSet(false, true)) {
            return;
        }
        Runnable r = () -> {
            if (e.timeoutTimer != null) {
                e.timeoutTimer.cancel();
            }
            e.root.cancel();
        };
        if (clock.onDriverThread()) {
            r.run();
        } else {
            clock.submit("sfn cleanup " + e.name, r);
        }
        onClose.accept(e);
    }

    // ------------------------------------------------------------------ states

    private static String prefix(Asl.Type t) {
        return t.name();
    }

    void enter(Frame f, String name, JsonNode input) {
        if (!f.active()) {
            return;
        }
        Asl.State s = f.machine.states.get(name);
        StateRun r = new StateRun(f, s, input);
        ObjectNode d = Json.object();
        d.put("name", name);
        d.put("input", Json.write(input));
        d.putObject("inputDetails").put("truncated", false);
        r.enteredId = f.event(prefix(s.type) + "StateEntered", "stateEnteredEventDetails", d);
        if (r.enteredId < 0) {
            return;
        }
        try {
            switch (s.type) {
                case Pass -> pass(r);
                case Choice -> choice(r);
                case Wait -> waitState(r);
                case Succeed -> exit(r, outputPath(r, inputPath(r, input)), null);
                case Fail -> failState(r);
                case Task -> attempt(r);
                case Parallel -> parallel(r);
                case Map -> map(r);
            }
        } catch (StatesError e) {
            fail(r, r.wrap(e));
        }
    }

    private void pass(StateRun r) {
        JsonNode eff = inputPath(r, r.input);
        JsonNode result;
        if (r.s.result != null) {
            result = r.s.result.deepCopy();
        } else if (r.s.parameters != null) {
            result = r.s.parameters.eval(r.env(eff, r.context(null, null)));
        } else {
            result = eff;
        }
        JsonNode out = outputPath(r, resultPath(r, r.s.resultPath, r.input, result));
        exit(r, out, null);
    }

    private void choice(StateRun r) {
        JsonNode eff = inputPath(r, r.input);
        JsonNode ctx = r.context(null, null);
        for (Asl.ChoiceRule rule : r.s.choices) {
            if (Choices.matches(rule, eff, ctx)) {
                exit(r, outputPath(r, eff), rule.next);
                return;
            }
        }
        if (r.s.defaultNext != null) {
            exit(r, outputPath(r, eff), r.s.defaultNext);
            return;
        }
        throw new StatesError(StatesError.NO_CHOICE, "No Choice Rule matched and no Default is specified in the Choice state '"
                + r.s.name + "'.");
    }

    private void waitState(StateRun r) {
        JsonNode eff = inputPath(r, r.input);
        Instant until;
        Instant now = clock.now();
        if (r.s.seconds != null) {
            until = now.plusSeconds(r.s.seconds);
        } else if (r.s.timestamp != null) {
            until = Asl.timestamp(r.s.timestamp).toInstant();
        } else if (r.s.secondsPath != null) {
            JsonNode v = read(r, r.s.secondsPath, eff, "SecondsPath");
            if (!v.isIntegralNumber()) {
                throw r.error(StatesError.RUNTIME, "The SecondsPath parameter does not reference a valid integer: "
                        + r.s.secondsPath + " == " + Json.write(v));
            }
            if (v.asLong() < 0) {
                throw r.error(StatesError.RUNTIME, "The SecondsPath parameter references a negative value: "
                        + r.s.secondsPath + " == " + Json.write(v));
            }
            until = now.plusSeconds(v.asLong());
        } else {
            JsonNode v = read(r, r.s.timestampPath, eff, "TimestampPath");
            OffsetDateTime t = v.isTextual() ? Asl.timestamp(v.asText()) : null;
            if (t == null) {
                throw r.error(StatesError.RUNTIME, "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                        + Json.write(v));
            }
            until = t.toInstant();
        }
        JsonNode out = outputPath(r, eff);
        Duration delay = Duration.between(now, until);
        r.f.schedule(delay.isNegative() ? Duration.ZERO : delay, "sfn wait " + r.s.name, () -> exit(r, out, null));
    }

    private void failState(StateRun r) {
        String error = r.s.error;
        String cause = r.s.cause;
        ObjectNode ctx = r.context(null, null);
        if (r.s.errorPath != null) {
            error = failField(r, r.s.errorPath, "ErrorPath", ctx);
        }
        if (r.s.causePath != null) {
            cause = failField(r, r.s.causePath, "CausePath", ctx);
        }
        r.f.done.failed(new StatesError(error, cause));
    }

    private String failField(StateRun r, Intrinsics.Expr expr, String field, ObjectNode ctx) {
        JsonNode v;
        try {
            v = Intrinsics.eval(expr, r.env(r.input, ctx));
        } catch (Intrinsics.PathMissing e) {
            throw r.error(StatesError.RUNTIME, "Invalid path '" + e.path + "' : " + e.getMessage());
        }
        if (!v.isTextual()) {
            throw r.error(StatesError.RUNTIME, "The " + field + " '" + Json.write(v) + "' must resolve to a string.");
        }
        return v.asText();
    }

    /** Leaves the state: records the Exited event and moves on ({@code next} overrides the state's Next). */
    void exit(StateRun r, JsonNode out, String next) {
        if (!r.f.active()) {
            return;
        }
        if (Json.write(out).getBytes(StandardCharsets.UTF_8).length > PAYLOAD_LIMIT) {
            r.f.done.failed(r.error(StatesError.DATA_LIMIT, "The state/task '" + r.s.name
                    + "' returned a result with a size exceeding the maximum number of bytes service limit."));
            return;
        }
        ObjectNode d = Json.object();
        d.put("name", r.s.name);
        d.put("output", Json.write(out));
        d.putObject("outputDetails").put("truncated", false);
        if (r.f.event(prefix(r.s.type) + "StateExited", "stateExitedEventDetails", d) < 0) {
            return;
        }
        String target = next != null ? next : r.s.next;
        if (target == null) {
            r.f.done.succeeded(out);
        } else {
            r.f.submit("sfn " + target, () -> enter(r.f, target, out));
        }
    }

    /** Retry, then Catch, then failure of the frame. */
    void fail(StateRun r, StatesError err) {
        if (!r.f.active()) {
            return;
        }
        boolean handles = r.s.type == Asl.Type.Task || r.s.type == Asl.Type.Parallel || r.s.type == Asl.Type.Map;
        if (handles && !err.terminal()) {
            for (int i = 0; i < r.s.retry.size(); i++) {
                Asl.Retrier rt = r.s.retry.get(i);
                if (rt.errorEquals().stream().anyMatch(err::matches)) {
                    int n = r.retrierAttempts[i];
                    if (n < rt.maxAttempts()) {
                        double delay = rt.intervalSeconds() * Math.pow(rt.backoffRate(), n);
                        if (rt.maxDelaySeconds() != null) {
                            delay = Math.min(delay, rt.maxDelaySeconds());
                        }
                        if (rt.fullJitter()) {
                            delay = delay * clock.random().nextDouble();
                        }
                        r.retrierAttempts[i]++;
                        r.retryCount++;
                        r.f.schedule(Duration.ofMillis(Math.round(delay * 1000)), "sfn retry " + r.s.name, () -> retry(r));
                        return;
                    }
                    break;
                }
            }
            for (Asl.Catcher c : r.s.catchers) {
                if (c.errorEquals().stream().anyMatch(err::matches)) {
                    ObjectNode eo = Json.object();
                    eo.put("Error", err.error());
                    if (err.causeText() != null) {
                        eo.put("Cause", err.causeText());
                    }
                    JsonNode out;
                    try {
                        out = resultPath(r, c.resultPath(), r.input, eo);
                    } catch (StatesError e) {
                        r.f.done.failed(r.wrap(e));
                        return;
                    }
                    exit(r, out, c.next());
                    return;
                }
            }
        }
        r.f.done.failed(err);
    }

    private void retry(StateRun r) {
        try {
            switch (r.s.type) {
                case Task -> attempt(r);
                case Parallel -> parallel(r);
                case Map -> map(r);
                default -> throw new IllegalStateException("retry of " + r.s.type);
            }
        } catch (StatesError e) {
            fail(r, r.wrap(e));
        }
    }

    // ------------------------------------------------------------------ data flow

    JsonNode inputPath(StateRun r, JsonNode in) {
        if (r.s.inputPath == null) {
            return Json.object();
        }
        if (r.s.inputPath.equals("$")) {
            return in;
        }
        return read(r, r.s.inputPath, in, "InputPath");
    }

    JsonNode outputPath(StateRun r, JsonNode out) {
        if (r.s.outputPath == null) {
            return Json.object();
        }
        if (r.s.outputPath.equals("$")) {
            return out;
        }
        return read(r, r.s.outputPath, out, "OutputPath");
    }

    JsonNode read(StateRun r, String path, JsonNode doc, String field) {
        JsonPath p = JsonPath.compile(path);
        try {
            return p.read(p.isContext() ? r.context(null, null) : doc);
        } catch (JsonPath.NotFound e) {
            throw r.error(StatesError.RUNTIME, "Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    JsonNode resultPath(StateRun r, String path, JsonNode input, JsonNode result) {
        if (path == null) {
            return input;
        }
        if (path.equals("$")) {
            return result;
        }
        try {
            return JsonPath.compile(path).write(input.deepCopy(), result);
        } catch (JsonPath.NotFound e) {
            throw r.error(StatesError.RESULT_PATH, "Unable to apply ResultPath '" + path + "' to input '"
                    + Json.write(input) + "': " + e.getMessage());
        }
    }

    private JsonNode select(StateRun r, JsonNode result, ObjectNode ctx) {
        if (r.s.resultSelector == null) {
            return result;
        }
        return r.s.resultSelector.eval(r.env(result, ctx));
    }

    /** ResultSelector, ResultPath, OutputPath, then exit: the tail of Task, Parallel and Map. */
    void finish(StateRun r, JsonNode result, ObjectNode ctx) {
        try {
            JsonNode selected = select(r, result, ctx);
            JsonNode out = outputPath(r, resultPath(r, r.s.resultPath, r.input, selected));
            exit(r, out, null);
        } catch (StatesError e) {
            fail(r, r.wrap(e));
        }
    }

    private int intFromPath(StateRun r, String path, JsonNode eff, String field, int min) {
        JsonNode v = read(r, path, eff, field);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
            throw r.error(StatesError.RUNTIME, "The value of " + field + " '" + Json.write(v) + "' must be an integer >= "
                    + min + ".");
        }
        return v.asInt();
    }

    // ------------------------------------------------------------------ Task

    /** One attempt of a Task: from TaskScheduled to TaskSucceeded/Failed/TimedOut. */
    final class TaskCall {
        final StateRun r;
        final Asl.Resource res;
        final ObjectNode ctx;
        final String token;
        private final AtomicBoolean claimed = new AtomicBoolean();
        SimClock.Scheduled timeoutTimer;
        SimClock.Scheduled heartbeatTimer;
        Integer heartbeatSeconds;
        /** Releases integration resources (a Batch job to terminate) when the call is abandoned. */
        volatile Runnable onAbandon;

        TaskCall(StateRun r, String token, ObjectNode ctx) {
            this.r = r;
            this.res = r.s.resource;
            this.token = token;
            this.ctx = ctx;
        }

        Frame frame() {
            return r.f;
        }

        Execution execution() {
            return r.f.exec;
        }

        /** Whoever claims first (result, failure, timeout, abort) decides the attempt. */
        boolean claim() {
            if (!claimed.compareAndSet(false, true)) {
                return false;
            }
            if (token != null) {
                tokens.retire(token);
            }
            return true;
        }

        boolean isClaimed() {
            return claimed.get();
        }

        private void settle() {
            if (timeoutTimer != null) {
                timeoutTimer.cancel();
            }
            if (heartbeatTimer != null) {
                heartbeatTimer.cancel();
            }
            r.f.scope.untrack(this);
        }

        /** The execution or branch went away: drop the attempt silently. */
        void abandon() {
            if (claim()) {
                settle();
                Runnable a = onAbandon;
                if (a != null) {
                    a.run();
                }
            }
        }

        /** An integration result (driver thread). */
        void succeed(JsonNode result) {
            if (claim()) {
                completeSuccess(result);
            }
        }

        void fail(String error, String cause) {
            if (claim()) {
                completeFailure(error, cause);
            }
        }

        void completeSuccess(JsonNode result) {
            settle();
            if (!r.f.active()) {
                return;
            }
            ObjectNode d = Json.object();
            String type;
            if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
                type = "LambdaFunctionSucceeded";
                d.put("output", Json.write(result));
                d.putObject("outputDetails").put("truncated", false);
                if (r.f.event(type, "lambdaFunctionSucceededEventDetails", d) < 0) {
                    return;
                }
            } else {
                d.put("resourceType", res.resourceType());
                d.put("resource", res.resourceName());
                d.put("output", Json.write(result));
                d.putObject("outputDetails").put("truncated", false);
                if (r.f.event("TaskSucceeded", "taskSucceededEventDetails", d) < 0) {
                    return;
                }
            }
            finish(r, result, ctx);
        }

        void completeFailure(String error, String cause) {
            settle();
            if (!r.f.active()) {
                return;
            }
            ObjectNode d = Json.object();
            if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
                put(d, "error", error);
                put(d, "cause", cause);
                if (r.f.event("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails", d) < 0) {
                    return;
                }
            } else {
                d.put("resourceType", res.resourceType());
                d.put("resource", res.resourceName());
                put(d, "error", error);
                put(d, "cause", cause);
                if (r.f.event("TaskFailed", "taskFailedEventDetails", d) < 0) {
                    return;
                }
            }
            Interpreter.this.fail(r, new StatesError(error, cause));
        }

        /** TaskSubmitted: the integration accepted the work; the result comes later. */
        void submitted(JsonNode output) {
            if (!r.f.active()) {
                return;
            }
            ObjectNode d = Json.object();
            d.put("resourceType", res.resourceType());
            d.put("resource", res.resourceName());
            d.put("output", Json.write(output));
            d.putObject("outputDetails").put("truncated", false);
            r.f.event("TaskSubmitted", "taskSubmittedEventDetails", d);
        }

        void timedOut(String error) {
            if (!claim()) {
                return;
            }
            settle();
            Runnable a = onAbandon;
            if (a != null) {
                a.run();
            }
            if (!r.f.active()) {
                return;
            }
            ObjectNode d = Json.object();
            String cause = error.equals(StatesError.HEARTBEAT_TIMEOUT)
                    ? "The task did not send a heartbeat within HeartbeatSeconds (" + heartbeatSeconds + " s)."
                    : "The task did not complete within TimeoutSeconds.";
            if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
                d.put("error", error);
                d.put("cause", cause);
                if (r.f.event("LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails", d) < 0) {
                    return;
                }
            } else {
                d.put("resourceType", res.resourceType());
                d.put("resource", res.resourceName());
                d.put("error", error);
                d.put("cause", cause);
                if (r.f.event("TaskTimedOut", "taskTimedOutEventDetails", d) < 0) {
                    return;
                }
            }
            Interpreter.this.fail(r, new StatesError(error, cause));
        }

        /** SendTaskHeartbeat: restarts the HeartbeatSeconds timer (driver thread). */
        void heartbeat() {
            if (isClaimed() || heartbeatSeconds == null) {
                return;
            }
            if (heartbeatTimer != null) {
                heartbeatTimer.cancel();
            }
            heartbeatTimer = clock.schedule(Duration.ofSeconds(heartbeatSeconds), "sfn heartbeat " + r.s.name,
                    () -> timedOut(StatesError.HEARTBEAT_TIMEOUT));
        }

        /** Runs {@code action} on the driver later while this attempt is still open. */
        SimClock.Scheduled later(Duration delay, String label, Runnable action) {
            return clock.schedule(delay, label, () -> {
                if (!isClaimed() && r.f.active()) {
                    action.run();
                }
            });
        }
    }

    private static void put(ObjectNode d, String k, String v) {
        if (v != null) {
            d.put(k, v);
        }
    }

    private void attempt(StateRun r) {
        Asl.State s = r.s;
        JsonNode eff = inputPath(r, r.input);
        String token = s.resource.waitForTaskToken() ? tokens.issue(r.f.exec, s.name) : null;
        ObjectNode ctx = r.context(token, null);
        TaskCall call = new TaskCall(r, token, ctx);
        JsonNode params;
        Integer timeout;
        Integer heartbeat;
        try {
            params = s.parameters != null ? s.parameters.eval(r.env(eff, ctx)) : eff;
            timeout = s.timeoutSecondsPath != null ? Integer.valueOf(intFromPath(r, s.timeoutSecondsPath, eff, "TimeoutSecondsPath", 1))
                    : s.timeoutSeconds;
            heartbeat = s.heartbeatSecondsPath != null
                    ? Integer.valueOf(intFromPath(r, s.heartbeatSecondsPath, eff, "HeartbeatSecondsPath", 1))
                    : s.heartbeatSeconds;
        } catch (StatesError e) {
            if (token != null) {
                tokens.retire(token);
            }
            throw e;
        }
        if (token != null) {
            tokens.register(token, call);
        }
        call.heartbeatSeconds = heartbeat;
        r.f.scope.track(call);
        Asl.Resource res = s.resource;
        if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
            ObjectNode d = Json.object();
            d.put("resource", res.arn());
            d.put("input", Json.write(params));
            d.putObject("inputDetails").put("truncated", false);
            if (timeout != null) {
                d.put("timeoutInSeconds", timeout);
            }
            if (r.f.event("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d) < 0
                    || r.f.event("LambdaFunctionStarted", null, null) < 0) {
                return;
            }
        } else {
            ObjectNode d = Json.object();
            d.put("resourceType", res.resourceType());
            d.put("resource", res.resourceName());
            d.put("region", region);
            d.put("parameters", Json.write(params));
            if (timeout != null) {
                d.put("timeoutInSeconds", timeout);
            }
            if (heartbeat != null) {
                d.put("heartbeatInSeconds", heartbeat);
            }
            if (r.f.event("TaskScheduled", "taskScheduledEventDetails", d) < 0) {
                return;
            }
            ObjectNode st = Json.object();
            st.put("resourceType", res.resourceType());
            st.put("resource", res.resourceName());
            if (r.f.event("TaskStarted", "taskStartedEventDetails", st) < 0) {
                return;
            }
        }
        if (timeout != null) {
            call.timeoutTimer = clock.schedule(Duration.ofSeconds(timeout), "sfn timeout " + s.name,
                    () -> call.timedOut(StatesError.TIMEOUT));
        }
        if (heartbeat != null && (res.waitForTaskToken() || res.sync())) {
            call.heartbeat();
        }
        String key = s.name;
        Execution e = r.f.exec;
        MockConfig.Response mock = null;
        if (e.testCase != null) {
            int n = e.mockAttempts.merge(key, 1, Integer::sum) - 1;
            mock = mocks.get().lookup(e.machine.name(), e.testCase, key, n);
        }
        if (mock != null) {
            if (mock.throwsError()) {
                call.fail(mock.error(), mock.cause());
            } else {
                call.succeed(mock.returned().deepCopy());
            }
            return;
        }
        integrations.run(call, params);
    }

    // ------------------------------------------------------------------ Parallel

    private void parallel(StateRun r) {
        JsonNode eff = inputPath(r, r.input);
        ObjectNode ctx = r.context(null, null);
        JsonNode in = r.s.parameters != null ? r.s.parameters.eval(r.env(eff, ctx)) : eff;
        if (r.f.event("ParallelStateStarted", null, null) < 0) {
            return;
        }
        Execution.Scope ps = r.f.scope.child();
        r.child = ps;
        int n = r.s.branches.size();
        JsonNode[] results = new JsonNode[n];
        int[] remaining = {n};
        boolean[] over = {false};
        long startedId = r.f.last;
        for (int i = 0; i < n; i++) {
            int idx = i;
            Asl.Machine branch = r.s.branches.get(i);
            Execution.Scope bs = ps.child();
            Frame frame = new Frame(r.f.exec, bs, branch, new Outcome() {
                @Override
                public void succeeded(JsonNode output) {
                    if (over[0]) {
                        return;
                    }
                    results[idx] = output;
                    if (--remaining[0] == 0) {
                        over[0] = true;
                        ps.cancel();
                        if (r.f.event("ParallelStateSucceeded", null, null) < 0) {
                            return;
                        }
                        ArrayNode arr = Json.array();
                        for (JsonNode x : results) {
                            arr.add(x);
                        }
                        finish(r, arr, ctx);
                    }
                }

                @Override
                public void failed(StatesError error) {
                    if (over[0]) {
                        return;
                    }
                    over[0] = true;
                    ps.cancel();
                    if (r.f.event("ParallelStateFailed", null, null) < 0) {
                        return;
                    }
                    fail(r, error);
                }
            }, startedId);
            frame.submit("sfn branch " + i, () -> enter(frame, branch.startAt, in));
        }
    }

    // ------------------------------------------------------------------ Map

    private void map(StateRun r) {
        Asl.State s = r.s;
        JsonNode eff = inputPath(r, r.input);
        ObjectNode ctx = r.context(null, null);
        JsonNode items = s.itemsPath.equals("$") ? eff : read(r, s.itemsPath, eff, "ItemsPath");
        if (!items.isArray()) {
            throw r.error(StatesError.RUNTIME, "Invalid path '" + s.itemsPath
                    + "': The ItemsPath field must reference a JSON array; it references " + Json.write(items) + ".");
        }
        int maxConc = s.maxConcurrencyPath != null ? intFromPath(r, s.maxConcurrencyPath, eff, "MaxConcurrencyPath", 0)
                : s.maxConcurrency == null ? 0 : s.maxConcurrency;
        Integer tolCount = s.toleratedFailureCountPath != null
                ? Integer.valueOf(intFromPath(r, s.toleratedFailureCountPath, eff, "ToleratedFailureCountPath", 0))
                : s.toleratedFailureCount;
        Double tolPct = s.toleratedFailurePercentage;
        if (s.toleratedFailurePercentagePath != null) {
            JsonNode v = read(r, s.toleratedFailurePercentagePath, eff, "ToleratedFailurePercentagePath");
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
                throw r.error(StatesError.RUNTIME, "ToleratedFailurePercentagePath must reference a number from 0 to 100: "
                        + Json.write(v));
            }
            tolPct = v.asDouble();
        }
        int n = items.size();
        ObjectNode started = Json.object();
        started.put("length", n);
        if (r.f.event("MapStateStarted", "mapStateStartedEventDetails", started) < 0) {
            return;
        }
        if (n == 0) {
            if (r.f.event("MapStateSucceeded", null, null) < 0) {
                return;
            }
            finish(r, Json.array(), ctx);
            return;
        }
        Execution.Scope ms = r.f.scope.child();
        r.child = ms;
        new MapRun(r, ms, items, eff, ctx, maxConc, tolCount, tolPct).launch();
    }

    private final class MapRun {
        final StateRun r;
        final Execution.Scope ms;
        final JsonNode items;
        final JsonNode eff;
        final ObjectNode ctx;
        final int maxConc;
        final Integer tolCount;
        final Double tolPct;
        final JsonNode[] results;
        final boolean[] running;
        int next;
        int active;
        int completed;
        int failures;
        boolean over;

        MapRun(StateRun r, Execution.Scope ms, JsonNode items, JsonNode eff, ObjectNode ctx, int maxConc, Integer tolCount,
                Double tolPct) {
            this.r = r;
            this.ms = ms;
            this.items = items;
            this.eff = eff;
            this.ctx = ctx;
            this.maxConc = maxConc;
            this.tolCount = tolCount;
            this.tolPct = tolPct;
            this.results = new JsonNode[items.size()];
            this.running = new boolean[items.size()];
        }

        void launch() {
            while (!over && next < items.size() && (maxConc == 0 || active < maxConc)) {
                start(next++);
            }
        }

        ObjectNode iterationDetails(int i) {
            ObjectNode d = Json.object();
            d.put("name", r.s.name);
            d.put("index", i);
            return d;
        }

        void start(int i) {
            JsonNode item = items.get(i);
            JsonNode in;
            if (r.s.itemSelector != null) {
                ObjectNode mi = Json.object();
                mi.put("Index", i);
                mi.set("Value", item);
                try {
                    in = r.s.itemSelector.eval(r.env(eff, r.context(null, mi)));
                } catch (StatesError e) {
                    abort(r.wrap(e));
                    return;
                }
            } else {
                in = item;
            }
            active++;
            running[i] = true;
            if (r.f.event("MapIterationStarted", "mapIterationStartedEventDetails", iterationDetails(i)) < 0) {
                return;
            }
            Execution.Scope is = ms.child();
            Frame frame = new Frame(r.f.exec, is, r.s.processor, new Outcome() {
                @Override
                public void succeeded(JsonNode output) {
                    if (over) {
                        return;
                    }
                    running[i] = false;
                    is.cancel();
                    results[i] = output;
                    active--;
                    completed++;
                    if (r.f.event("MapIterationSucceeded", "mapIterationSucceededEventDetails", iterationDetails(i)) < 0) {
                        return;
                    }
                    progress();
                }

                @Override
                public void failed(StatesError error) {
                    if (over) {
                        return;
                    }
                    running[i] = false;
                    is.cancel();
                    active--;
                    completed++;
                    failures++;
                    if (r.f.event("MapIterationFailed", "mapIterationFailedEventDetails", iterationDetails(i)) < 0) {
                        return;
                    }
                    boolean tolerant = tolCount != null || tolPct != null;
                    boolean exceeded = !tolerant
                            || (tolCount != null && failures > tolCount)
                            || (tolPct != null && failures * 100.0 / items.size() > tolPct);
                    if (error.terminal() || exceeded) {
                        abort(error.terminal() || !tolerant ? error
                                : new StatesError(StatesError.TOLERATED,
                                        "The specified tolerated failure threshold was exceeded: " + failures + " of "
                                                + items.size() + " iterations failed (last error " + error.error() + ")."));
                        return;
                    }
                    ObjectNode eo = Json.object();
                    eo.put("Error", error.error());
                    if (error.causeText() != null) {
                        eo.put("Cause", error.causeText());
                    }
                    results[i] = eo;
                    progress();
                }
            }, r.f.last);
            frame.submit("sfn map " + r.s.name + "[" + i + "]", () -> enter(frame, r.s.processor.startAt, in));
        }

        void progress() {
            if (completed == items.size()) {
                over = true;
                ms.cancel();
                if (r.f.event("MapStateSucceeded", null, null) < 0) {
                    return;
                }
                ArrayNode arr = Json.array();
                for (JsonNode x : results) {
                    arr.add(x);
                }
                finish(r, arr, ctx);
            } else {
                launch();
            }
        }

        void abort(StatesError error) {
            over = true;
            ms.cancel();
            for (int k = 0; k < running.length; k++) {
                if (running[k]) {
                    running[k] = false;
                    if (r.f.event("MapIterationAborted", "mapIterationAbortedEventDetails", iterationDetails(k)) < 0) {
                        return;
                    }
                }
            }
            if (r.f.event("MapStateFailed", null, null) < 0) {
                return;
            }
            fail(r, error);
        }
    }
}
