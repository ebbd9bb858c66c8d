package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.errors.BatchJobRetriesExhausted;
import dev.gbo.functions.errors.GboException;
import dev.gbo.functions.errors.BatchJobRetryable;
import dev.gbo.functions.errors.JobStillRunning;
import dev.gbo.model.request.JobRequest;
import dev.gbo.functions.submit.AttemptJob;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import dev.gbo.functions.verify.BatchJobs;
import dev.gbo.model.verify.FailureClassifier;
import dev.gbo.model.verify.JobFacts;
import dev.gbo.functions.verify.JobInspector;
import dev.gbo.model.verify.JobVerifier;
import dev.gbo.functions.verify.LogReader;
import dev.gbo.model.verify.Verdict;
import dev.gbo.functions.verify.VerdictConfirmer;
import dev.gbo.functions.verify.VerdictPublisher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * ReconcileFunction, the state machine's verifier: it asks Batch and the job's log stream itself and
 * gives the verdict (published as "Batch Job Verified" / "Batch Job Failed"), in two cases:
 * <ul>
 *   <li>{@code "action": "verify"} (state VerifyJob): the task was woken with a notice that the job
 *       ended; {@link VerdictConfirmer} checks the notice against Batch;</li>
 *   <li>otherwise (state Reconcile) the callback wait timed out: finds the attempt's job by its
 *       deterministic name; a job still running throws {@code JobStillRunning}.</li>
 * </ul>
 * Success returns the verdict; a failure throws its class ({@code errors.<Name>}).
 */
public final class ReconcileHandler extends JsonStreamHandler {
    private final BatchClient batch;
    private final BatchJobs jobs;
    private final JobVerifier verifier = new JobVerifier(new FailureClassifier());
    private final JobInspector inspector;
    private final VerdictConfirmer confirmer;
    private final VerdictPublisher publisher;
    private final Config config;

    public ReconcileHandler() {
        this(System.getenv());
    }

    public ReconcileHandler(Map<String, String> environment) {
        this(new Clients(environment), Config.from(environment));
    }

    private ReconcileHandler(Clients clients, Config config) {
        this(clients.batch(), clients.logs(), clients.eventBridge(), config);
    }

    ReconcileHandler(BatchClient batch, CloudWatchLogsClient logs, EventBridgeClient events, Config config) {
        this.batch = batch;
        this.jobs = new BatchJobs(batch);
        this.config = config;
        this.inspector = new JobInspector(new LogReader(logs, config.logGroup()), verifier);
        this.publisher = new VerdictPublisher(events, config.eventBusName());
        this.confirmer = new VerdictConfirmer(jobs, inspector, publisher);
        registerForSnapStart();
    }

    @Override
    Object handle(JsonNode state) {
        JobRequest request = JobRequest.fromJson(state.get("request"));
        if ("verify".equals(Json.text(state, "action"))) {
            return confirmer.verify(state.get("notice"), request, Json.text(state, "executionName")).toJson();
        }
        AttemptJob attempt = AttemptJob.of(config, request, Json.obj(state, "capacity"), Json.obj(state, "queue"),
                state.path("attempt").asInt(0));
        Optional<JobFacts> found = jobs.newest(attempt.jobQueue(), attempt.jobName());
        if (found.isEmpty()) {
            String cause = "no job named " + attempt.jobName() + " in queue " + attempt.jobQueue() + " (logical attempt "
                    + attempt.attempt() + " of " + request.retry().attempts()
                    + "): it was never submitted or Batch no longer lists it";
            if (attempt.attempt() + 1 >= request.retry().attempts()) {
                throw new BatchJobRetriesExhausted(cause + "; the attempt budget is spent, start a new execution");
            }
            throw new BatchJobRetryable(cause + "; gbo submits logical attempt " + (attempt.attempt() + 1));
        }
        JobFacts job = found.get();
        if (!job.terminal()) {
            throw new JobStillRunning("job " + job.jobId() + " (" + attempt.jobName() + ") is still " + job.status()
                    + (job.statusReason() == null ? "" : " (" + job.statusReason() + ")")
                    + " after the callback wait timed out; gbo terminates it as this execution fails. If it was stuck"
                    + " RUNNABLE check the queue's compute environments and the request's vcpus/memoryMiB, otherwise"
                    + " raise the request's timeoutSeconds");
        }
        Verdict verdict = inspector.inspect(job);
        publisher.publish(verdict);
        Log.info("reconcile.verdict", "jobId", job.jobId(), "status", job.status(), "failureClass", verdict.failureClass(),
                "error", verdict.error());
        if (!verdict.succeeded()) {
            throw GboException.of(verdict.error(), verdict.cause());
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
