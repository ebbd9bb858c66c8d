package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.Frame;
import dev.gbo.local.sfn.Interpreter.Outcome;
import dev.gbo.local.sfn.Interpreter.StateRun;

/**
 * One run of an inline Map state over its items: launching, counting and tolerating iterations. Named
 * InlineMapRun because {@link MapRun} is the distributed Map's Map Run (the API resource).
 */
final class InlineMapRun {

    private final Interpreter interp;
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

    InlineMapRun(Interpreter interp, StateRun r, Execution.Scope ms, JsonNode items, JsonNode eff, ObjectNode ctx,
            int maxConc, Integer tolCount, Double tolPct) {
        this.interp = interp;
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
            r.f.submit("sfn map " + r.s.name() + "[" + i + "]", () -> {
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
        d.put("name", r.s.name());
        d.put("index", i);
        return d;
    }

    void start(int i) {
        JsonNode item = items.get(i);
        JsonNode in;
        if (r.s.q().jsonata) {
            try {
                in = JsonataStates.itemSelector(r, i, item);
            } catch (StatesError e) {
                abort(r.wrap(e));
                return;
            }
        } else if (r.asMap().itemSelector() != null) {
            ObjectNode mi = Json.object();
            mi.put("Index", i);
            mi.set("Value", item);
            try {
                in = r.asMap().itemSelector().eval(r.env(eff, r.context(null, mi)));
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
        Frame frame = interp.new Frame(r.f.exec, is, r.asMap().processor(), new Outcome() {
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
        frame.path = r.f.path + "/" + r.s.name() + "[" + i + "]";
        frame.vars = r.f.vars.child();
        ParallelState.BranchPlan p = plan(i);
        if (p != null && p.start() != null) {
            frame.last = p.last(); // a redriven iteration goes on with its own thread
            frame.prev = p.last();
            p.start().accept(frame);
            return;
        }
        interp.enter(frame, r.asMap().processor().startAt, in);
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
