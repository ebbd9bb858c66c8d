package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.time.Duration;

/**
 * Starts one attempt of a Task state: Parameters, TimeoutSeconds/HeartbeatSeconds (or their
 * paths), the task token for {@code .waitForTaskToken}, the LambdaFunctionScheduled/Started or
 * TaskScheduled/Started events, the timeout and heartbeat timers, and then either the mocked
 * response of the execution's test case or the service integration ({@link Integrations}). The
 * attempt itself ({@link TaskCall}) decides how it ends.
 */
final class TaskStates {

    private final Interpreter interp;
    private final SimClock clock;
    private final Integrations integrations;
    private final Tokens tokens;
    private final Interpreter.MockConfigSource mocks;
    private final String region;

    TaskStates(Interpreter interp, SimClock clock, Integrations integrations, Tokens tokens,
            Interpreter.MockConfigSource mocks, String region) {
        this.interp = interp;
        this.clock = clock;
        this.integrations = integrations;
        this.tokens = tokens;
        this.mocks = mocks;
        this.region = region;
    }

    void attempt(StateRun r) {
        Asl.Task s = r.asTask();
        JsonNode eff = DataFlow.inputPath(r, r.input);
        r.inspect("afterInputPath", eff);
        String token = s.resource().waitForTaskToken() ? tokens.issue(r.f.exec, r.f.path, s.name()) : null;
        ObjectNode ctx = r.context(token, null);
        TaskCall call = new TaskCall(interp, r, token, ctx);
        JsonNode params;
        Integer timeout;
        Integer heartbeat;
        try {
            params = s.q().jsonata ? JsonataStates.arguments(r, ctx) : s.paths().parameters() != null ? s.paths().parameters().eval(r.env(eff, ctx)) : eff;
            timeout = s.q().jsonata ? JsonataStates.taskSeconds(r, s.q().timeoutSeconds, "TimeoutSeconds", ctx)
                    : s.timeoutSecondsPath() != null ? Integer.valueOf(DataFlow.intFromPath(r, s.timeoutSecondsPath(), eff, "TimeoutSecondsPath", 1))
                    : s.timeoutSeconds();
            heartbeat = s.q().jsonata ? JsonataStates.taskSeconds(r, s.q().heartbeatSeconds, "HeartbeatSeconds", ctx)
                    : s.heartbeatSecondsPath() != null
                    ? Integer.valueOf(DataFlow.intFromPath(r, s.heartbeatSecondsPath(), eff, "HeartbeatSecondsPath", 1))
                    : s.heartbeatSeconds();
        } catch (StatesError e) {
            if (token != null) {
                tokens.retire(token);
            }
            throw e;
        }
        r.inspect(s.q().jsonata ? "afterArguments" : "afterParameters", params);
        if (token != null) {
            tokens.register(token, call);
        }
        call.heartbeatSeconds = heartbeat;
        r.f.scope.track(call);
        Asl.Resource res = s.resource();
        if (!TaskHistory.started(r, res, params, timeout, heartbeat, region)) {
            return;
        }
        if (timeout != null) {
            call.timeoutTimer = clock.schedule(Duration.ofSeconds(timeout), "sfn timeout " + s.name(),
                    () -> call.timedOut(StatesError.TIMEOUT));
        }
        if (heartbeat != null && (res.waitForTaskToken() || res.sync())) {
            call.heartbeat();
        }
        String key = s.name();
        Execution e = r.f.exec;
        MockConfig.Response mock = null;
        if (r.f.probe != null) {
            mock = r.f.probe.mock();
        } else if (e.testCase != null) {
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
}
