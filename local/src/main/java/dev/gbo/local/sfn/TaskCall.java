package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.sfn.Interpreter.Frame;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt of a Task: from TaskScheduled to TaskSucceeded/Failed/TimedOut. Whoever claims it first
 * (an integration result, SendTask*, a timeout, the frame going away) decides how it ends.
 */
final class TaskCall {

    private final Interpreter interp;
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

    TaskCall(Interpreter interp, StateRun r, String token, ObjectNode ctx) {
        this.interp = interp;
        this.r = r;
        this.res = r.s instanceof Asl.Task t ? t.resource() : null; // null for the distributed Map's guard
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
            interp.tokens().retire(token);
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
        if (!TaskHistory.succeeded(r, res, result)) {
            return;
        }
        interp.finish(r, result, ctx);
    }

    void completeFailure(String error, String cause) {
        settle();
        if (!r.f.active()) {
            return;
        }
        if (!TaskHistory.failed(r, res, error, cause)) {
            return;
        }
        interp.fail(r, new StatesError(error, cause));
    }

    /** TaskSubmitted: the integration accepted the work; the result comes later. */
    void submitted(JsonNode output) {
        if (!r.f.active()) {
            return;
        }
        TaskHistory.submitted(r, res, output);
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
        String cause = error.equals(StatesError.HEARTBEAT_TIMEOUT)
                ? "The task did not send a heartbeat within HeartbeatSeconds (" + heartbeatSeconds + " s)."
                : "The task did not complete within TimeoutSeconds.";
        if (!TaskHistory.timedOut(r, res, error, cause)) {
            return;
        }
        interp.fail(r, new StatesError(error, cause));
    }

    /** SendTaskHeartbeat: restarts the HeartbeatSeconds timer (driver thread). */
    void heartbeat() {
        if (isClaimed() || heartbeatSeconds == null) {
            return;
        }
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel();
        }
        heartbeatTimer = interp.clock().schedule(Duration.ofSeconds(heartbeatSeconds), "sfn heartbeat " + r.s.name(),
                () -> timedOut(StatesError.HEARTBEAT_TIMEOUT));
    }

    /** Runs {@code action} on the driver later while this attempt is still open. */
    SimClock.Scheduled later(Duration delay, String label, Runnable action) {
        return interp.clock().schedule(delay, label, () -> {
            if (!isClaimed() && r.f.active()) {
                action.run();
            }
        });
    }
}
