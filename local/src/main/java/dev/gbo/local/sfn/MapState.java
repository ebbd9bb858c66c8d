package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.StateRun;

/**
 * Executes an inline Map state: ItemsPath, ItemSelector, MaxConcurrency and the tolerated failure
 * count/percentage (or their paths); each item runs the ItemProcessor as its own frame in a child
 * scope, at most MaxConcurrency at a time, with the MapIteration* events; a failure beyond the
 * tolerance (or a terminal one) aborts the running iterations and fails the state, and the results
 * in item order go through ResultSelector/ResultPath/OutputPath. The run over the items is an
 * {@link InlineMapRun}.
 */
final class MapState {

    private final Interpreter interp;

    MapState(Interpreter interp) {
        this.interp = interp;
    }

    void run(StateRun r) {
        if (r.asMap().distributed() != null) {
            interp.distributed.run(r);
            return;
        }
        run(r, null);
    }

    /**
     * Redrives a Map state whose MapStateStarted is recorded (RedriveExecution): per item index, a plan
     * with an output keeps that iteration's result, a plan with a start goes on with the iteration from
     * where it stood, a null plan starts the iteration afresh; the redriven iterations record
     * MapIterationStarted again. A distributed Map runs again as a new Map Run (Map Run redrive is not served).
     */
    void redrive(StateRun r, java.util.List<ParallelState.BranchPlan> plans) {
        if (r.asMap().distributed() != null) {
            interp.distributed.run(r); // no Map Run redrive: a new Map Run over all the items
            return;
        }
        run(r, plans);
    }

    private void run(StateRun r, java.util.List<ParallelState.BranchPlan> plans) {
        Asl.Map s = r.asMap();
        JsonNode eff = DataFlow.inputPath(r, r.input);
        ObjectNode ctx = r.context(null, null);
        JsonNode items = s.q().jsonata ? JsonataStates.items(r, ctx)
                : s.itemsPath().equals("$") ? eff : DataFlow.read(r, s.itemsPath(), eff, "ItemsPath");
        if (!items.isArray()) {
            throw r.error(StatesError.RUNTIME, "Invalid path '" + s.itemsPath()
                    + "': The ItemsPath field must reference a JSON array; it references " + Json.write(items) + ".");
        }
        int maxConc = s.maxConcurrencyPath() != null ? DataFlow.intFromPath(r, s.maxConcurrencyPath(), eff, "MaxConcurrencyPath", 0)
                : s.maxConcurrency() == null ? 0 : s.maxConcurrency();
        Integer tolCount = s.toleratedFailureCountPath() != null
                ? Integer.valueOf(DataFlow.intFromPath(r, s.toleratedFailureCountPath(), eff, "ToleratedFailureCountPath", 0))
                : s.toleratedFailureCount();
        Double tolPct = s.toleratedFailurePercentage();
        if (s.toleratedFailurePercentagePath() != null) {
            JsonNode v = DataFlow.read(r, s.toleratedFailurePercentagePath(), eff, "ToleratedFailurePercentagePath");
            if (!v.isNumber()) {
                throw r.error(StatesError.RUNTIME, "The ToleratedFailurePercentagePath field refers to value \""
                        + (v.isTextual() ? v.asText() : Json.write(v)) + "\" which is not a valid float: "
                        + s.toleratedFailurePercentagePath());
            }
            if (v.asDouble() < 0 || v.asDouble() > 100) {
                throw r.error(StatesError.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
            }
            tolPct = v.asDouble();
        }
        if (s.q().jsonata) {
            JsonataStates.MapLimits limits = JsonataStates.mapLimits(r, ctx);
            maxConc = limits.maxConcurrency();
            tolCount = limits.toleratedFailureCount();
            tolPct = limits.toleratedFailurePercentage();
        }
        int n = items.size();
        ObjectNode started = Json.object();
        started.put("length", n);
        if (plans == null && r.f.event("MapStateStarted", "mapStateStartedEventDetails", started) < 0) {
            return;
        }
        if (n == 0) {
            if (r.f.event("MapStateSucceeded", null, null, r.f.prev, false) < 0) {
                return;
            }
            interp.finish(r, Json.array(), ctx);
            return;
        }
        Execution.Scope ms = r.f.scope.child();
        r.child = ms;
        InlineMapRun run = new InlineMapRun(interp, r, ms, items, eff, ctx, maxConc, tolCount, tolPct);
        if (plans == null) {
            run.launch();
        } else {
            run.redrive(plans);
        }
    }
}
