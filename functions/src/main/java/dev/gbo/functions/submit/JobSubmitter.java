package dev.gbo.functions.submit;

import dev.gbo.functions.job.JobIdentity;
import dev.gbo.functions.job.JobNames;
import dev.gbo.functions.state.Attempt;

import dev.gbo.functions.verify.SdkJobFacts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.request.JobRequest;
import dev.gbo.functions.queue.RetryPolicy;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Hashing;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Metrics;
import dev.gbo.functions.verify.BatchJobs;
import dev.gbo.model.verify.JobFacts;
import dev.gbo.functions.verify.TaskResumer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ArrayProperties;
import software.amazon.awssdk.services.batch.model.ContainerOverrides;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.JobTimeout;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;
import software.amazon.awssdk.services.batch.model.SubmitJobResponse;

/**
 * Submits the job of one logical attempt exactly once. The job name is deterministic
 * ({@link JobNames}); before submitting, ListJobs (JOB_NAME filter, all statuses) looks for it. An
 * existing job is never submitted again: when it is already terminal this task is woken with the
 * current token (the job's own event carried an older token) and VerifyJob gives the verdict; when it is still
 * running the task is left to its own events or, if they carry an older token, to the heartbeat
 * timeout and ReconcileHandler.
 */
public final class JobSubmitter {
    private final BatchClient batch;
    private final BatchJobs jobs;
    private final TaskResumer resumer;
    private final Config config;

    public JobSubmitter(BatchClient batch, TaskResumer resumer, Config config) {
        this.batch = batch;
        this.jobs = new BatchJobs(batch);
        this.resumer = resumer;
        this.config = config;
    }

    public ObjectNode submit(Attempt input) {
        if (input.taskToken() == null || input.taskToken().isBlank()) {
            throw new IllegalArgumentException("Submit needs 'taskToken' ($$.Task.Token) in its Payload; use"
                    + " arn:aws:states:::lambda:invoke.waitForTaskToken");
        }
        JobRequest request = input.request();
        String jobDefinition = input.queue() == null ? null : input.queue().jobDefinition();
        if (jobDefinition == null) {
            throw new IllegalArgumentException("state 'queue' lacks jobDefinition; EnsureQueueHandler output must be at $.queue");
        }
        JobIdentity attempt = JobIdentity.of(config, input);
        String jobQueue = attempt.jobQueue();
        String family = attempt.family();
        String jobName = attempt.jobName();
        String fingerprint = Hashing.tokenFingerprint(input.taskToken());
        ObjectNode out = Json.object().put("jobName", jobName);

        Optional<JobSummary> existing = jobs.newestSummary(jobQueue, jobName);
        if (existing.isPresent()) {
            JobSummary summary = existing.get();
            out.put("jobId", summary.jobId()).put("submitted", false);
            if (JobFacts.TERMINAL.contains(summary.statusAsString())) {
                // The job's own terminal event carried an older token (an earlier try of this task): wake this one.
                Optional<JobFacts> facts = jobs.describe(summary.jobId()).map(SdkJobFacts::from);
                if (facts.isPresent()) {
                    boolean accepted = resumer.notifyEnded(input.taskToken(), facts.get());
                    Log.info("submit.existing.terminal", "jobName", jobName, "jobId", summary.jobId(),
                            "status", summary.statusAsString(), "token", fingerprint, "resumed", accepted);
                    out.put("resumed", accepted);
                    return out;
                }
            }
            Log.info("submit.existing", "jobName", jobName, "jobId", summary.jobId(), "status", summary.statusAsString(),
                    "token", fingerprint, "note", "already submitted; not submitting again");
            return out;
        }

        SubmitJobRequest submit = submitRequest(request, jobName, jobQueue, jobDefinition, family, input.taskToken(),
                input.attempt(), input.execution());
        SubmitJobResponse response = batch.submitJob(submit);
        Metrics.property("jobId", response.jobId());
        Metrics.property("requestId", request.requestId());
        Metrics.count(Metrics.JOBS_SUBMITTED, 1, Metrics.dims(Metrics.FAMILY, family));
        Log.info("submit.job", "jobName", jobName, "jobId", response.jobId(), "queue", jobQueue,
                "jobDefinition", jobDefinition, "attempt", input.attempt(), "token", fingerprint);
        return out.put("jobId", response.jobId()).put("submitted", true);
    }
    /**
     * The SubmitJob call: request parameters plus the gbo correlation parameters (docs/contracts.md),
     * the request's environment as container overrides, the retry strategy (SubmitJob's replaces the job
     * definition's as a whole, so it carries evaluateOnExit too), the attempt timeout and, for
     * {@code arraySize >= 2}, the array properties.
     */
    static SubmitJobRequest submitRequest(JobRequest request, String jobName, String jobQueue, String jobDefinition,
            String family, String taskToken, int attempt, String executionName) {
        Map<String, String> parameters = new LinkedHashMap<>(request.parameters());
        parameters.put(JobFacts.TOKEN, taskToken);
        parameters.put(JobFacts.REQUEST_ID, request.requestId());
        parameters.put(JobFacts.ATTEMPT, String.valueOf(attempt));
        parameters.put(JobFacts.MAX_ATTEMPTS, String.valueOf(request.retry().attempts()));
        parameters.put(JobFacts.FAMILY, family);
        parameters.put(JobFacts.VERIFY, Json.toJson(request.verify()));
        parameters.put(JobFacts.EXECUTION, executionName == null ? "" : executionName);
        List<KeyValuePair> environment = new ArrayList<>();
        request.environment().forEach((k, v) -> environment.add(KeyValuePair.builder().name(k).value(v).build()));
        SubmitJobRequest.Builder submit = SubmitJobRequest.builder()
                .jobName(jobName)
                .jobQueue(jobQueue)
                .jobDefinition(jobDefinition)
                .parameters(parameters)
                .containerOverrides(ContainerOverrides.builder().environment(environment).build())
                .retryStrategy(RetryPolicy.strategy(request.retry().attempts()))
                .timeout(JobTimeout.builder().attemptDurationSeconds(request.timeoutSeconds()).build())
                .tags(Map.of("gbo:requestId", request.requestId().length() > 256
                        ? request.requestId().substring(0, 256) : request.requestId()));
        if (request.arraySize() >= 2) {
            submit.arrayProperties(ArrayProperties.builder().size(request.arraySize()).build());
        }
        return submit.build();
    }
}
