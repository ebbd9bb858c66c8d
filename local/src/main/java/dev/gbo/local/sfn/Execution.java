package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.core.StateLog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution: its identity and final result (guarded by {@code this}; read by API threads) and
 * its history. The interpreter's own bookkeeping ({@link Scope}s, mock attempt counters) is touched
 * only on the clock's driver thread.
 */
final class Execution {

    static final int HISTORY_LIMIT = 25_000;

    final String arn;
    final String name;
    final StateMachineRecord machine;
    final Asl.Machine definition;
    final String definitionText;
    final String roleArn;
    final String input;
    final JsonNode inputNode;
    final Instant startDate;
    final String testCase;
    /** The version and alias the execution was started on ({@code StartExecution} with a qualified ARN), or null. */
    final String versionArn;
    final String aliasArn;
    /** {"Execution": {...}, "StateMachine": {...}}: the static part of the context object. */
    final ObjectNode contextBase;

    // guarded by this
    private String status = "RUNNING";
    private Instant stopDate;
    private String output;
    private String error;
    private String cause;
    private int redriveCount;
    private Instant redriveDate;
    /** The clientTokens of the last successful redrives ({@link Redrive}), oldest first (allocated by the first). */
    private List<Redrive.Token> redriveTokens = List.of();
    private final List<ObjectNode> events = new ArrayList<>();
    private byte[] packed;
    private int packedCount;
    /** Reads a packed history back with its numbers as written (timestamps keep their three decimals). */
    private static final com.fasterxml.jackson.databind.ObjectReader PACKED = Json.MAPPER
            .reader(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    // driver thread only (replaced when the execution is redriven)
    Scope root = new Scope(null);
    /** The top-level scope of the workflow variables (a redrive replays them from the history into it). */
    final Variables variables = Variables.root();
    final Map<String, Integer> mockAttempts = new HashMap<>();
    SimClock.Scheduled timeoutTimer;
    final AtomicBoolean cleaned = new AtomicBoolean();
    /** A distributed Map's child: its Map Run, how many items it processes, what the map does when it closes. */
    volatile MapRun mapRun;
    volatile int mapRunItems;
    volatile java.util.function.Consumer<Execution> onMapRunChildClosed;
    // guarded by this: where its record and history go in a durable cloud
    private StateLog log = StateLog.NONE;
    /** Sees every event as it is recorded, under this execution's monitor (it must only queue: {@link ExecutionLogging}). */
    volatile java.util.function.Consumer<ObjectNode> listener;
    /** An EXPRESS execution ({@link ExpressExecutions}): never stored, listed or made durable. */
    final boolean express;

    Execution(String arn, String name, StateMachineRecord machine, String input, JsonNode inputNode, Instant startDate,
            String testCase) {
        this(arn, name, machine, input, inputNode, startDate, testCase, null, null);
    }

    /** An execution of a version ({@code versionArn}), started on it or on an alias ({@code aliasArn}) routing to it. */
    Execution(String arn, String name, StateMachineRecord machine, String input, JsonNode inputNode, Instant startDate,
            String testCase, String versionArn, String aliasArn) {
        this.versionArn = versionArn;
        this.aliasArn = aliasArn;
        this.arn = arn;
        this.name = name;
        this.machine = machine;
        this.definition = machine.parsed();
        this.definitionText = machine.definition();
        this.roleArn = machine.roleArn();
        this.input = input;
        this.inputNode = inputNode;
        this.startDate = startDate;
        this.testCase = testCase;
        this.express = "EXPRESS".equals(machine.type());
        ObjectNode ctx = Json.object();
        ObjectNode ex = ctx.putObject("Execution");
        ex.put("Id", arn);
        ex.set("Input", inputNode);
        ex.put("StartTime", Interpreter.iso(startDate));
        ex.put("Name", name);
        ex.put("RoleArn", roleArn);
        ex.put("RedriveCount", 0);
        ObjectNode sm = ctx.putObject("StateMachine");
        sm.put("Id", machine.arn());
        sm.put("Name", machine.name());
        this.contextBase = ctx;
    }

    /** The record of a durable cloud ({@code states/execution/<arn>}): identity, revision, input and result. */
    synchronized ObjectNode record() {
        ObjectNode v = Json.object();
        v.put("arn", arn);
        v.put("name", name);
        v.put("machineArn", machine.arn());
        v.put("revisionId", machine.revisionId());
        v.put("input", input);
        v.put("startDate", startDate.toEpochMilli());
        v.put("testCase", testCase);
        v.put("versionArn", versionArn);
        v.put("aliasArn", aliasArn);
        v.put("status", status);
        if (stopDate != null) {
            v.put("stopDate", stopDate.toEpochMilli());
        }
        v.put("output", output);
        v.put("error", error);
        v.put("cause", cause);
        if (redriveDate != null) {
            v.put("redriveCount", redriveCount);
            v.put("redriveDate", redriveDate.toEpochMilli());
            Redrive.Token.write(redriveTokens, v.putArray("redriveTokens"));
        }
        return v;
    }

    /** Records this execution and its history so far in {@code log}, and every change from now on. */
    synchronized void durable(StateLog log) {
        this.log = log;
        if (log.enabled()) {
            log.put(key(), record());
            for (ObjectNode e : events) {
                log.append(key(), e);
            }
        }
    }

    /** An execution taken back from a durable cloud's record, with its history and result. */
    static Execution restored(JsonNode v, StateMachineRecord machine, List<JsonNode> history, StateLog log) {
        String input = v.path("input").asText();
        Execution e = new Execution(v.path("arn").asText(), v.path("name").asText(), machine, input,
                Json.parse(input), Instant.ofEpochMilli(v.path("startDate").asLong()), v.path("testCase").asText(null),
                v.path("versionArn").asText(null), v.path("aliasArn").asText(null));
        synchronized (e) {
            for (JsonNode h : history) {
                e.events.add((ObjectNode) h);
            }
            e.status = v.path("status").asText();
            e.stopDate = v.hasNonNull("stopDate") ? Instant.ofEpochMilli(v.path("stopDate").asLong()) : null;
            e.output = v.path("output").asText(null);
            e.error = v.path("error").asText(null);
            e.cause = v.path("cause").asText(null);
            if (v.hasNonNull("redriveDate")) {
                e.redriven(v.path("redriveCount").asInt(), Instant.ofEpochMilli(v.path("redriveDate").asLong()));
                e.redriveTokens = Redrive.Token.read(v.path("redriveTokens"));
            }
            e.log = log;
        }
        return e;
    }

    private String key() {
        return "states/execution/" + arn;
    }

    synchronized boolean open() {
        return "RUNNING".equals(status);
    }

    synchronized String status() {
        return status;
    }

    synchronized Instant stopDate() {
        return stopDate;
    }

    synchronized String output() {
        return output;
    }

    synchronized String error() {
        return error;
    }

    synchronized String cause() {
        return cause;
    }

    synchronized int redriveCount() {
        return redriveCount;
    }

    synchronized Instant redriveDate() {
        return redriveDate;
    }

    /**
     * Opens the closed execution again for a redrive: RUNNING, without a stop date or result, one more
     * redrive, the ExecutionRedriven event appended (its previousEventId is the terminal event) and the
     * clientToken remembered. {@code check} runs first under this execution's monitor and may refuse.
     */
    synchronized void redrive(Instant at, String clientToken, Runnable check) {
        check.run();
        status = "RUNNING";
        stopDate = null;
        output = null;
        error = null;
        cause = null;
        redriven(redriveCount + 1, at);
        cleaned.set(false); // its next close releases the redriven run
        if (clientToken != null) {
            if (redriveTokens.isEmpty()) {
                redriveTokens = new ArrayList<>();
            }
            redriveTokens.add(new Redrive.Token(clientToken, at));
            while (redriveTokens.size() > Redrive.TOKENS_KEPT) {
                redriveTokens.remove(0);
            }
        }
        ObjectNode d = Json.object();
        d.put("redriveCount", redriveCount);
        append(at, "ExecutionRedriven", events.size(), "executionRedrivenEventDetails", d);
        log.put(key(), record());
    }

    /** The redrive date of an earlier successful redrive with this clientToken, if AWS still answers it idempotently. */
    synchronized Instant redrivenWith(String clientToken, Instant now) {
        return Redrive.Token.find(redriveTokens, clientToken, now);
    }

    private void redriven(int count, Instant at) {
        redriveCount = count;
        redriveDate = at;
        ObjectNode ex = (ObjectNode) contextBase.get("Execution");
        ex.put("RedriveCount", count);
        ex.put("RedriveTime", Interpreter.iso(at));
    }

    synchronized int eventCount() {
        return packed != null ? packedCount : events.size();
    }

    synchronized List<ObjectNode> events() {
        if (packed != null) {
            List<ObjectNode> out = new ArrayList<>(packedCount);
            try (java.io.InputStream in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(packed))) {
                PACKED.readTree(in).forEach(e -> out.add((ObjectNode) e));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out;
        }
        return new ArrayList<>(events);
    }

    /**
     * Keeps the history of a closed execution as deflated JSON (a distributed Map's children: thousands of
     * small histories that are read rarely, if ever); {@link #events()} inflates it on demand.
     */
    synchronized void pack() {
        if ("RUNNING".equals(status) || packed != null) {
            return;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = new java.util.zip.DeflaterOutputStream(bytes)) {
            Json.MAPPER.writeValue(out, events);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        packed = bytes.toByteArray();
        packedCount = events.size();
        events.clear();
        ((ArrayList<ObjectNode>) events).trimToSize();
    }

    /**
     * Appends an event while the execution is open; returns its id, or -1 when the execution is
     * closed (also when this event would break the history limit: the execution then fails).
     */
    synchronized long add(Instant at, String type, long previous, String detailsKey, ObjectNode details) {
        return add(at, type, previous, previous, detailsKey, details);
    }

    /**
     * {@link #add} with the id of the last event of the recording thread ({@code thread}), which
     * {@link ExecutionResume} follows; kept in the event as {@link #THREAD} only where it differs from
     * {@code previous} (AWS's linkage), and never returned by GetExecutionHistory.
     */
    synchronized long add(Instant at, String type, long previous, long thread, String detailsKey, ObjectNode details) {
        if (!"RUNNING".equals(status)) {
            return -1;
        }
        if (events.size() >= HISTORY_LIMIT - 1) {
            ObjectNode d = Json.object();
            d.put("error", StatesError.RUNTIME);
            d.put("cause", "The execution reached the maximum number of history events (" + HISTORY_LIMIT + ").");
            append(at, "ExecutionFailed", previous, "executionFailedEventDetails", d);
            status = "FAILED";
            stopDate = at;
            error = StatesError.RUNTIME;
            cause = d.get("cause").asText();
            log.put(key(), record());
            return -1;
        }
        return append(at, type, previous, thread, detailsKey, details);
    }

    /** Internal member of an event: its thread's previous event where AWS's previousEventId is another. */
    static final String THREAD = "threadEventId";

    /** The previous event of the event's thread (see {@link #THREAD}). */
    static long threadPrevious(JsonNode event) {
        return event.has(THREAD) ? event.get(THREAD).asLong() : event.path("previousEventId").asLong();
    }

    /** Closes the execution with its terminal event; false when it was already closed. */
    synchronized boolean close(Instant at, String newStatus, String type, long previous, String detailsKey,
            ObjectNode details, String out, String err, String cse) {
        if (!"RUNNING".equals(status)) {
            return false;
        }
        append(at, type, previous, detailsKey, details);
        status = newStatus;
        stopDate = at;
        output = out;
        error = err;
        cause = cse;
        log.put(key(), record());
        return true;
    }

    private long append(Instant at, String type, long previous, String detailsKey, ObjectNode details) {
        return append(at, type, previous, previous, detailsKey, details);
    }

    private long append(Instant at, String type, long previous, long thread, String detailsKey, ObjectNode details) {
        ObjectNode e = Json.object();
        e.put("timestamp", seconds(at));
        e.put("type", type);
        long id = events.size() + 1;
        e.put("id", id);
        e.put("previousEventId", previous);
        if (detailsKey != null && details != null) {
            e.set(detailsKey, details);
        }
        if (thread != previous) {
            e.put(THREAD, thread);
        }
        events.add(e);
        log.append(key(), e);
        java.util.function.Consumer<ObjectNode> l = listener;
        if (l != null) {
            l.accept(e);
        }
        return id;
    }

    static BigDecimal seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3);
    }

