package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
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
    private final BasicStates basic;
    private final RetryCatch retries;
    private final TaskStates tasks;
    private final ParallelState parallel;
    private final MapState map;
    /** Distributed Map states (set once by the service before any execution runs). */
    DistributedMap distributed;

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
        this.basic = new BasicStates(this, clock);
        this.retries = new RetryCatch(this, clock);
        this.tasks = new TaskStates(this, clock, integrations, tokens, mocks, region);
        this.parallel = new ParallelState(this);
        this.map = new MapState(this);
    }

    static String iso(Instant t) {
        return ISO.format(t);
    }

    SimClock clock() {
        return clock;
    }

    Tokens tokens() {
        return tokens;
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
        /** This thread's last event: the chain {@link ExecutionResume} follows (kept with the event when it differs from previousEventId). */
        long last;
        /**
         * The previousEventId of this thread's next event, AWS's linkage: the event that caused it. It equals
         * {@link #last} except where AWS links otherwise (see docs/sfn-engine.md, History): the machine's first
         * state links to 0, and Map/Parallel link their closing events to the event that completed them.
         */
        long prev;
        /** TestState's observer of this frame's one state; null in executions. */
        StateProbe probe;
        /** Which thread of the execution this is: "" for the machine, then "/State#branch" or "/State[index]" per level. */
        String path = "";
        /** The variables this thread sees: the execution's, or a branch's or an iteration's own scope. */
        Variables vars;

        Frame(Execution exec, Execution.Scope scope, Asl.Machine machine, Outcome done, long last) {
            this.exec = exec;
            this.scope = scope;
            this.machine = machine;
            this.done = done;
            this.last = last;
            this.prev = last;
            this.vars = exec.variables;
        }

        boolean active() {
            return exec.open() && scope.active();
        }

        long event(String type, String key, ObjectNode details) {
            return event(type, key, details, prev, true);
        }

        /**
         * Records an event whose previousEventId is {@code awsPrev}; {@code advance} false keeps {@link #prev}
         * (the event is not the cause of this thread's next one). {@link #last} always moves on.
         */
        long event(String type, String key, ObjectNode details, long awsPrev, boolean advance) {
            long id = exec.add(clock.now(), type, awsPrev, last, key, details);
            if (id < 0) {
                cleanup(exec);
            } else {
                last = id;
                if (advance) {
                    prev = id;
                }
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

        /** Runs {@code r} in this instant unless this frame was cancelled, depth first ({@link Interpreter#soon}). */
        void submit(String label, Runnable r) {
            soon(label, () -> {
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
        /** The values of the state's Assign, applied when it exits ({@link JsonataStates#assign}), and their JSON text. */
        ObjectNode assigned;
        java.util.Map<String, String> assignedText;

        StateRun(Frame f, Asl.State s, JsonNode input) {
            this.f = f;
            this.s = s;
            this.input = input;
            this.entered = iso(clock.now());
            this.retrierAttempts = new int[s.errors().retry().size()];
        }

        // the running state as its type: only the executions of that type (and their helpers) call these
        Asl.Task asTask() {
            return (Asl.Task) s;
        }

        Asl.Pass asPass() {
            return (Asl.Pass) s;
        }

        Asl.Choice asChoice() {
            return (Asl.Choice) s;
        }

        Asl.Wait asWait() {
            return (Asl.Wait) s;
        }

        Asl.Fail asFail() {
            return (Asl.Fail) s;
        }

        Asl.Parallel asParallel() {
            return (Asl.Parallel) s;
        }

        Asl.Map asMap() {
            return (Asl.Map) s;
        }

        ObjectNode context(String token, ObjectNode mapItem) {
            ObjectNode c = Json.object();
            c.setAll(f.exec.contextBase);
            // AWS's State object: Name, EnteredTime, and RetryCount only where a Retrier can run the state again
            ObjectNode st = c.putObject("State");
            st.put("Name", s.name());
            st.put("EnteredTime", entered);
            if (s instanceof Asl.Task || s instanceof Asl.Parallel || s instanceof Asl.Map) {
                st.put("RetryCount", retryCount);
            }
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

                @Override
                public JsonNode variable(String name) {
                    return f.vars.get(name);
                }
            };
        }

        Random random() {
            return clock.random();
        }

        /** Records one data-flow step for TestState's inspectionData (no-op in executions). */
        void inspect(String step, JsonNode value) {
            if (f.probe != null) {
                f.probe.inspect(step, value);
            }
        }

        StatesError error(String code, String detail) {
            return new StatesError(code, "An error occurred while executing the state '" + s.name()
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

    // ------------------------------------------------------------------ same-instant work, depth first

    /** Same-instant continuations: driver thread only. */
    private final java.util.ArrayDeque<Runnable> soonQueue = new java.util.ArrayDeque<>();
    private java.util.List<Runnable> pushed;

    /**
     * Runs {@code r} in this instant, depth first: the work {@code r} hands on (a next state, a branch, an
     * iteration) runs before work handed on earlier. A thread of control therefore runs until it waits
     * (a Task, a Wait, a retry interval) before the next branch or iteration starts: AWS's order (a Map of Pass
     * states records iteration 0 to its end, then iteration 1, ...). One clock task drains it; no recursion.
     */
    void soon(String label, Runnable r) {
        if (clock.onDriverThread() && pushed != null) {
            pushed.add(r);
            return;
        }
        clock.submit(label, () -> drain(r));
    }

    private void drain(Runnable first) {
        RuntimeException failure = null;
        soonQueue.push(first);
        try {
            while (!soonQueue.isEmpty()) {
                Runnable next = soonQueue.pop();
                pushed = new java.util.ArrayList<>(2);
                try {
                    next.run();
                } catch (RuntimeException ex) {
                    if (failure == null) {
                        failure = ex;
                    }
                }
                for (int i = pushed.size() - 1; i >= 0; i--) {
                    soonQueue.push(pushed.get(i));
                }
            }
        } finally {
            pushed = null;
            soonQueue.clear();
        }
        if (failure != null) {
            throw failure;
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
            armTimeout(e, Duration.ofSeconds(e.definition.timeoutSeconds));
        }
        enter(rootFrame(e), e.definition.startAt, e.inputNode);
    }

    /** The execution's TimeoutSeconds timer, due after {@code delay}. */
    void armTimeout(Execution e, Duration delay) {
        e.timeoutTimer = clock.schedule(delay, "sfn timeout " + e.name,
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

    /** The machine's own thread, whose end closes the execution; its first state links to 0, as on AWS. */
    Frame rootFrame(Execution e) {
        Frame f = new Frame(e, e.root, e.definition, new Outcome() {
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
        f.prev = 0;
        return f;
    }

    /**
     * Goes on with an execution a durable cloud restored RUNNING, from where its history says it stood
     * ({@link ExecutionResume}).
     */
    void resume(Execution e) {
        clock.submit("sfn resume " + e.name, () -> {
            if (e.open()) {
                ExecutionResume.resume(this, e);
            }
        });
    }

    /** Resumes a Parallel state whose branches were running ({@link ParallelState#resume}). */
    void resumeParallel(StateRun r, java.util.List<ParallelState.BranchPlan> plans) {
        try {
            parallel.resume(r, plans);
        } catch (StatesError err) {
            fail(r, r.wrap(err));
        }
    }

    /** Redrives a Map state's unsuccessful iterations ({@link MapState#redrive}). */
    void redriveMap(StateRun r, java.util.List<ParallelState.BranchPlan> plans) {
        try {
            map.redrive(r, plans);
        } catch (StatesError err) {
            fail(r, r.wrap(err));
        }
    }

    /** Releases everything an execution holds once it is closed (idempotent). */
    void cleanup(Execution e) {
        if (e.open() || !e.cleaned.compareAndSet(false, true)) {
            return;
        }
        Execution.Scope root = e.root; // this run's scope: a redrive replaces it
        SimClock.Scheduled timeout = e.timeoutTimer;
        Runnable r = () -> {
            if (timeout != null) {
                timeout.cancel();
            }
            root.cancel();
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
        r.enteredId = f.event(prefix(s.type()) + "StateEntered", "stateEnteredEventDetails", d);
        if (r.enteredId < 0) {
            return;
        }
        try {
            if (f.probe != null && f.probe.handled(r)) {
                return;
            }
            switch (s) {
                case Asl.Pass p -> basic.pass(r);
                case Asl.Choice c -> basic.choice(r);
                case Asl.Wait w -> basic.waitState(r);
                case Asl.Succeed x -> exit(r, s.q().jsonata ? JsonataStates.succeed(r) : outputPath(r, inputPath(r, input)), null);
                case Asl.Fail x -> basic.failState(r);
                case Asl.Task t -> tasks.attempt(r);
                case Asl.Parallel p -> parallel.run(r);
                case Asl.Map m -> map.run(r);
            }
        } catch (StatesError e) {
            fail(r, r.wrap(e));
        }
    }

    /** Leaves the state: records the Exited event and moves on ({@code next} overrides the state's Next). */
    void exit(StateRun r, JsonNode out, String next) {
        if (!r.f.active()) {
            return;
        }
        if (Json.write(out).getBytes(StandardCharsets.UTF_8).length > PAYLOAD_LIMIT) {
            r.f.done.failed(r.error(StatesError.DATA_LIMIT, "The state/task '" + r.s.name()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit."));
            return;
        }
        ObjectNode d = Json.object();
        d.put("name", r.s.name());
        d.put("output", Json.write(out));
        d.putObject("outputDetails").put("truncated", false);
        if (r.assigned != null) {
            ObjectNode av = d.putObject("assignedVariables");
            r.assignedText.forEach(av::put);
            d.putObject("assignedVariablesDetails").put("truncated", false);
            r.f.vars.commit(r.assigned, r.assignedText);
        }
        if (r.f.event(prefix(r.s.type()) + "StateExited", "stateExitedEventDetails", d) < 0) {
            return;
        }
        if (r.f.probe != null) {
            r.f.probe.exited(out, next != null ? next : r.s.next());
            return;
        }
        String target = next != null ? next : r.s.next();
        if (target == null) {
            r.f.done.succeeded(out);
        } else {
            r.f.submit("sfn " + target, () -> enter(r.f, target, out));
        }
    }
    /** Retry, then Catch, then failure of the frame ({@link RetryCatch}). */
    void fail(StateRun r, StatesError err) {
        retries.fail(r, err);
    }

    /** Whether a failure of {@code r} with {@code err} will be retried ({@link RetryCatch#willRetry}). */
    boolean willRetry(StateRun r, StatesError err) {
        return retries.willRetry(r, err);
    }

    /** Runs the state again after a Retrier's interval (Task, Parallel and Map only). */
    void retry(StateRun r) {
        try {
            switch (r.s) {
                case Asl.Task t -> tasks.attempt(r);
                case Asl.Parallel p -> parallel.run(r);
                case Asl.Map m -> map.run(r);
                case Asl.Pass p -> throw new IllegalStateException("retry of a Pass state");
                case Asl.Choice c -> throw new IllegalStateException("retry of a Choice state");
                case Asl.Wait w -> throw new IllegalStateException("retry of a Wait state");
                case Asl.Succeed x -> throw new IllegalStateException("retry of a Succeed state");
                case Asl.Fail x -> throw new IllegalStateException("retry of a Fail state");
            }
        } catch (StatesError e) {
            fail(r, r.wrap(e));
        }
    }

    // ------------------------------------------------------------------ data flow ({@link DataFlow})

    JsonNode inputPath(StateRun r, JsonNode in) {
        return DataFlow.inputPath(r, in);
    }

    JsonNode outputPath(StateRun r, JsonNode out) {
        return DataFlow.outputPath(r, out);
    }

    JsonNode read(StateRun r, String path, JsonNode doc, String field) {
        return DataFlow.read(r, path, doc, field);
    }

    JsonNode resultPath(StateRun r, String path, JsonNode input, JsonNode result) {
        return DataFlow.resultPath(r, path, input, result);
    }

    /** ResultSelector, ResultPath, OutputPath, then exit: the tail of Task, Parallel and Map. */
    void finish(StateRun r, JsonNode result, ObjectNode ctx) {
        try {
            if (r.s.q().jsonata) {
                exit(r, JsonataStates.finish(r, result, ctx), null);
                return;
            }
            r.inspect("result", result);
            JsonNode selected = DataFlow.select(r, result, ctx);
            r.inspect("afterResultSelector", selected);
            JsonataStates.assignPath(r, selected, ctx);
            JsonNode after = resultPath(r, r.s.paths().resultPath(), r.input, selected);
            r.inspect("afterResultPath", after);
            JsonNode out = outputPath(r, after);
            exit(r, out, null);
        } catch (StatesError e) {
            fail(r, r.wrap(e));
        }
    }
}
