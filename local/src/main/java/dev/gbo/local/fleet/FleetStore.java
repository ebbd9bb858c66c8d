package dev.gbo.local.fleet;

import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the {@link Fleet} needs of the store that owns the Batch state (the Batch API's store
 * implements it): its one lock, and forgetting what a deletion finished. The fleet never sees the
 * store's maps; it changes the run model objects it is given only inside {@link #atomically}.
 */
public interface FleetStore {

    /**
     * Runs {@code body} holding the store's lock; the side effects it collects (events, log writes,
     * clock submissions) run after the lock is released, in order.
     */
    void atomically(Consumer<List<Runnable>> body);

    /** A deleted compute environment is gone (call under the lock). */
    void removeComputeEnvironment(ComputeEnvironment ce);

    /** A deleted job queue is gone (call under the lock). */
    void removeJobQueue(JobQueue queue);

    /** The job changed (status, attempt, reason): a durable cloud records it (call under the lock). */
    default void changed(BatchModel.Job job) {
    }

    String region();

    String accountId();
}
