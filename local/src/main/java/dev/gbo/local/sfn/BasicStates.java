package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Executes the states that call nothing outside the engine: Pass (Result or Parameters into
 * ResultPath), Choice (the first matching rule, else Default, else States.NoChoiceMatched), Wait
 * (Seconds, Timestamp or their paths, as a clock task on the state's frame) and Fail (Error/Cause,
 * or ErrorPath/CausePath evaluated as intrinsics). Each hands its output to
 * {@link Interpreter#exit} or fails the frame.
 */
final class BasicStates {

    private final Interpreter interp;
    private final SimClock clock;

    BasicStates(Interpreter interp, SimClock clock) {
        this.interp = interp;
        this.clock = clock;
    }

    void pass(StateRun r) {
        if (r.s.q().jsonata) {
            JsonataStates.pass(interp, r);
            return;
        }
        Asl.Pass p = r.asPass();
        JsonNode eff = DataFlow.inputPath(r, r.input);
        r.inspect("afterInputPath", eff);
        JsonNode result;
        if (p.result() != null) {
            result = p.result().deepCopy();
        } else if (r.s.paths().parameters() != null) {
            result = r.s.paths().parameters().eval(r.env(eff, r.context(null, null)));
        } else {
            result = eff;
        }
        r.inspect("afterParameters", result);
        JsonataStates.assignPath(r, result, null);
        JsonNode after = DataFlow.resultPath(r, r.s.paths().resultPath(), r.input, result);
        r.inspect("afterResultPath", after);
        JsonNode out = DataFlow.outputPath(r, after);
        interp.exit(r, out, null);
    }

    void choice(StateRun r) {
        if (r.s.q().jsonata) {
            JsonataStates.choice(interp, r);
            return;
        }
        Asl.Choice c = r.asChoice();
        JsonNode eff = DataFlow.inputPath(r, r.input);
        r.inspect("afterInputPath", eff);
        ObjectNode ctx = r.context(null, null);
        for (int i = 0; i < c.choices().size(); i++) {
            Asl.ChoiceRule rule = c.choices().get(i);
            if (Choices.matches(rule, eff, ctx, r.f.vars)) {
                QueryFields.Rule qr = r.s.q().rule(i);
                if (qr != null && qr.assign() != null) {
                    JsonataStates.assign(r, qr.assign(), null, eff, ctx);
                }
                interp.exit(r, DataFlow.outputPath(r, eff), rule.next);
                return;
            }
        }
        if (c.defaultNext() != null) {
            JsonataStates.assignPath(r, eff, ctx);
            interp.exit(r, DataFlow.outputPath(r, eff), c.defaultNext());
            return;
        }
        throw new StatesError(StatesError.NO_CHOICE, "No Choice Rule matched and no Default is specified in the Choice state '"
                + r.s.name() + "'.");
    }

    void waitState(StateRun r) {
        if (r.s.q().jsonata) {
            JsonataStates.waitState(interp, r);
            return;
        }
        Asl.Wait w = r.asWait();
        JsonNode eff = DataFlow.inputPath(r, r.input);
        r.inspect("afterInputPath", eff);
        Instant until;
        Instant now = clock.now();
        if (w.seconds() != null) {
            until = now.plusSeconds(w.seconds());
        } else if (w.timestamp() != null) {
            until = Asl.timestamp(w.timestamp()).toInstant();
        } else if (w.secondsPath() != null) {
            JsonNode v = DataFlow.read(r, w.secondsPath(), eff, "SecondsPath");
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw r.error(StatesError.RUNTIME, "The SecondsPath parameter cannot be parsed as a long value: "
                        + DataFlow.assignment(w.secondsPath(), v));
            }
            if (v.asLong() < 0) {
                throw r.error(StatesError.RUNTIME, "The SecondsPath parameter references a negative value: "
                        + DataFlow.assignment(w.secondsPath(), v));
            }
            until = now.plusSeconds(v.asLong());
        } else {
            JsonNode v = DataFlow.read(r, w.timestampPath(), eff, "TimestampPath");
            OffsetDateTime t = v.isTextual() ? Asl.timestamp(v.asText()) : null;
            if (t == null) {
                throw r.error(StatesError.RUNTIME, "The TimestampPath parameter does not reference a valid ISO-8601 extended "
                        + "offset date-time format string: " + DataFlow.assignment(w.timestampPath(), v));
            }
            until = t.toInstant();
        }
        JsonNode out = DataFlow.outputPath(r, eff);
        JsonataStates.assignPath(r, eff, null);
        // TestState reports the Wait's outcome without waiting
        Duration delay = r.f.probe != null ? Duration.ZERO : Duration.between(now, until);
        r.f.schedule(delay.isNegative() ? Duration.ZERO : delay, "sfn wait " + r.s.name(), () -> interp.exit(r, out, null));
    }

    void failState(StateRun r) {
        if (r.s.q().jsonata) {
            r.f.done.failed(JsonataStates.fail(r));
            return;
        }
        Asl.Fail fs = r.asFail();
        String error = fs.error();
        String cause = fs.cause();
        ObjectNode ctx = r.context(null, null);
        if (fs.errorPath() != null) {
            error = failField(r, fs.errorPath(), "ErrorPath", ctx);
        }
        if (fs.causePath() != null) {
            cause = failField(r, fs.causePath(), "CausePath", ctx);
        }
        r.f.done.failed(new StatesError(error, cause));
    }

    String failField(StateRun r, Intrinsics.Expr expr, String field, ObjectNode ctx) {
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
}
