package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.Frame;
import dev.gbo.local.sfn.Interpreter.Outcome;
import dev.gbo.local.sfn.Interpreter.StateRun;

/**
 * Executes an inline Map state: ItemsPath, ItemSelector, MaxConcurrency and the tolerated failure
 * count/percentage (or their paths); each item runs the ItemProcessor as its own frame in a child
 * scope, at most MaxConcurrency at a time, with the MapIteration* events; a failure beyond the
 * tolerance (or a terminal one) aborts the running iterations and fails the state, and the results
 * in item order go through ResultSelector/ResultPath/OutputPath.
 */
final class MapState {

    private final Interpreter interp;

    MapState(Interpreter interp) {
        this.interp = interp;
    }

    void run(StateRun r) {
        if (r.s.distributed != null) {
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
        if (r.s.distributed != null) {
            interp.distributed.run(r); // no Map Run redrive: a new Map Run over all the items
            return;
        }
        run(r, plans);
    }

    private void run(StateRun r, java.util.List<ParallelState.BranchPlan> plans) {
        Asl.State s = r.s;
        JsonNode eff = DataFlow.inputPath(r, r.input);
        ObjectNode ctx = r.context(null, null);
        JsonNode items = s.q.jsonata ? JsonataStates.items(r, ctx)
                : s.itemsPath.equals("$") ? eff : DataFlow.read(r, s.itemsPath, eff, "ItemsPath");
        if (!items.isArray()) {
            throw r.error(StatesError.RUNTIME, "Invalid path '" + s.itemsPath
                    + "': The ItemsPath field must reference a JSON array; it references " + Json.write(items) + ".");
        }
        int maxConc = s.maxConcurrencyPath != null ? DataFlow.intFromPath(r, s.maxConcurrencyPath, eff, "MaxConcurrencyPath", 0)
                : s.maxConcurrency == null ? 0 : s.maxConcurrency;
        Integer tolCount = s.toleratedFailureCountPath != null
                ? Integer.valueOf(DataFlow.intFromPath(r, s.toleratedFailureCountPath, eff, "ToleratedFailureCountPath", 0))
                : s.toleratedFailureCount;
        Double tolPct = s.toleratedFailurePercentage;
        if (s.toleratedFailurePercentagePath != null) {
            JsonNode v = DataFlow.read(r, s.toleratedFailurePercentagePath, eff, "ToleratedFailurePercentagePath");
            if (!v.isNumber()) {
                throw r.error(StatesError.RUNTIME, "The ToleratedFailurePercentagePath field refers to value \""
                        + (v.isTextual() ? v.asText() : Json.write(v)) + "\" which is not a valid float: "
                        + s.toleratedFailurePercentagePath);
            }
            if (v.asDouble() < 0 || v.asDouble() > 100) {
                throw r.error(StatesError.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
            }
            tolPct = v.asDouble();
        }
        if (s.q.jsonata) {
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
        MapRun run = new MapRun(r, ms, items, eff, ctx, maxConc, tolCount, tolPct);
        if (plans == null) {
            run.launch();
        } else {
            run.redrive(plans);
        }
    }

    /** One run of a Map state over its items: launching, counting and tolerating iterations. */
    private final class MapRun {
        final StateRun r;
        final Execution.Scope ms;
        final JsonNode items;
        final JsonNode eff;
        final ObjectNode ctx;
        final int maxConc;
        final Integer tolCount;
        final Double tolPct;
        final JsonNode[] results;
        final boolean[] running;
        /** Redrive only: how each iteration goes on (see {@link MapState#redrive}). */
        java.util.List<ParallelState.BranchPlan> plans;
        int next;
        int active;
        int completed;
        int failures;
        boolean over;
        /**
         * AWS's linkage: the next MapIterationStarted links to the last event of the iteration that ended last
         * (MapStateStarted at first), MapStateFailed to the failed iteration's last event, MapStateSucceeded and
         * MapStateExited to the last MapIterationSucceeded.
         */
        long link;
        long lastDone;

        MapRun(StateRun r, Execution.Scope ms, JsonNode items, JsonNode eff, ObjectNode ctx, int maxConc, Integer tolCount,
                Double tolPct) {
            this.r = r;
            this.ms = ms;
            this.items = items;
            this.eff = eff;
            this.ctx = ctx;
            this.maxConc = maxConc;
            this.tolCount = tolCount;
            this.tolPct = tolPct;
            this.results = new JsonNode[items.size()];
            this.running = new boolean[items.size()];
            this.link = r.f.prev;
            this.lastDone = r.f.prev;
        }

        /** Hands on the iterations MaxConcurrency allows; each starts in turn, depth first ({@link Interpreter#soon}). */
        void launch() {
            while (!over && next < items.size() && (maxConc == 0 || active < maxConc)) {
                int i = next++;
                if (results[i] != null) {
                    continue; // redrive: this iteration's result is kept
                }
                active++;
                r.f.submit("sfn map " + r.s.name + "[" + i + "]", () -> {
                    if (!over) {
                        start(i);
                    }
                });
            }
        }

        void redrive(java.util.List<ParallelState.BranchPlan> plans) {
            this.plans = plans;
            for (int i = 0; i < results.length && i < plans.size(); i++) {
                ParallelState.BranchPlan p = plans.get(i);
                if (p != null && p.start() == null) {
                    results[i] = p.output();
                    completed++;
                }
            }
            progress();
        }

        private ParallelState.BranchPlan plan(int i) {
            return plans == null || i >= plans.size() ? null : plans.get(i);
        }

        ObjectNode iterationDetails(int i) {
            ObjectNode d = Json.object();
            d.put("name", r.s.name);
            d.put("index", i);
            return d;
        }

        void start(int i) {
            JsonNode item = items.get(i);
            JsonNode in;
            if (r.s.q.jsonata) {
                try {
                    in = JsonataStates.itemSelector(r, i, item);
                } catch (StatesError e) {
                    abort(r.wrap(e));
                    return;
                }
            } else if (r.s.itemSelector != null) {
                ObjectNode mi = Json.object();
                mi.put("Index", i);
                mi.set("Value", item);
                try {
                    in = r.s.itemSelector.eval(r.env(eff, r.context(null, mi)));
                } catch (StatesError e) {
                    abort(r.wrap(e));
                    return;
                }
            } else {
                in = item;
            }
            running[i] = true;
            if (r.f.event("MapIterationStarted", "mapIterationStartedEventDetails", iterationDetails(i), link, false) < 0) {
                return;
            }
            Execution.Scope is = ms.child();
            Frame[] self = new Frame[1];
            Frame frame = interp.new Frame(r.f.exec, is, r.s.processor, new Outcome() {
                @Override
                public void succeeded(JsonNode output) {
                    if (over) {
                        return;
                    }
                    running[i] = false;
                    is.cancel();
                    results[i] = output;
                    active--;
                    completed++;
                    link = self[0].prev;
                    lastDone = r.f.event("MapIterationSucceeded", "mapIterationSucceededEventDetails", iterationDetails(i),
                            link, false);
                    if (lastDone < 0) {
                        return;
                    }
                    progress();
                }

                @Override
                public void failed(StatesError error) {
                    if (over) {
                        return;
                    }
                    running[i] = false;
                    is.cancel();
                    active--;
                    completed++;
                    failures++;
                    link = self[0].prev;
                    lastDone = r.f.event("MapIterationFailed", "mapIterationFailedEventDetails", iterationDetails(i), link,
                            false);
                    if (lastDone < 0) {
                        return;
                    }
                    boolean tolerant = tolCount != null || tolPct != null;
                    boolean exceeded = !tolerant
                            || (tolCount != null && failures > tolCount)
                            || (tolPct != null && failures * 100.0 / items.size() > tolPct);
                    if (error.terminal() || exceeded) {
                        abort(error.terminal() || !tolerant ? error
                                : new StatesError(StatesError.TOLERATED,
                                        "The specified tolerated failure threshold was exceeded: " + failures + " of "
                                                + items.size() + " iterations failed (last error " + error.error() + ")."));
                        return;
                    }
                    ObjectNode eo = Json.object();
                    eo.put("Error", error.error());
                    if (error.causeText() != null) {
                        eo.put("Cause", error.causeText());
                    }
                    results[i] = eo;
                    progress();
                }
            }, r.f.last);
            self[0] = frame;
            frame.path = r.f.path + "/" + r.s.name + "[" + i + "]";
            frame.vars = r.f.vars.child();
            ParallelState.BranchPlan p = plan(i);
            if (p != null && p.start() != null) {
                frame.last = p.last(); // a redriven iteration goes on with its own thread
                frame.prev = p.last();
                p.start().accept(frame);
                return;
            }
            interp.enter(frame, r.s.processor.startAt, in);
        }

        void progress() {
            if (completed == items.size()) {
                over = true;
                ms.cancel();
                r.f.prev = lastDone;
                if (r.f.event("MapStateSucceeded", null, null, lastDone, false) < 0) {
                    return;
                }
                ArrayNode arr = Json.array();
                for (JsonNode x : results) {
                    arr.add(x);
                }
                interp.finish(r, arr, ctx);
            } else {
                launch();
            }
        }

        void abort(StatesError error) {
            over = true;
            ms.cancel();
            for (int k = 0; k < running.length; k++) {
                if (running[k]) {
                    running[k] = false;
                    if (r.f.event("MapIterationAborted", "mapIterationAbortedEventDetails", iterationDetails(k), link,
                            false) < 0) {
                        return;
                    }
                }
            }
            // AWS records MapStateFailed only when no Retrier runs the state again; both link to the failed iteration
            if (interp.willRetry(r, error)) {
                r.f.prev = link;
            } else if (r.f.event("MapStateFailed", null, null, link, true) < 0) {
                return;
            }
            interp.fail(r, error);
        }
    }
}
