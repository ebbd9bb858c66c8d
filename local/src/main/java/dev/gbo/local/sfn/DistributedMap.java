package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a Map state in Distributed mode as a Map Run: the items (from the ItemReader or ItemsPath,
 * through ItemSelector, in ItemBatcher batches) each run as a child execution of the ItemProcessor,
 * at most MaxConcurrency at a time (10,000 when unset); a child's failure, timeout or abort counts
 * its items as failed, beyond the tolerated count or percentage the map run fails with
 * {@code States.ExceedToleratedFailureThreshold}. The state's result is the children's outputs in
 * item order, or with a ResultWriter the {@code MapRunArn} and {@code ResultWriterDetails} of the
 * files written to S3. Events: MapStateStarted, MapRunStarted, MapRunSucceeded/Failed/Aborted,
 * MapStateSucceeded/Failed. Everything runs on the clock's driver thread; API threads only read the
 * {@link MapRun} and change its configuration (UpdateMapRun).
 */
final class DistributedMap {

    /** Children in flight when MaxConcurrency is unset (or 0). */
    static final int DEFAULT_CONCURRENCY = 10_000;
    static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

    private final Interpreter interp;
    private final SimClock clock;
    private final StepFunctionsStore store;
    private final MapRunStore runs;
    private final MapRunS3 s3;
    private final StatusChanges statusChanges;
    private final String region;
    private final String accountId;

    DistributedMap(Interpreter interp, StepFunctionsStore store, MapRunStore runs, MapRunS3 s3, StatusChanges statusChanges,
            String region, String accountId) {
        this.statusChanges = statusChanges;
        this.interp = interp;
        this.clock = interp.clock();
        this.store = store;
        this.runs = runs;
        this.s3 = s3;
        this.region = region;
        this.accountId = accountId;
    }

    private String uuid() {
        return new UUID(clock.random().nextLong(), clock.random().nextLong()).toString();
    }

    /** Driver thread: a child execution of some map run closed. */
    static void childClosed(Execution e) {
        java.util.function.Consumer<Execution> hook = e.onMapRunChildClosed;
        if (hook != null) {
            hook.accept(e);
        }
    }