    /** Cancellation scope: a branch, an iteration, or the whole execution. Driver thread only. */
    static final class Scope {
        private final Scope parent;
        private boolean cancelled;
        private final List<Scope> children = new ArrayList<>();
        private final List<SimClock.Scheduled> timers = new ArrayList<>();
        private final List<TaskCall> calls = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Scope child() {
            Scope s = new Scope(this);
            if (cancelled) {
                s.cancelled = true;
            }
            children.add(s);
            return s;
        }

        boolean active() {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.cancelled) {
                    return false;
                }
            }
            return true;
        }

        void track(SimClock.Scheduled timer) {
            timers.add(timer);
        }

        void track(TaskCall call) {
            calls.add(call);
        }

        void untrack(TaskCall call) {
            calls.remove(call);
        }

        void untrack(SimClock.Scheduled timer) {
            timers.remove(timer);
        }

        void detach(Scope child) {
            children.remove(child);
        }

        void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            timers.forEach(SimClock.Scheduled::cancel);
            timers.clear();
            for (TaskCall c : new ArrayList<>(calls)) {
                c.abandon();
            }
            calls.clear();
            List<Scope> kids = new ArrayList<>(children);
            children.clear();
            for (Scope s : kids) {
                s.cancel();
            }
            if (parent != null) {
                parent.children.remove(this);
            }
        }
    }
}
