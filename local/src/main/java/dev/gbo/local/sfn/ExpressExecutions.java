package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executions with EXPRESS semantics, on the same interpreter as STANDARD ones: ARN
 * {@code arn:aws:states:<region>:<account>:express:<stateMachine>:<name>:<id>}, not stored (no
 * DescribeExecution, GetExecutionHistory, ListExecutions, StopExecution; names are not reserved, no
 * idempotency), not durable, no "Execution Status Change" events, the 5-minute maximum duration on the
 * cloud's clock (then TIMED_OUT with States.Timeout), observable through the state machine's logging
 * configuration ({@link ExecutionLogging}).
 *
 * <p>The reusable entry point is {@link #start}: it returns a {@link Run} whose {@code done} future
 * completes (on the clock's driver thread) with the closed execution. StartExecution and
 * StartSyncExecution use it; so can anything that runs child executions with Express semantics (a
 * distributed Map's EXPRESS children): on the driver, chain on {@code done}; on another thread,
 * {@link #await} it.
 */
final class ExpressExecutions {

    /** The maximum duration of an EXPRESS execution. */
    static final Duration MAX_DURATION = Duration.ofMinutes(5);
    static final String TIMEOUT_CAUSE = "The execution timed out after 300 seconds, the maximum duration of an EXPRESS workflow.";
    /** Longest an API thread waits in wall time for a run (MANUAL and VIRTUAL finish far sooner; REAL_TIME takes 5 minutes at most at speed 1). */
    private static final Duration WALL_LIMIT = Duration.ofMinutes(15);

    private final SimClock clock;
    private final Interpreter interpreter;
    private final ExecutionLogging logging;
    private final Map<String, Run> running = new ConcurrentHashMap<>();

    ExpressExecutions(SimClock clock, Interpreter interpreter, ExecutionLogging logging) {
        this.clock = clock;
        this.interpreter = interpreter;
        this.logging = logging;
    }

    /** The delivery of executions' events to CloudWatch Logs (STANDARD executions use it too). */
    ExecutionLogging logging() {
        return logging;
    }

    /** One EXPRESS execution under way; {@code done} completes with it once closed. */
    static final class Run {
        final Execution execution;
        final CompletableFuture<Execution> done = new CompletableFuture<>();
        private SimClock.Scheduled timer; // driver thread only

        Run(Execution execution) {
            this.execution = execution;
        }
    }

    /**
     * Starts an EXPRESS execution of {@code rec} (an EXPRESS state machine): {@code name} null draws a
     * UUID; {@code testCase} is a mock test case or null. Callable from any thread; the execution's first
     * step and its 5-minute timer are scheduled from the driver.
     */
    Run start(StateMachineRecord rec, String name, String input, JsonNode inputNode, String testCase) {
        String execName = name != null ? name : uuid();
        String arn = "arn:aws:states:" + rec.region() + ":" + rec.accountId() + ":express:" + rec.name() + ":" + execName + ":" + uuid();
        Execution e = new Execution(arn, execName, rec, input, inputNode, clock.now(), testCase);
        logging.attach(e);
        ObjectNode d = Json.object();
        d.put("input", input);
        d.putObject("inputDetails").put("truncated", false);
        d.put("roleArn", rec.roleArn());
        e.add(e.startDate, "ExecutionStarted", 0, "executionStartedEventDetails", d);
        Run run = new Run(e);
        running.put(e.arn, run);
        clock.submit("sfn express start " + execName, () -> {
            if (!e.open()) {
                return;
            }
            run.timer = clock.schedule(MAX_DURATION, "sfn express timeout " + execName, () -> timedOut(e));
            interpreter.start(e);
        });
        return run;
    }

    /** The completion of the running EXPRESS execution {@code arn}; null when there is none (another type, or ended). */
    CompletableFuture<Execution> done(String arn) {
        Run run = running.get(arn);
        return run == null ? null : run.done;
    }

    private String uuid() {
        return new UUID(clock.random().nextLong(), clock.random().nextLong()).toString();
    }

    private void timedOut(Execution e) {
        ObjectNode d = Json.object();
        d.put("error", StatesError.TIMEOUT);
        d.put("cause", TIMEOUT_CAUSE);
        if (e.close(clock.now(), "TIMED_OUT", "ExecutionTimedOut", e.eventCount(), "executionTimedOutEventDetails", d,
                null, StatesError.TIMEOUT, TIMEOUT_CAUSE)) {
            interpreter.cleanup(e);
        }
    }

    /**
     * The interpreter closed {@code e}: puts its last log events, and for an EXPRESS execution cancels
     * its 5-minute timer and completes its run. Returns whether it was EXPRESS (then nothing else is due:
     * no status-change event, no store bookkeeping).
     */
    boolean closed(Execution e) {
        ExecutionLogging.flush(e);
        if (!e.express) {
            return false;
        }
        Run run = running.remove(e.arn);
        if (run != null) {
            Runnable cancel = () -> {
                if (run.timer != null) {
                    run.timer.cancel();
                }
            };
            if (clock.onDriverThread()) {
                cancel.run();
            } else {
                clock.submit("sfn express end " + e.name, cancel);
            }
            run.done.complete(e);
        }
        return true;
    }

    /**
     * Waits (not on the driver thread) until {@code run} has closed and returns its execution. On a MANUAL
     * clock the wait moves time from task to task ({@link SimClock#advanceUntil}), at most to the
     * execution's 5-minute limit; VIRTUAL moves on its own (the execution's tasks and timer are pending
     * work); REAL_TIME waits.
     */
    Execution await(Run run) {
        if (clock.onDriverThread()) {
            throw new IllegalStateException("an EXPRESS run cannot be awaited on the clock's driver: chain on Run.done");
        }
        if (clock.mode() == SimClock.Mode.MANUAL) {
            Instant limit = run.execution.startDate.plus(MAX_DURATION).plusMillis(1);
            clock.advanceUntil(run.done::isDone, limit);
        }
        try {
            return run.done.get(WALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            throw new AwsException("ServiceUnavailable", 503, "The EXPRESS execution '" + run.execution.arn
                    + "' did not end within " + WALL_LIMIT.toMinutes() + " minutes of wall time.");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AwsException("ServiceUnavailable", 503, "StartSyncExecution was interrupted.");
        } catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }
}
