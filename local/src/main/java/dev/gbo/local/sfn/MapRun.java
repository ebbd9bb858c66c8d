package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Map Run: the child executions a distributed Map state started, as DescribeMapRun reports it
 * (status, configuration, item and execution counts, dates). Guarded by {@code this}: the driver
 * thread updates it, API threads read it and UpdateMapRun changes its configuration; the change
 * reaches the running map through {@link #onUpdate}.
 */
final class MapRun {

    final String arn;
    final String executionArn;
    /** The child executions' state machine: {@code stateMachine:<machine>/<label>}. */
    final String stateMachineArn;
    final Instant startDate;
    final String executionType;

    private String status = "RUNNING";
    private Instant stopDate;
    private int maxConcurrency;
    private Long toleratedFailureCount;
    private Float toleratedFailurePercentage;
    final Counts items = new Counts();
    final Counts executions = new Counts();
    /** STANDARD child executions in start order (ListExecutions by mapRunArn); EXPRESS ones are not kept. */
    private final List<Execution> children = new ArrayList<>();
    /** Driver: takes a configuration change into account (more children, the failure threshold). */
    private Runnable onUpdate;

    MapRun(String arn, String executionArn, String stateMachineArn, Instant startDate, String executionType, int maxConcurrency,
            Long toleratedFailureCount, Float toleratedFailurePercentage) {
        this.arn = arn;
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.startDate = startDate;
        this.executionType = executionType;
        this.maxConcurrency = maxConcurrency;
        this.toleratedFailureCount = toleratedFailureCount;
        this.toleratedFailurePercentage = toleratedFailurePercentage;
    }

    /** Counts of items or child executions by status. Guarded by the map run. */
    static final class Counts {
        long pending;
        long running;
        long succeeded;
        long failed;
        long timedOut;
        long aborted;
        long total;
        long resultsWritten;

        ObjectNode json() {
            ObjectNode o = Json.object();
            o.put("pending", pending);
            o.put("running", running);
            o.put("succeeded", succeeded);
            o.put("failed", failed);
            o.put("timedOut", timedOut);
            o.put("aborted", aborted);
            o.put("total", total);
            o.put("resultsWritten", resultsWritten);
            o.put("failuresNotRedrivable", 0);
            o.put("pendingRedrive", 0);
            return o;
        }

        void read(JsonNode o) {
            pending = o.path("pending").asLong();
            running = o.path("running").asLong();
            succeeded = o.path("succeeded").asLong();
            failed = o.path("failed").asLong();
            timedOut = o.path("timedOut").asLong();
            aborted = o.path("aborted").asLong();
            total = o.path("total").asLong();
            resultsWritten = o.path("resultsWritten").asLong();
        }

        /** One unit leaves RUNNING for {@code status} (SUCCEEDED, FAILED, TIMED_OUT, ABORTED). */
        void close(String status, long n) {
            running -= n;
            switch (status) {
                case "SUCCEEDED" -> succeeded += n;
                case "TIMED_OUT" -> timedOut += n;
                case "ABORTED" -> aborted += n;
                default -> failed += n;
            }
        }
    }

    synchronized String status() {
        return status;
    }

    synchronized boolean running() {
        return "RUNNING".equals(status);
    }

    synchronized Instant stopDate() {
        return stopDate;
    }

    synchronized int maxConcurrency() {
        return maxConcurrency;
    }

    synchronized Long toleratedFailureCount() {
        return toleratedFailureCount;
    }

    synchronized Float toleratedFailurePercentage() {
        return toleratedFailurePercentage;
    }

    synchronized void onUpdate(Runnable r) {
        this.onUpdate = r;
    }

    synchronized void child(Execution e) {
        children.add(e);
    }

    synchronized List<Execution> children() {
        return new ArrayList<>(children);
    }

    /** Changes the configuration (UpdateMapRun); returns what the running map must do about it, or null. */
    synchronized Runnable update(Integer maxConc, Long tolCount, Float tolPct) {
        if (maxConc != null) {
            maxConcurrency = maxConc;
        }
        if (tolCount != null) {
            toleratedFailureCount = tolCount;
        }
        if (tolPct != null) {
            toleratedFailurePercentage = tolPct;
        }
        return running() ? onUpdate : null;
    }

    /** Closes the map run (SUCCEEDED, FAILED, ABORTED); false when it was closed already. */
    synchronized boolean close(String newStatus, Instant at) {
        if (!running()) {
            return false;
        }
        status = newStatus;
        stopDate = at;
        onUpdate = null;
        return true;
    }

    /** Whether {@code failed} failed items of {@code total} exceed the tolerated count or percentage (none set: any failure). */
    synchronized boolean exceeded(long failed, long total) {
        if (failed == 0) {
            return false;
        }
        if (toleratedFailureCount == null && toleratedFailurePercentage == null) {
            return true;
        }
        return (toleratedFailureCount != null && failed > toleratedFailureCount)
                || (toleratedFailurePercentage != null && failed * 100.0 / Math.max(1, total) > toleratedFailurePercentage);
    }

    /** DescribeMapRun's answer. */
    synchronized ObjectNode describe() {
        ObjectNode o = Json.object();
        o.put("mapRunArn", arn);
        o.put("executionArn", executionArn);
        o.put("status", status);
        o.put("startDate", Execution.seconds(startDate));
        if (stopDate != null) {
            o.put("stopDate", Execution.seconds(stopDate));
        }
        o.put("maxConcurrency", maxConcurrency);
        o.put("toleratedFailurePercentage", toleratedFailurePercentage == null ? 0f : toleratedFailurePercentage);
        o.put("toleratedFailureCount", toleratedFailureCount == null ? 0L : toleratedFailureCount);
        o.set("itemCounts", items.json());
        o.set("executionCounts", executions.json());
        o.put("redriveCount", 0);
        return o;
    }

    /** ListMapRuns' item. */
    synchronized ObjectNode listItem() {
        ObjectNode o = Json.object();
        o.put("executionArn", executionArn);
        o.put("mapRunArn", arn);
        o.put("stateMachineArn", stateMachineArn);
        o.put("startDate", Execution.seconds(startDate));
        if (stopDate != null) {
            o.put("stopDate", Execution.seconds(stopDate));
        }
        return o;
    }

    /** The durable record ({@code states/mapRun/<arn>}). */
    synchronized ObjectNode record() {
        ObjectNode o = describe();
        o.put("stateMachineArn", stateMachineArn);
        o.put("executionType", executionType);
        o.put("startDate", startDate.toEpochMilli());
        if (stopDate != null) {
            o.put("stopDate", stopDate.toEpochMilli());
        }
        if (toleratedFailureCount == null) {
            o.remove("toleratedFailureCount");
        }
        if (toleratedFailurePercentage == null) {
            o.remove("toleratedFailurePercentage");
        }
        return o;
    }

    /**
     * A map run taken back from its record. One that was RUNNING when the cloud stopped is ABORTED at
     * {@code now}: its child executions are gone, and the parent execution, resumed from its history,
     * enters the Map state again with a new map run.
     */
    static MapRun restored(JsonNode v, Instant now) {
        MapRun m = new MapRun(v.path("mapRunArn").asText(), v.path("executionArn").asText(), v.path("stateMachineArn").asText(),
                Instant.ofEpochMilli(v.path("startDate").asLong()), v.path("executionType").asText("STANDARD"),
                v.path("maxConcurrency").asInt(), v.has("toleratedFailureCount") ? v.get("toleratedFailureCount").asLong() : null,
                v.has("toleratedFailurePercentage") ? (float) v.get("toleratedFailurePercentage").asDouble() : null);
        synchronized (m) {
            m.status = v.path("status").asText();
            m.stopDate = v.hasNonNull("stopDate") ? Instant.ofEpochMilli(v.path("stopDate").asLong()) : null;
            m.items.read(v.path("itemCounts"));
            m.executions.read(v.path("executionCounts"));
            if ("RUNNING".equals(m.status)) {
                m.status = "ABORTED";
                m.stopDate = now;
                for (Counts c : List.of(m.items, m.executions)) {
                    c.aborted += c.running + c.pending;
                    c.running = 0;
                    c.pending = 0;
                }
            }
        }
        return m;
    }
}