    void run(StateRun r) {
        DistributedMapParser.Spec d = r.asMap().distributed();
        Execution parent = r.f.exec;
        JsonNode eff = DataFlow.inputPath(r, r.input);
        ObjectNode ctx = r.context(null, null);
        boolean jsonata = r.s.q().jsonata;
        JsonNode items;
        if (d.readerResource != null) {
            int maxItems = d.maxItemsExpr != null ? JsonataStates.integer(r, d.maxItemsExpr, ctx, "MaxItems", 0, 100_000_000)
                    : d.maxItemsPath != null ? DataFlow.intFromPath(r, d.maxItemsPath, eff, "MaxItemsPath", 0)
                    : d.maxItems == null ? 0 : d.maxItems;
            JsonNode params = jsonata ? JsonataStates.eval(r, d.readerArguments, ctx, "Arguments")
                    : d.readerParameters == null ? Json.object() : d.readerParameters.eval(r.env(eff, ctx));
            if (jsonata && !params.isObject()) {
                throw r.error(Jsonata.QUERY_EVALUATION, "The Arguments field of the ItemReader must evaluate to a JSON object; "
                        + "it returned " + Json.write(params) + ".");
            }
            items = ItemReader.read(s3, parent, d, params, maxItems);
        } else if (jsonata) {
            items = JsonataStates.items(r, ctx);
        } else {
            items = r.asMap().itemsPath().equals("$") ? eff : DataFlow.read(r, r.asMap().itemsPath(), eff, "ItemsPath");
            if (!items.isArray()) {
                throw r.error(StatesError.RUNTIME, "Invalid path '" + r.asMap().itemsPath()
                        + "': The ItemsPath field must reference a JSON array; it references " + Json.write(items) + ".");
            }
        }
        List<JsonNode> selected = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (jsonata) {
                selected.add(JsonataStates.itemSelector(r, i, items.get(i)));
            } else if (r.asMap().itemSelector() == null) {
                selected.add(items.get(i));
            } else {
                ObjectNode mi = Json.object();
                mi.put("Index", i);
                mi.set("Value", items.get(i));
                selected.add(r.asMap().itemSelector().eval(r.env(eff, r.context(null, mi))));
            }
        }
        List<JsonNode> units = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        if (d.batched) {
            batches(r, d, eff, ctx, selected, units, sizes);
        } else {
            for (JsonNode x : selected) {
                units.add(x);
                sizes.add(1);
            }
        }
        int maxConc = r.asMap().maxConcurrencyPath() != null
                ? DataFlow.intFromPath(r, r.asMap().maxConcurrencyPath(), eff, "MaxConcurrencyPath", 0)
                : r.asMap().maxConcurrency() == null ? 0 : r.asMap().maxConcurrency();
        Long tolCount = r.asMap().toleratedFailureCountPath() != null
                ? Long.valueOf(DataFlow.intFromPath(r, r.asMap().toleratedFailureCountPath(), eff, "ToleratedFailureCountPath", 0))
                : r.asMap().toleratedFailureCount() == null ? null : r.asMap().toleratedFailureCount().longValue();
        Float tolPct = r.asMap().toleratedFailurePercentage() == null ? null : r.asMap().toleratedFailurePercentage().floatValue();
        if (r.asMap().toleratedFailurePercentagePath() != null) {
            JsonNode v = DataFlow.read(r, r.asMap().toleratedFailurePercentagePath(), eff, "ToleratedFailurePercentagePath");
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
                throw r.error(StatesError.RUNTIME, "ToleratedFailurePercentagePath must reference a number from 0 to 100: "
                        + Json.write(v));
            }
            tolPct = (float) v.asDouble();
        }
        if (jsonata) {
            JsonataStates.MapLimits limits = JsonataStates.mapLimits(r, ctx);
            maxConc = limits.maxConcurrency();
            tolCount = limits.toleratedFailureCount() == null ? null : limits.toleratedFailureCount().longValue();
            tolPct = limits.toleratedFailurePercentage() == null ? null : limits.toleratedFailurePercentage().floatValue();
        }
        String machine = parent.machine.name();
        String label = d.label != null ? d.label : uuid().substring(0, 8);
        String prefix = "arn:aws:states:" + region + ":" + accountId + ":";
        MapRun run = new MapRun(prefix + "mapRun:" + machine + "/" + label + ":" + uuid(), parent.arn,
                prefix + "stateMachine:" + machine + "/" + label, clock.now(), d.executionType, maxConc, tolCount, tolPct);
        StateMachineRecord pm = parent.machine;
        StateMachineRecord child = new StateMachineRecord(run.stateMachineArn, machine + "/" + label, d.processorText,
                r.asMap().processor(), pm.roleArn(), d.executionType, pm.creationDate(), pm.updateDate(), pm.revisionId(),
                pm.loggingConfiguration(), pm.tracingConfiguration(), region, accountId);
        ObjectNode started = Json.object();
        started.put("length", d.readerResource != null ? 0 : items.size());
        if (r.f.event("MapStateStarted", "mapStateStartedEventDetails", started) < 0) {
            return;
        }
        synchronized (run) {
            run.items.total = selected.size();
            run.items.pending = selected.size();
            run.executions.total = units.size();
            run.executions.pending = units.size();
        }
        runs.add(run);
        ObjectNode rs = Json.object();
        rs.put("mapRunArn", run.arn);
        if (r.f.event("MapRunStarted", "mapRunStartedEventDetails", rs) < 0) {
            return;
        }
        new Run(r, ctx, eff, run, child, prefix + "execution:" + machine + "/" + label + ":", units, sizes).begin();
    }

    /** ItemBatcher: {@code {"BatchInput": ..., "Items": [...]}} of at most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes. */
    private static void batches(StateRun r, DistributedMapParser.Spec d, JsonNode eff, ObjectNode ctx, List<JsonNode> selected,
            List<JsonNode> units, List<Integer> sizes) {
        int maxItems = d.maxItemsPerBatchExpr != null
                ? JsonataStates.integer(r, d.maxItemsPerBatchExpr, ctx, "MaxItemsPerBatch", 1, Integer.MAX_VALUE)
                : d.maxItemsPerBatchPath != null
                ? DataFlow.intFromPath(r, d.maxItemsPerBatchPath, eff, "MaxItemsPerBatchPath", 1)
                : d.maxItemsPerBatch == null ? Integer.MAX_VALUE : d.maxItemsPerBatch;
        int maxBytes = d.maxInputBytesPerBatchExpr != null
                ? JsonataStates.integer(r, d.maxInputBytesPerBatchExpr, ctx, "MaxInputBytesPerBatch", 1, Interpreter.PAYLOAD_LIMIT)
                : d.maxInputBytesPerBatchPath != null
                ? Math.min(Interpreter.PAYLOAD_LIMIT,
                        DataFlow.intFromPath(r, d.maxInputBytesPerBatchPath, eff, "MaxInputBytesPerBatchPath", 1))
                : d.maxInputBytesPerBatch == null ? Interpreter.PAYLOAD_LIMIT : d.maxInputBytesPerBatch;
        JsonNode batchInput = d.batchInputExpr != null ? JsonataStates.eval(r, d.batchInputExpr, ctx, "BatchInput")
                : d.batchInput == null ? null : d.batchInput.eval(r.env(eff, ctx));
        ObjectNode empty = Json.object();
        if (batchInput != null) {
            empty.set("BatchInput", batchInput);
        }
        empty.putArray("Items");
        int base = bytes(empty);
        ObjectNode cur = null;
        int curBytes = 0;
        for (JsonNode item : selected) {
            int b = bytes(item);
            if (base + b > maxBytes) {
                throw r.error(StatesError.RUNTIME, "An item of " + b + " bytes does not fit in a batch of at most "
                        + maxBytes + " bytes (MaxInputBytesPerBatch).");
            }
            if (cur == null || cur.get("Items").size() >= maxItems || curBytes + 1 + b > maxBytes) {
                cur = empty.deepCopy();
                units.add(cur);
                sizes.add(0);
                curBytes = base - 1;
            }
            ((ArrayNode) cur.get("Items")).add(item);
            curBytes += 1 + b;
            sizes.set(sizes.size() - 1, cur.get("Items").size());
        }
    }

    private static int bytes(JsonNode n) {
        return Json.write(n).getBytes(StandardCharsets.UTF_8).length;
    }

    /** One map run in progress (driver thread). */
    private final class Run {
        final StateRun r;
        final ObjectNode ctx;
        final JsonNode eff;
        final MapRun run;
        final StateMachineRecord child;
        final String childArnPrefix;
        final List<JsonNode> units;
        final List<Integer> sizes;
        final JsonNode[] results;
        final Execution[] running;
        final TaskCall guard;
        final boolean writer;
        int next;
        int active;
        int completed;
        long failedItems;
        boolean over;

        Run(StateRun r, ObjectNode ctx, JsonNode eff, MapRun run, StateMachineRecord child, String childArnPrefix,
                List<JsonNode> units, List<Integer> sizes) {
            this.r = r;
            this.ctx = ctx;
            this.eff = eff;
            this.run = run;
            this.child = child;
            this.childArnPrefix = childArnPrefix;
            this.units = units;
            this.sizes = sizes;
            this.results = new JsonNode[units.size()];
            this.running = new Execution[units.size()];
            this.writer = r.asMap().distributed().writes();
            this.guard = new TaskCall(interp, r, null, ctx);
        }

        void begin() {
            guard.onAbandon = this::parentGone;
            r.f.scope.track(guard);
            run.onUpdate(() -> clock.submit("sfn map run update " + run.arn, this::updated));
            if (units.isEmpty()) {
                succeed();
            } else {
                launch();
            }
        }

        int limit() {
            int m = run.maxConcurrency();
            return m <= 0 ? DEFAULT_CONCURRENCY : m;
        }

        void launch() {
            while (!over && next < units.size() && active < limit()) {
                start(next++);
            }
        }

        /** UpdateMapRun changed the configuration: start more children, or fail when the threshold is now exceeded. */
        void updated() {
            if (over) {
                return;
            }
            if (run.exceeded(failedItems, run.items.total)) {
                fail();
            } else {
                launch();
            }
        }

        void start(int i) {
            String name = uuid();
            JsonNode in = units.get(i);
            String input = Json.write(in);
            Execution c = new Execution(childArnPrefix + name, name, child, input, in, clock.now(), null);
            c.mapRun = run;
            c.mapRunItems = sizes.get(i);
            c.onMapRunChildClosed = x -> clock.submit("sfn map run child closed " + x.name, () -> closed(i, x));
            ObjectNode d = Json.object();
            d.put("input", input);
            d.putObject("inputDetails").put("truncated", false);
            d.put("roleArn", child.roleArn());
            c.add(c.startDate, "ExecutionStarted", 0, "executionStartedEventDetails", d);
            if ("STANDARD".equals(run.executionType)) {
                store.addMapRunChild(c);
                run.child(c);
                statusChanges.emit(statusChanges.of(c)); // RUNNING, queued before the child's first step
            }
            synchronized (run) {
                run.executions.pending--;
                run.executions.running++;
                run.items.pending -= sizes.get(i);
                run.items.running += sizes.get(i);
            }
            running[i] = c;
            active++;
            interp.start(c);
        }

        void closed(int i, Execution c) {
            if (over || running[i] != c) {
                return;
            }
            running[i] = null;
            c.onMapRunChildClosed = null; // a kept child must not keep the whole run (inputs, results) alive
            active--;
            completed++;
            String status = c.status();
            int n = sizes.get(i);
            synchronized (run) {
                run.executions.close(status, 1);
                run.items.close(status, n);
                run.executions.resultsWritten++;
                run.items.resultsWritten += n;
            }
            if (!"SUCCEEDED".equals(status)) {
                failedItems += n;
            }
            if (writer || !"SUCCEEDED".equals(status)) {
                results[i] = entry(c);
            } else {
                results[i] = c.output() == null ? Json.MAPPER.nullNode() : Json.parse(c.output());
            }
            c.pack();
            if (run.exceeded(failedItems, run.items.total)) {
                fail();
            } else if (completed == units.size()) {
                succeed();
            } else {
                launch();
            }
        }

        /** A child as ResultWriter's files (and a failed child in the state's result) show it. */
        ObjectNode entry(Execution c) {
            ObjectNode o = Json.object();
            o.put("ExecutionArn", c.arn);
            o.put("Input", c.input);
            o.putObject("InputDetails").put("Included", true);
            o.put("Name", c.name);
            if (c.output() != null) {
                o.put("Output", c.output());
                o.putObject("OutputDetails").put("Included", true);
            }
            if (c.error() != null) {
                o.put("Error", c.error());
            }
            if (c.cause() != null) {
                o.put("Cause", c.cause());
            }
            o.put("RedriveCount", c.redriveCount());
            Redrive.Status redrive = statusChanges.redriveStatus(c);
            o.put("RedriveStatus", redrive.status());
            if (redrive.reason() != null) {
                o.put("RedriveStatusReason", redrive.reason());
            }
            o.put("StartDate", Interpreter.iso(c.startDate));
            o.put("StateMachineArn", child.arn());
            o.put("Status", c.status());
            if (c.stopDate() != null) {
                o.put("StopDate", Interpreter.iso(c.stopDate()));
            }
            return o;
        }

        /** Stops every running child (ABORTED); their items count as aborted. */
        void abortChildren() {
            for (int k = 0; k < running.length; k++) {
                Execution c = running[k];
                if (c == null) {
                    continue;
                }
                running[k] = null;
                c.onMapRunChildClosed = null;
                boolean closed = c.close(clock.now(), "ABORTED", "ExecutionAborted", c.eventCount(), "executionAbortedEventDetails",
                        Json.object(), null, null, null);
                if (closed) {
                    synchronized (run) {
                        run.executions.close("ABORTED", 1);
                        run.items.close("ABORTED", sizes.get(k));
                    }
                    interp.cleanup(c);
                }
                if (writer) {
                    results[k] = entry(c);
                }
            }
            active = 0;
        }

        void release() {
            if (guard.claim()) {
                r.f.scope.untrack(guard);
            }
        }

        void succeed() {
            over = true;
            release();
            JsonNode result;
            try {
                result = writer ? write() : array();
            } catch (StatesError e) {
                close("FAILED", e);
                return;
            }
            run.close("SUCCEEDED", clock.now());
            runs.changed(run);
            if (r.f.event("MapRunSucceeded", null, null) < 0 || r.f.event("MapStateSucceeded", null, null) < 0) {
                return;
            }
            interp.finish(r, result, ctx);
        }

        ArrayNode array() {
            ArrayNode a = Json.array();
            for (JsonNode x : results) {
                a.add(x);
            }
            return a;
        }

        void fail() {
            over = true;
            release();
            abortChildren();
            StatesError err = new StatesError(StatesError.TOLERATED, "The specified tolerated failure threshold was exceeded: "
                    + failedItems + " of " + run.items.total + " items failed.");
            if (writer) {
                try {
                    write();
                } catch (StatesError e) {
                    err = e;
                }
            }
            close("FAILED", err);
        }

        void close(String status, StatesError err) {
            run.close(status, clock.now());
            runs.changed(run);
            ObjectNode d = Json.object();
            d.put("error", err.error());
            d.put("cause", err.causeText());
            if (r.f.event("MapRunFailed", "mapRunFailedEventDetails", d) < 0 || r.f.event("MapStateFailed", null, null) < 0) {
                return;
            }
            interp.fail(r, r.wrap(err));
        }

        /** The parent execution or branch went away (stopped, failed elsewhere): the map run is aborted. */
        void parentGone() {
            if (over) {
                return;
            }
            over = true;
            abortChildren();
            if (run.close("ABORTED", clock.now())) {
                runs.changed(run);
                r.f.event("MapRunAborted", null, null);
            }
        }

        /** ResultWriter: SUCCEEDED_0.json / FAILED_0.json and manifest.json under {@code <Prefix>/<map run id>/}. */
        JsonNode write() {
            DistributedMapParser.Spec d = r.asMap().distributed();
            JsonNode p = d.writerArguments != null ? JsonataStates.eval(r, d.writerArguments, ctx, "Arguments")
                    : d.writerParameters.eval(r.env(eff, ctx));
            String bucket = p.path("Bucket").asText("");
            if (bucket.isEmpty()) {
                throw new StatesError(RESULT_WRITER_FAILED, "The ResultWriter's Parameters must give 'Bucket' as a non-empty string: "
                        + Json.write(p));
            }
            String prefix = p.path("Prefix").asText("");
            while (prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            String id = run.arn.substring(run.arn.lastIndexOf(':') + 1);
            String dir = (prefix.isEmpty() ? "" : prefix + "/") + id + "/";
            Map<String, ArrayNode> byStatus = new LinkedHashMap<>();
            byStatus.put("FAILED", Json.array());
            byStatus.put("PENDING", Json.array());
            byStatus.put("SUCCEEDED", Json.array());
            for (JsonNode x : results) {
                if (x != null) {
                    byStatus.get("SUCCEEDED".equals(x.path("Status").asText()) ? "SUCCEEDED" : "FAILED").add(x);
                }
            }
            ObjectNode manifest = Json.object();
            manifest.put("DestinationBucket", bucket);
            manifest.put("MapRunArn", run.arn);
            ObjectNode files = manifest.putObject("ResultFiles");
            for (Map.Entry<String, ArrayNode> e : byStatus.entrySet()) {
                ArrayNode list = files.putArray(e.getKey());
                if (e.getValue().isEmpty()) {
                    continue;
                }
                String key = dir + e.getKey() + "_0.json";
                String text = Json.write(e.getValue());
                s3.put(r.f.exec, bucket, key, text, RESULT_WRITER_FAILED);
                ObjectNode f = list.addObject();
                f.put("Key", key);
                f.put("Size", text.getBytes(StandardCharsets.UTF_8).length);
            }
            s3.put(r.f.exec, bucket, dir + "manifest.json", Json.write(manifest), RESULT_WRITER_FAILED);
            ObjectNode out = Json.object();
            out.put("MapRunArn", run.arn);
            ObjectNode details = out.putObject("ResultWriterDetails");
            details.put("Bucket", bucket);
            details.put("Key", dir + "manifest.json");
            return out;
        }
    }
}
