package dev.gbo.functions.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.errors.UnverifiedVerdict;
import dev.gbo.functions.normalize.JobRequest;
import dev.gbo.functions.support.Json;
import dev.gbo.functions.support.Log;
import java.util.Optional;

/**
 * Only a verified verdict succeeds. The callback's output ({@code SendTaskSuccess}) is a claim: anyone
 * holding the task token could send one. Before the execution succeeds, the state machine hands the
 * claim to this check, which asks Batch itself: the claimed job must exist, belong to this request and
 * execution, be SUCCEEDED, and pass the verifier again (exit code, log stream, architecture). Anything
 * else fails as {@code UnverifiedVerdict}, naming what did not match. The returned verdict is the one
 * recomputed from Batch, never the claim.
 */
public final class VerdictConfirmer {
    private static final int EXCERPT = 200;

    private final BatchJobs jobs;
    private final JobInspector inspector;

    public VerdictConfirmer(BatchJobs jobs, JobInspector inspector) {
        this.jobs = jobs;
        this.inspector = inspector;
    }

    public Verdict confirm(JsonNode claimed, JobRequest request, String executionName) {
        if (claimed == null || !claimed.isObject() || Json.text(claimed, "jobId") == null) {
            throw new UnverifiedVerdict("the task was resumed with output " + excerpt(claimed) + ", which is not a gbo"
                    + " verdict (an object with jobId): only JobStateChangeFunction's SendTaskSuccess counts. Nothing"
                    + " is trusted from it; the job of request " + request.requestId() + " is terminated if it still"
                    + " runs. Check who holds batch:DescribeJobs and states:SendTaskSuccess in this account");
        }
        String jobId = Json.text(claimed, "jobId");
        Optional<JobFacts> found = jobs.describe(jobId).map(JobFacts::fromSdk);
        if (found.isEmpty()) {
            throw new UnverifiedVerdict("the verdict names job " + jobId + ", which AWS Batch does not know: the"
                    + " output of the callback was forged or stale");
        }
        JobFacts job = found.get();
        if (!request.requestId().equals(job.requestId())) {
            throw new UnverifiedVerdict("the verdict names job " + jobId + " (" + job.jobName() + "), which belongs to"
                    + " request " + job.requestId() + ", not to " + request.requestId() + ": forged or crossed callback");
        }
        if (!"SUCCEEDED".equals(job.status())) {
            throw new UnverifiedVerdict("the task was resumed with a success for job " + jobId + " (" + job.jobName()
                    + "), but AWS Batch says it is " + job.status()
                    + (job.statusReason() == null ? "" : " (" + job.statusReason() + ")")
                    + ": the callback was forged or premature; the job is terminated if it still runs");
        }
        Verdict verdict = inspector.inspect(job);
        if (!verdict.succeeded()) {
            throw new UnverifiedVerdict("the task was resumed with a success for job " + jobId + ", but verifying the"
                    + " job again gives " + verdict.error() + ": " + verdict.cause());
        }
        Log.info("verdict.confirmed", "jobId", jobId, "requestId", request.requestId(), "execution", executionName);
        return verdict;
    }

    private static String excerpt(JsonNode claimed) {
        String text = claimed == null ? "(none)" : Json.toJson(claimed);
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
    }
}
