package dev.gbo.functions.verify;

import dev.gbo.functions.support.Metrics;
import dev.gbo.model.verify.FailureClass;
import dev.gbo.model.verify.Verdict;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * The metrics of one verdict (docs/metrics.md): JobsVerified or JobsFailed (by failure class), Attempts and
 * AttemptsLost (Spot interruptions and host losses) by family, and RunnableWait by queue.
 *
 * <p>RunnableWait from Batch's own job record, which keeps no RUNNABLE timestamp: for each attempt, its
 * {@code startedAt} (RUNNING) minus the moment the job became eligible to run, i.e. {@code createdAt} for the
 * first attempt and the previous attempt's {@code stoppedAt} for a retry. So it is an upper bound of the time
 * spent RUNNABLE: it also holds SUBMITTED/PENDING (seconds) and STARTING (image pull). A job that never started
 * (cancelled in RUNNABLE for capacity) counts {@code stoppedAt - createdAt}. An array parent runs nothing itself
 * and counts no wait.
 */
final class JobMetrics {
    private static final Set<String> LOSSES = Set.of(FailureClass.RETRYABLE_SPOT_INTERRUPTION.name(),
            FailureClass.RETRYABLE_HOST_LOSS.name());

    private JobMetrics() {
    }

    static void record(Verdict verdict, JobDetail job) {
        String family = verdict.family();
        Metrics.property("jobId", verdict.jobId());
        Metrics.property("requestId", verdict.requestId());
        Metrics.property("family", family);
        if (verdict.succeeded()) {
            Metrics.count(Metrics.JOBS_VERIFIED, 1, Metrics.dims(Metrics.FAMILY, family));
        } else {
            Metrics.property("failureDetail", verdict.failureClass());
            Metrics.count(Metrics.JOBS_FAILED, 1, Metrics.dims(Metrics.FAILURE_CLASS, verdict.error()));
        }
        Metrics.count(Metrics.ATTEMPTS, verdict.attempts(), Metrics.dims(Metrics.FAMILY, family));
        long lost = verdict.attemptClasses().stream().filter(LOSSES::contains).count();
        Metrics.count(Metrics.ATTEMPTS_LOST, lost, Metrics.dims(Metrics.FAMILY, family));
        String queue = queueName(job.jobQueue());
        for (double seconds : runnableWaits(job)) {
            Metrics.seconds(Metrics.RUNNABLE_WAIT, seconds, Metrics.dims(Metrics.QUEUE, queue));
        }
    }

    /** The waits of {@code job}'s attempts, in seconds (see the class comment). */
    static List<Double> runnableWaits(JobDetail job) {
        boolean arrayParent = job.arrayProperties() != null && job.arrayProperties().index() == null
                && job.arrayProperties().size() != null && job.arrayProperties().size() >= 2;
        if (arrayParent) {
            return List.of();
        }
        List<AttemptDetail> attempts = job.attempts();
        if (attempts.isEmpty()) {
            return job.createdAt() != null && job.stoppedAt() != null && job.stoppedAt() >= job.createdAt()
                    ? List.of((job.stoppedAt() - job.createdAt()) / 1000.0) : List.of();
        }
        List<Double> waits = new java.util.ArrayList<>();
        Long eligible = job.createdAt();
        for (AttemptDetail a : attempts) {
            if (eligible != null && a.startedAt() != null && a.startedAt() >= eligible) {
                waits.add((a.startedAt() - eligible) / 1000.0);
            }
            eligible = a.stoppedAt();
        }
        return waits;
    }

    /** The queue's name from its ARN ({@code arn:aws:batch:...:job-queue/<name>}) or name. */
    static String queueName(String queue) {
        if (queue == null) {
            return null;
        }
        int slash = queue.lastIndexOf('/');
        return slash >= 0 ? queue.substring(slash + 1) : queue;
    }
}
