package dev.gbo.functions.state;

import java.util.List;
import java.util.Objects;

/**
 * The {@code queue} part of the state (docs/contracts.md): EnsureQueue's output, read back by EnsureQueue's next
 * check, Submit and Reconcile. Members in the order they have always been written.
 */
public record QueueState(String jobQueue, String jobQueueArn, String family, List<ComputeEnvironment> computeEnvironments,
        String jobDefinition, boolean ready, int checks) {

    public record ComputeEnvironment(String name, String arn, String family, String status) {
    }

    public QueueState {
        computeEnvironments = computeEnvironments == null ? List.of() : List.copyOf(computeEnvironments);
    }

    /** Checks of a previous pass count only when they were for the same family. */
    public static int previousChecks(QueueState queue, String family) {
        return queue == null || family == null || !Objects.equals(family, queue.family()) ? 0 : queue.checks();
    }

    /** The family's queue as Submit and Reconcile address it: the ARN when known, else the name. */
    public String address() {
        return jobQueueArn != null ? jobQueueArn : jobQueue;
    }
}
