package dev.gbo.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.batch.BatchStore;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.core.StateLog;
import dev.gbo.local.durable.Journal;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.lambda.LambdaService;
import dev.gbo.local.logs.LogsService;
import dev.gbo.local.s3.S3Service;
import dev.gbo.local.sfn.StepFunctionsService;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Whether and where a local cloud records its state ({@code gbo serve --state-dir}). In memory (the
 * default) it does nothing. Durable, it owns the state directory's {@link Journal}: it hands each
 * store the journal and what the last run left, makes every API call wait until its changes are
 * fsynced before the answer goes out, and goes on with the work left in flight
 * ({@link LocalCloud#resumeInFlight()}). See docs/local-cloud.md, "Durability".
 */
public final class Durability implements AutoCloseable {

    /** What a restart took back and set going again. */
    public record Resumed(int executions, int jobs, int deliveries) {
        public static final Resumed NOTHING = new Resumed(0, 0, 0);
    }

    private final Journal journal;
    private final StateLog.Restored restored;
    private final ThreadLocal<String> caller = new ThreadLocal<>();
    private LambdaService lambda;
    private StepFunctionsService states;
    private EventBridgeService events;
    private BatchStore batch;
    private Fleet fleet;
    private Resumed resumed;

    private Durability(Journal journal) {
        this.journal = journal;
        this.restored = journal == null ? StateLog.Restored.EMPTY : journal.restored();
    }

    static Durability open(Path stateDir) {
        return new Durability(stateDir == null ? null : Journal.open(stateDir));
    }

    /**
     * What the journal did so far (for benchmarks): fsyncs, compactions while running, the longest any of
     * them held acknowledgements back, and its size on disk now.
     */
    public record Stats(long fsyncs, long compactions, long longestCompactionPauseMicros, long journalBytes) {
        public static final Stats NONE = new Stats(0, 0, 0, 0);
    }

    /** {@link Stats} of this run's journal; {@link Stats#NONE} in memory. */
    public Stats stats() {
        if (journal == null) {
            return Stats.NONE;
        }
        long bytes;
        try {
            bytes = java.nio.file.Files.size(journal.dir().resolve(Journal.FILE));
        } catch (java.io.IOException e) {
            bytes = -1;
        }
        return new Stats(journal.fsyncs(), journal.compactions(), journal.longestCompactionPauseMicros(), bytes);
    }

    /** Whether changes are recorded. */
    public boolean enabled() {
        return journal != null;
    }

    /** The state directory, or null in memory. */
    public Path dir() {
        return journal == null ? null : journal.dir();
    }

    /** How many runs this state has seen, this one included (0 in memory, 1 for a new directory). */
    public long generation() {
        return restored.generation();
    }

    /** Whether the directory held the state of an earlier run. */
    public boolean restoredState() {
        return restored.size() > 1; // more than the run counter
    }

    /** The clock's start: the time the last run recorded, when later than {@code start} (time never goes back). */
    Instant resumeTime(Instant start) {
        StateLog.Entry t = restored.get("clock");
        if (t == null) {
            return start;
        }
        long at = t.value().path("millis").asLong();
        return at > start.toEpochMilli() ? Instant.ofEpochMilli(at) : start;
    }

    /**
     * Waits until every change recorded so far is on disk, as the endpoint does before each answer
     * (for in-process callers and tests that stand where a client would); nothing to wait for in memory.
     */
    public void awaitDurable() {
        if (journal != null) {
            journal.awaitDurable();
        }
    }

    /** The endpoint names the caller of the request on this thread (its SigV4 access key id). */
    void caller(String accessKeyId) {
        if (journal != null) {
            caller.set(accessKeyId);
        }
    }

    /**
     * The API as the endpoint serves it: durable, an answer goes out only once every change made
     * before it is fsynced. Calls from the cloud's own functions are not waited for: their caller
     * dies with this process, and the journal's order alone keeps what they did consistent with what
     * the execution that invoked them recorded afterwards.
     */
    AwsService acknowledged(AwsService service) {
        if (journal == null) {
            return service;
        }
        return new dev.gbo.local.core.ForwardingAwsService(service) {
            @Override
            public JsonNode call(String operation, JsonNode input, RequestContext context) {
                try {
                    return delegate.call(operation, input, context);
                } finally {
                    String key = caller.get();
                    caller.remove();
                    if (lambda == null || !lambda.isFunctionKey(key)) {
                        try {
                            journal.awaitDurable();
                        } catch (RuntimeException e) {
                            throw AwsException.internal("InternalFailure", e.getMessage());
                        }
                    }
                }
            }
        };
    }

    /** Hands every store what the last run recorded and the journal for what comes; the clock's random starts apart from earlier runs'. */
    void restore(SimClock clock, long seed, S3Service s3, LogsService logs, EventBridgeService events,
            StepFunctionsService states, BatchStore batch, Fleet fleet, LambdaService lambda) {
        this.lambda = lambda;
        if (journal == null) {
            return;
        }
        if (restored.generation() > 1) {
            clock.random().setSeed(seed ^ (restored.generation() * 0x9E3779B97F4A7C15L));
        }
        s3.durable(journal, restored);
        logs.durable(journal, restored);
        events.durable(journal, restored);
        states.durable(journal, restored);
        batch.durable(journal, restored);
        this.states = states;
        this.events = events;
        this.batch = batch;
        this.fleet = fleet;
        journal.clock(clock::millis);
    }

    /** Sets the restored in-flight work going (once). */
    synchronized Resumed resume() {
        if (resumed != null) {
            return resumed;
        }
        if (journal == null || !restoredState()) {
            resumed = Resumed.NOTHING;
            return resumed;
        }
        int jobs = batch.resume(fleet);
        int executions = states.resume();
        int deliveries = events.resume(restored);
        resumed = new Resumed(executions, jobs, deliveries);
        return resumed;
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
