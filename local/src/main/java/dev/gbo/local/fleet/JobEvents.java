package dev.gbo.local.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.EventSink;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fleet's EventBridge events ("Batch Job State Change", "Batch Job Queue Blocked"). The event is
 * built under the store's lock (it renders the job as it is now) and put on the bus as a side effect,
 * after the lock is released.
 */
final class JobEvents {
    private final SimClock clock;
    private final FleetStore store;
    private final ServiceRegistry registry;
    private final Supplier<String> ids;
    private volatile EventSink sink;
    private volatile long sinkCheckedAtNanos = Long.MIN_VALUE;

    JobEvents(SimClock clock, FleetStore store, ServiceRegistry registry, Supplier<String> ids) {
        this.clock = clock;
        this.store = store;
        this.registry = registry;
        this.ids = ids;
    }

    /** The job's new status, as a "Batch Job State Change" event. */
    void stateChanged(Job job, List<Runnable> fx) {
        EventSink s = sink();
        if (s != null) {
            ObjectNode event = envelope(job, Fleet.DETAIL_TYPE);
            fx.add(() -> s.putEvent("default", event));
        }
    }

    /** The queue's head is blocked: the head job with its status reason, the queue among the resources. */
    void queueBlocked(JobQueue queue, Job head, List<Runnable> fx) {
        EventSink s = sink();
        if (s != null) {
            ObjectNode event = envelope(head, Fleet.QUEUE_BLOCKED);
            event.withArray("resources").add(queue.arn);
            fx.add(() -> s.putEvent("default", event));
        }
    }

    private EventSink sink() {
        EventSink s = sink;
        if (s != null) {
            return s;
        }
        long t = System.nanoTime();
        if (t - sinkCheckedAtNanos < 50_000_000L && sinkCheckedAtNanos != Long.MIN_VALUE) {
            return null;
        }
        sinkCheckedAtNanos = t;
        try {
            s = registry == null ? null : registry.events();
        } catch (IllegalStateException absent) {
            s = null; // EventBridge is not part of this cloud (yet)
        }
        sink = s;
        return s;
    }

    private ObjectNode envelope(Job job, String detailType) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", ids.get());
        e.put("detail-type", detailType);
        e.put("source", "aws.batch");
        e.put("account", store.accountId());
        e.put("time", Instant.ofEpochMilli(clock.millis()).truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", store.region());
        e.putArray("resources").add(job.arn);
        e.set("detail", JobView.detail(job));
        return e;
    }
}
