package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.time.Instant;

/**
 * "Step Functions Execution Status Change" events on the default bus, as Step Functions puts one for
 * every status change (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED). The detail carries what
 * DescribeExecution returns, dates in epoch milliseconds. {@link #of} reads the execution (it may run
 * under the store's lock); {@link #emit} puts the event on the bus from a clock task, in order.
 */
final class StatusChanges {
    private final SimClock clock;
    private final ServiceRegistry registry;
    private final java.util.function.Predicate<Execution> machineGone;

    StatusChanges(SimClock clock, ServiceRegistry registry, java.util.function.Predicate<Execution> machineGone) {
        this.clock = clock;
        this.registry = registry;
        this.machineGone = machineGone;
    }

    /** Whether the execution can be redriven now ({@link Redrive}). */
    Redrive.Status redriveStatus(Execution e) {
        return Redrive.of(e, machineGone.test(e), clock.now());
    }

    /** The event for the execution's current status; null when the cloud has no EventBridge. */
    ObjectNode of(Execution e) {
        if (!registry.has("events")) {
            return null;
        }
        String status = e.status();
        Instant stop = e.stopDate();
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("account", e.machine.accountId());
        event.put("region", e.machine.region());
        event.putArray("resources").add(e.arn);
        ObjectNode d = event.putObject("detail");
        d.put("executionArn", e.arn);
        d.put("stateMachineArn", e.machine.arn());
        d.put("name", e.name);
        d.put("status", status);
        d.put("startDate", e.startDate.toEpochMilli());
        if (stop == null) {
            d.putNull("stopDate");
        } else {
            d.put("stopDate", stop.toEpochMilli());
        }
        d.put("input", e.input);
        String output = "SUCCEEDED".equals(status) ? e.output() : null;
        putOrNull(d, "output", output);
        d.putObject("inputDetails").put("included", true);
        if (output == null) {
            d.putNull("outputDetails");
        } else {
            d.putObject("outputDetails").put("included", true);
        }
        putOrNull(d, "error", "RUNNING".equals(status) ? null : e.error());
        putOrNull(d, "cause", "RUNNING".equals(status) ? null : e.cause());
        d.put("redriveCount", e.redriveCount());
        if (e.redriveDate() != null) {
            d.put("redriveDate", e.redriveDate().toEpochMilli());
        }
        redriveStatus(e).put(d);
        return event;
    }

    /** Puts the event (from {@link #of}; null: nothing) on the default bus from a clock task. */
    void emit(ObjectNode event) {
        if (event == null) {
            return;
        }
        ObjectNode detail = (ObjectNode) event.get("detail");
        try {
            clock.submit("sfn status " + detail.get("status").asText() + " " + detail.get("name").asText(), () -> {
                event.put("time", Interpreter.iso(clock.now()).replaceAll("\\.\\d{3}Z$", "Z"));
                registry.events().putEvent("default", event);
            });
        } catch (IllegalStateException closedClock) {
            // the cloud is shutting down
        }
    }

    private static void putOrNull(ObjectNode o, String field, String value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }
}
