package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.errors.BatchJobRetriesExhausted;
import dev.gbo.functions.errors.BatchJobRetryable;
import dev.gbo.functions.errors.JobStillRunning;
import dev.gbo.functions.normalize.JobRequest;
import dev.gbo.functions.submit.JobNames;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import dev.gbo.functions.verify.BatchJobs;
import dev.gbo.functions.verify.FailureClassifier;
import dev.gbo.functions.verify.JobFacts;
import dev.gbo.functions.verify.JobInspector;
import dev.gbo.functions.verify.JobVerifier;
import dev.gbo.functions.verify.LogReader;
import dev.gbo.functions.verify.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * ReconcileFunction, run when the callback wait times out: finds the attempt's job by its
 * deterministic name and gives the same verdict JobStateChangeFunction would. Success returns the
 * verdict; failure throws {@code errors.<Name>}; a job still running throws {@code JobStillRunning}.
 */
public final class ReconcileHandler extends JsonStreamHandler {
    private final BatchClient batch;
    private final BatchJobs jobs;
    private final JobVerifier verifier = new JobVerifier(new FailureClassifier());
    private final JobInspector inspector;
    private final Config config;

    public ReconcileHandler() {
        this(System.getenv());
    }

    public ReconcileHandler(Map<String, String> environment) {
        this(new Clients(environment), Config.from(environment));
    }

    private ReconcileHandler(Clients clients, Config config) {
        this(clients.batch(), clients.logs(), config);
    }

    ReconcileHandler(BatchClient batch, CloudWatchLogsClient logs, Config config) {
        this.batch = batch;
        this.jobs = new BatchJobs(batch);
        this.config = config;
        this.inspector = new JobInspector(new LogReader(logs, config.logGroup()), verifier);
        registerForSnapStart();
    }

    @Override
    Object handle(JsonNode state) {
        JobRequest request = JobRequest.fromJson(state.get("request"));
        int attempt = state.path("attempt").asInt(0);
        JsonNode queue = Json.obj(state, "queue");
        String jobQueue = Optional.ofNullable(Json.text(queue, "jobQueueArn")).orElse(config.jobQueueName());
        String jobName = JobNames.jobName(config.namePrefix(), request.name(), request.requestId(),
                Json.text(Json.obj(state, "capacity"), "family"), attempt);
        Optional<JobFacts> found = jobs.newest(jobQueue, jobName);
        if (found.isEmpty()) {
            String cause = "no job named " + jobName + " in queue " + jobQueue + " (logical attempt " + attempt + " of "
                    + request.retry().attempts() + "): it was never submitted or Batch no longer lists it";
            if (attempt + 1 >= request.retry().attempts()) {
                throw new BatchJobRetriesExhausted(cause + "; the attempt budget is spent, start a new execution");
            }
            throw new BatchJobRetryable(cause + "; gbo submits logical attempt " + (attempt + 1));
        }
        JobFacts job = found.get();
        if (!job.terminal()) {
            throw new JobStillRunning("job " + job.jobId() + " (" + jobName + ") is still " + job.status()
                    + (job.statusReason() == null ? "" : " (" + job.statusReason() + ")")
                    + " after the callback wait timed out; if it is stuck RUNNABLE check the queue's compute environments"
                    + " and the request's vcpus/memoryMiB, otherwise raise the task's TimeoutSeconds or the request's"
                    + " timeoutSeconds; cancel it with aws batch terminate-job --job-id " + job.jobId());
        }
        Verdict verdict = inspector.inspect(job);
        Log.info("reconcile.verdict", "jobId", job.jobId(), "status", job.status(), "failureClass", verdict.failureClass(),
                "error", verdict.error());
        if (!verdict.succeeded()) {
            throw verdict.toException();
        }
        return verdict.toJson();
    }

    @Override
    void prime() {
        Priming.step("verifier", () -> Json.toJson(verifier.verify(JobFacts.fromEvent(Json.parse(Priming.SUCCEEDED_JOB)),
                List.of("{\"arch\": \"aarch64\"}"))));
        Priming.step("batch DescribeJobQueues", () -> batch.describeJobQueues(
                DescribeJobQueuesRequest.builder().jobQueues(config.namePrefix() + "-gbo-priming-does-not-exist").build()));
    }
}
