package dev.gbo.functions.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.request.JobRequest;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Json;

/**
 * Where the job of one logical attempt lives: its deterministic name and its family's queue. The one
 * place that works this out, for Submit, Reconcile and Confirm alike: the queue is EnsureQueue's
 * {@code queue.jobQueueArn} when known, else the family's queue by name ({@link Config#jobQueueName}).
 */
public record AttemptJob(String jobName, String jobQueue, String family, int attempt) {

    public static AttemptJob of(Config config, JobRequest request, JsonNode capacity, JsonNode queue, int attempt) {
        String family = Json.text(capacity, "family");
        String jobName = JobNames.jobName(config.namePrefix(), request.name(), request.requestId(), family, attempt);
        String jobQueue = Json.text(queue, "jobQueueArn");
        if (jobQueue == null) {
            jobQueue = Json.text(queue, "jobQueue");
        }
        if (jobQueue == null) {
            jobQueue = config.jobQueueName(family);
        }
        return new AttemptJob(jobName, jobQueue, family, attempt);
    }

    /**
     * The prefix every job name of a request starts with, whatever the family and attempt: for ListJobs'
     * JOB_NAME filter with a trailing {@code *}.
     */
    public static String namePrefix(Config config, JobRequest request) {
        String any = JobNames.jobName(config.namePrefix(), request.name(), request.requestId(), "x", 0);
        return any.substring(0, any.length() - "-x-a0".length() + 1);
    }
}
