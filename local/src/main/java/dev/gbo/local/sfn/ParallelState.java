package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.Frame;
import dev.gbo.local.sfn.Interpreter.Outcome;
import dev.gbo.local.sfn.Interpreter.StateRun;

/**
 * Executes a Parallel state: every branch runs as its own frame in a child scope of the state's
 * frame, started on the clock in branch order; the first failure cancels the others and fails the
 * state (ParallelStateFailed), and when all succeed their outputs, in branch order, go through
 * ResultSelector/ResultPath/OutputPath (ParallelStateSucceeded).
 */
final class ParallelState {

    private final Interpreter interp;

    ParallelState(Interpreter interp) {
        this.interp = interp;
    }

    /** How one branch goes on after a restart: done with its output, or started by {@code start} on its new frame. */
    record BranchPlan(JsonNode output, java.util.function.Consumer<Frame> start, long last) {
    }

    void run(StateRun r) {
        JsonNode eff = DataFlow.inputPath(r, r.input);
        ObjectNode ctx = r.context(null, null);
        JsonNode in = r.s.q().jsonata ? JsonataStates.arguments(r, ctx) : r.s.paths().parameters() != null ? r.s.paths().parameters().eval(r.env(eff, ctx)) : eff;
        if (r.f.event("ParallelStateStarted", null, null) < 0) {
            return;
        }
        branches(r, ctx, in, null);
    }

    /** Resumes a Parallel state whose ParallelStateStarted is recorded: each branch as its plan says. */
    void resume(StateRun r, java.util.List<BranchPlan> plans) {
        branches(r, r.context(null, null), null, plans);
    }

    private void branches(StateRun r, ObjectNode ctx, JsonNode in, java.util.List<BranchPlan> plans) {
        Execution.Scope ps = r.f.scope.child();
        r.child = ps;
        int n = r.asParallel().branches().size();
        JsonNode[] results = new JsonNode[n];
        int[] remaining = {n};
        boolean[] over = {false};
        long startedId = r.f.last;
        for (int i = 0; i < n; i++) {
            int idx = i;
            Asl.Machine branch = r.asParallel().branches().get(i);
            Execution.Scope bs = ps.child();
            Frame[] self = new Frame[1];
            Frame frame = interp.new Frame(r.f.exec, bs, branch, new Outcome() {
                @Override
                public void succeeded(JsonNode output) {
                    if (over[0]) {
                        return;
                    }
                    results[idx] = output;
                    if (--remaining[0] == 0) {
                        over[0] = true;
                        ps.cancel();
                        // AWS: ParallelStateSucceeded and ParallelStateExited both link to the branch's last event
                        r.f.prev = self[0].prev;
                        if (r.f.event("ParallelStateSucceeded", null, null, r.f.prev, false) < 0) {
                            return;
                        }
                        ArrayNode arr = Json.array();
                        for (JsonNode x : results) {
                            arr.add(x);
                        }
                        interp.finish(r, arr, ctx);
                    }
                }

                @Override
                public void failed(StatesError error) {
                    if (over[0]) {
                        return;
                    }
                    over[0] = true;
                    ps.cancel();
                    // AWS: ParallelStateFailed links to the failed branch's last event
                    if (r.f.event("ParallelStateFailed", null, null, self[0].prev, true) < 0) {
                        return;
                    }
                    interp.fail(r, error);
                }
            }, startedId);
            self[0] = frame;
            frame.path = r.f.path + "/" + r.s.name() + "#" + i;
            frame.vars = r.f.vars.child();
            if (plans == null) {
                frame.submit("sfn branch " + i, () -> interp.enter(frame, branch.startAt, in));
            } else if (plans.get(i).start() != null) {
                frame.last = plans.get(i).last();
                frame.prev = frame.last;
                frame.submit("sfn resume branch " + i, () -> plans.get(idx).start().accept(frame));
            } else {
                JsonNode out = plans.get(i).output();
                frame.submit("sfn resumed branch " + i + " done", () -> frame.done.succeeded(out));
            }
        }
    }
}
