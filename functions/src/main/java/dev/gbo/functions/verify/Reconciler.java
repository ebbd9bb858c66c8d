package dev.gbo.functions.verify;

import dev.gbo.functions.errors.BatchJobRetriesExhausted;
import dev.gbo.functions.errors.BatchJobRetryable;
import dev.gbo.functions.errors.GboException;
import dev.gbo.functions.errors.JobStillRunning;
import dev.gbo.functions.state.Attempt;
import dev.gbo.functions.job.JobIdentity;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Log;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.verify.JobFacts;
import dev.gbo.model.verify.Verdict;
import java.util.Optional;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * The verifier's decision (ReconcileFunction), in two cases:
 * <ul>
 *   <li>VerifyJob ({@code action: "verify"}): the task was woken with a notice that the job ended;
 *       {@link VerdictConfirmer} checks the notice against Batch;</li>
 *   <li>Reconcile: the callback wait timed out; the attempt's job is found by its {@link JobIdentity}. No job:
 *       {@code BatchJobRetryable} (or {@code BatchJobRetriesExhausted} when the budget is spent); a job still
 *       running: {@code JobStillRunning}; an ended job gets its verdict, published.</li>
 * </ul>
 * Success returns the verdict; a failure throws its class ({@code errors.<Name>}).
 */
public final class Reconciler {
    private final BatchJobs jobs;
    private final JobInspector inspector;
    private final VerdictConfirmer confirmer;
    private final VerdictPublisher publisher;
    private final Config config;

    public Reconciler(BatchJobs jobs, JobInspector inspector, VerdictPublisher publisher, Config config) {
        this.jobs = jobs;
        this.inspector = inspector;
        this.publisher = publisher;
        this.confirmer = new VerdictConfirmer(jobs, inspector, publisher);
        this.config = config;
    }

    public Verdict decide(Attempt state) {
        JobRequest request = state.request();
        if (state.verifiesNotice()) {
            return confirmer.verify(state.notice(), request, state.executionName());
        }
        JobIdentity identity = JobIdentity.of(config, state);
        Optional<JobDetail> detail = jobs.newestDetail(identity.jobQueue(), identity.jobName());
        Optional<JobFacts> found = detail.map(SdkJobFacts::from);
        if (found.isEmpty()) {
            String cause = "no job named " + identity.jobName() + " in queue " + identity.jobQueue() + " (logical attempt "
                    + identity.attempt() + " of " + request.retry().attempts()
                    + "): it was never submitted or Batch no longer lists it";
            if (identity.attempt() + 1 >= request.retry().attempts()) {
                throw new BatchJobRetriesExhausted(cause + "; the attempt budget is spent, start a new execution");
            }
            throw new BatchJobRetryable(cause + "; gbo submits logical attempt " + (identity.attempt() + 1));
        }
        JobFacts job = found.get();
        if (!job.terminal()) {
            throw new JobStillRunning("job " + job.jobId() + " (" + identity.jobName() + ") is still " + job.status()
                    + (job.statusReason() == null ? "" : " (" + job.statusReason() + ")")
                    + " after the callback wait timed out; gbo terminates it as this execution fails. If it was stuck"
                    + " RUNNABLE check the queue's compute environments and the request's vcpus/memoryMiB, otherwise"
                    + " raise the request's timeoutSeconds");
        }
        Verdict verdict = inspector.inspect(job);
        publisher.publish(verdict);
        JobMetrics.record(verdict, detail.get());
        Log.info("reconcile.verdict", "jobId", job.jobId(), "status", job.status(), "failureClass", verdict.failureClass(),
                "error", verdict.error());
        if (!verdict.succeeded()) {
            throw GboException.of(verdict.error(), verdict.cause());
        }
        return verdict;
    }
}
