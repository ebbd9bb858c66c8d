package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.time.Duration;

/**
 * Error handling of Task, Parallel and Map states: the first Retrier whose ErrorEquals matches
 * schedules another attempt after its interval (backoff, MaxDelaySeconds, full jitter from the
 * clock's seeded random) until its MaxAttempts; then the first matching Catcher puts the error
 * object at its ResultPath and transitions to its Next; otherwise, and for terminal errors or
 * other state types, the error fails the frame.
 */
final class RetryCatch {

    private final Interpreter interp;
    private final SimClock clock;

    RetryCatch(Interpreter interp, SimClock clock) {
        this.interp = interp;
        this.clock = clock;
    }

    /** Whether {@link #fail} will retry {@code err} (a Retrier matches and has attempts left); changes nothing. */
    boolean willRetry(StateRun r, StatesError err) {
        if (err.terminal() || r.f.probe != null) {
            return false;
        }
        for (int i = 0; i < r.s.errors().retry().size(); i++) {
            Asl.Retrier rt = r.s.errors().retry().get(i);
            if (rt.errorEquals().stream().anyMatch(err::matches)) {
                return r.retrierAttempts[i] < rt.maxAttempts();
            }
        }
        return false;
    }

    /** Retry, then Catch, then failure of the frame. */
    void fail(StateRun r, StatesError err) {
        if (!r.f.active()) {
            return;
        }
        if (JsonataStates.evaluatedHere(r, err)
                && r.f.event("EvaluationFailed", "evaluationFailedEventDetails", JsonataStates.evaluationFailed(r, err)) < 0) {
            return;
        }
        boolean handles = r.s instanceof Asl.Task || r.s instanceof Asl.Parallel || r.s instanceof Asl.Map;
        if (handles && !err.terminal()) {
            for (int i = 0; i < r.s.errors().retry().size(); i++) {
                Asl.Retrier rt = r.s.errors().retry().get(i);
                if (rt.errorEquals().stream().anyMatch(err::matches)) {
                    int n = r.retrierAttempts[i];
                    if (n < rt.maxAttempts()) {
                        double delay = rt.intervalSeconds() * Math.pow(rt.backoffRate(), n);
                        if (rt.maxDelaySeconds() != null) {
                            delay = Math.min(delay, rt.maxDelaySeconds());
                        }
                        if (r.f.probe != null) {
                            r.f.probe.retriable(err, i, delay);
                            return;
                        }
                        if (rt.fullJitter()) {
                            delay = delay * clock.random().nextDouble();
                        }
                        r.retrierAttempts[i]++;
                        r.retryCount++;
                        r.f.schedule(Duration.ofMillis(Math.round(delay * 1000)), "sfn retry " + r.s.name(), () -> interp.retry(r));
                        return;
                    }
                    break;
                }
            }
            for (int i = 0; i < r.s.errors().catchers().size(); i++) {
                Asl.Catcher c = r.s.errors().catchers().get(i);
                if (c.errorEquals().stream().anyMatch(err::matches)) {
                    if (r.f.probe != null) {
                        r.f.probe.caught(err, i);
                    }
                    ObjectNode eo = Json.object();
                    eo.put("Error", err.error());
                    if (err.causeText() != null) {
                        eo.put("Cause", err.causeText());
                    }
                    JsonNode out;
                    try {
                        out = JsonataStates.caught(r, i, eo);
                    } catch (StatesError e) {
                        r.f.done.failed(r.wrap(e));
                        return;
                    }
                    interp.exit(r, out, c.next());
                    return;
                }
            }
        }
        r.f.done.failed(err);
    }
}
