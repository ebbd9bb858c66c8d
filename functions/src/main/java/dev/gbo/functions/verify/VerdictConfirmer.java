package dev.gbo.functions.verify;

import dev.gbo.model.verify.Verdict;
import dev.gbo.model.verify.JobFacts;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.errors.GboException;
import dev.gbo.functions.errors.UnverifiedVerdict;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import java.util.Optional;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Only a verified verdict succeeds. The callback's output ({@code SendTaskSuccess}) is only a notice
 * that a job ended, and anyone holding the task token could send one. The state machine's VerifyJob
 * step hands the notice to this check, which asks Batch itself: the named job must exist, belong to
 * this request and have ended; then the verifier gives the verdict from Batch's record and the log
 * stream (exit code, attempts, architecture). An empty, forged or premature notice fails as
 * {@code UnverifiedVerdict}, naming what did not match; a failed job fails with its own class. The
 * verdict is published on the project bus ("Batch Job Verified" / "Batch Job Failed").
 */
public final class VerdictConfirmer {
    private static final int EXCERPT = 200;

    private final BatchJobs jobs;
    private final JobInspector inspector;
    private final VerdictPublisher publisher;

    public VerdictConfirmer(BatchJobs jobs, JobInspector inspector, VerdictPublisher publisher) {
        this.jobs = jobs;
        this.inspector = inspector;
        this.publisher = publisher;
    }

    /** @return the verdict of a job that succeeded and passed every check; otherwise throws its failure class */
    public Verdict verify(JsonNode claimed, JobRequest request, String executionName) {
        if (claimed == null || !claimed.isObject() || Json.text(claimed, "jobId") == null) {
            throw new UnverifiedVerdict("the task was resumed with output " + excerpt(claimed) + ", which is not a gbo"
                    + " notice (an object with jobId): only JobStateChangeFunction's notice counts. Nothing"
                    + " is trusted from it; the job of request " + request.requestId() + " is terminated if it still"
                    + " runs. Check who holds batch:DescribeJobs and states:SendTaskSuccess in this account");
        }
        String jobId = Json.text(claimed, "jobId");
        Optional<JobDetail> detail = jobs.describe(jobId);
        Optional<JobFacts> found = detail.map(SdkJobFacts::from);
        if (found.isEmpty()) {
            throw new UnverifiedVerdict("the verdict names job " + jobId + ", which AWS Batch does not know: the"
                    + " output of the callback was forged or stale");
        }
        JobFacts job = found.get();
        if (!request.requestId().equals(job.requestId())) {
            throw new UnverifiedVerdict("the verdict names job " + jobId + " (" + job.jobName() + "), which belongs to"
                    + " request " + job.requestId() + ", not to " + request.requestId() + ": forged or crossed callback");
        }
        if (!job.terminal()) {
            throw new UnverifiedVerdict("the task was woken for job " + jobId + " (" + job.jobName()
                    + "), but AWS Batch says it is still " + job.status()
                    + (job.statusReason() == null ? "" : " (" + job.statusReason() + ")")
                    + ": the callback was forged or premature; the job is terminated as this execution fails");
        }
        Verdict verdict = inspector.inspect(job);
        publisher.publish(verdict);
        JobMetrics.record(verdict, detail.get());
        Log.info("verdict.verified", "jobId", jobId, "requestId", request.requestId(), "execution", executionName,
                "failureClass", verdict.failureClass(), "error", verdict.error());
        if (!verdict.succeeded()) {
            throw GboException.of(verdict.error(), verdict.cause());
        }
        return verdict;
    }

    private static String excerpt(JsonNode claimed) {
        String text = claimed == null ? "(none)" : Json.toJson(claimed);
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
    }
}
