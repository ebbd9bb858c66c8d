package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One TestState run: the engine executes the tested state in a frame of its own ({@link Interpreter#enter})
 * with this probe attached, and the probe stops it where the state ends instead of transitioning. It
 * records the data-flow steps ({@code inspectionData}) and the outcome as TestState reports it: SUCCEEDED
 * (with {@code nextState} unless the state ends the machine), CAUGHT_ERROR (a Catcher's output and Next),
 * RETRIABLE (a Retrier would run the state again: no retry happens, {@code nextState} is the state
 * itself) or FAILED. Touched on the clock's driver thread only; the API thread waits on {@link #result}.
 */
final class StateProbe {

    /** A Task's mock: the integration is not called. */
    private final MockConfig.Response mock;
    /** stateConfiguration.retrierRetryCount: the attempts already made by the matching Retrier. */
    private final int retryCount;
    final ObjectNode inspection = Json.object();
    final ObjectNode errorDetails = Json.object();
    final CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    private StateRun run;
    private StatesError caught;
    private Interpreter interp;

    StateProbe(MockConfig.Response mock, int retryCount) {
        this.mock = mock;
        this.retryCount = retryCount;
    }

    /** Runs {@code state} of {@code machine} with {@code input} as the only state of a frame of {@code e}. */
    void start(Interpreter interp, Execution e, Asl.Machine machine, String state, JsonNode input) {
        this.interp = interp;
        Interpreter.Frame f = interp.new Frame(e, e.root, machine, new Interpreter.Outcome() {
            @Override
            public void succeeded(JsonNode output) {
                exited(output, null);
            }

            @Override
            public void failed(StatesError error) {
                end("FAILED", null, null, error);
            }
        }, 1);
        f.probe = this;
        inspection.put("input", Json.write(input));
        interp.clock().submit("sfn test state " + state, () -> interp.enter(f, state, input));
    }

    MockConfig.Response mock() {
        return mock;
    }

    /** Called when the state is entered: applies the retry count, runs a mocked Parallel or Map (true: handled here). */
    boolean handled(StateRun r) {
        this.run = r;
        Arrays.fill(r.retrierAttempts, retryCount);
        r.retryCount = retryCount;
        if (mock == null || !(r.s instanceof Asl.Parallel || r.s instanceof Asl.Map)) {
            return false;
        }
        JsonNode eff = DataFlow.inputPath(r, r.input);
        r.inspect("afterInputPath", eff);
        if (mock.throwsError()) {
            interp.fail(r, new StatesError(mock.error(), mock.cause()));
        } else {
            interp.finish(r, mock.returned().deepCopy(), r.context(null, null));
        }
        return true;
    }

    void inspect(String step, JsonNode value) {
        inspection.put(step, Json.write(value));
    }

    void retriable(StatesError err, int retrier, double delaySeconds) {
        errorDetails.put("retryIndex", retrier);
        errorDetails.put("retryBackoffIntervalSeconds", (int) Math.round(delaySeconds));
        end("RETRIABLE", null, run == null ? null : run.s.name(), err);
    }

    void caught(StatesError err, int catcher) {
        errorDetails.put("catchIndex", catcher);
        this.caught = err;
    }

    void exited(JsonNode output, String next) {
        end(caught != null ? "CAUGHT_ERROR" : "SUCCEEDED", output, next, caught);
    }

    private void end(String status, JsonNode output, String next, StatesError error) {
        if (run != null && !run.f.vars.visible().isEmpty()) {
            ObjectNode vars = Json.object();
            run.f.vars.visible().forEach(vars::set);
            inspection.put("variables", Json.write(vars));
        }
        ObjectNode out = Json.object();
        out.put("status", status);
        if (output != null) {
            out.put("output", Json.write(output));
        }
        if (next != null) {
            out.put("nextState", next);
        }
        if (error != null) {
            if (error.error() != null) {
                out.put("error", error.error());
            }
            if (error.causeText() != null) {
                out.put("cause", error.causeText());
            }
        }
        result.complete(out);
    }
}
