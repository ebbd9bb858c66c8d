package dev.gbo.functions.job;

import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.functions.state.Attempt;
import dev.gbo.functions.state.QueueState;
import dev.gbo.functions.support.Config;
import dev.gbo.model.request.JobRequest;

/**
 * Which job one logical attempt is: its deterministic name ({@link JobNames}) and its family's queue. The one
 * place that works this out, for Submit, Reconcile and Cleanup alike: the queue is EnsureQueue's
 * {@code queue.jobQueueArn} when known, else {@code queue.jobQueue}, else the family's queue by name
 * ({@link Config#jobQueueName}).
 */
public record JobIdentity(String jobName, String jobQueue, String family, int attempt) {

    public static JobIdentity of(Config config, Attempt state) {
        return of(config, state.request(), state.capacity(), state.queue(), state.attempt());
    }

    public static JobIdentity of(Config config, JobRequest request, CapacityDecision capacity, QueueState queue, int attempt) {
        String family = capacity == null ? null : capacity.family();
        String jobName = JobNames.jobName(config.namePrefix(), request.name(), request.requestId(), family, attempt);
        String jobQueue = queue == null ? null : queue.address();
        return new JobIdentity(jobName, jobQueue != null ? jobQueue : config.jobQueueName(family), family, attempt);
    }

    /**
     * The prefix every job name of a request starts with, whatever the family of the ladder and the
     * attempt ({@link JobNames#requestPrefix}): for ListJobs' JOB_NAME filter with a trailing {@code *}.
     */
    public static String namePrefix(Config config, JobRequest request) {
        int longestFamily = config.familyLadder().stream().mapToInt(String::length).max().orElse(0);
        return JobNames.requestPrefix(config.namePrefix(), request.name(), request.requestId(), longestFamily);
    }
}
