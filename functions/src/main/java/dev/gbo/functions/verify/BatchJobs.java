package dev.gbo.functions.verify;

import dev.gbo.model.verify.JobFacts;
import java.util.Comparator;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobsRequest;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;
import software.amazon.awssdk.services.batch.model.ListJobsRequest;

/** Finds gbo's job by its deterministic name: ListJobs with a JOB_NAME filter (all statuses), newest first. */
public final class BatchJobs {
    private final BatchClient batch;

    public BatchJobs(BatchClient batch) {
        this.batch = batch;
    }

    public Optional<JobSummary> newestSummary(String jobQueue, String jobName) {
        return batch.listJobsPaginator(ListJobsRequest.builder().jobQueue(jobQueue)
                        .filters(KeyValuesPair.builder().name("JOB_NAME").values(jobName).build()).build())
                .jobSummaryList().stream()
                .filter(j -> jobName.equals(j.jobName()))
                .max(Comparator.comparing(j -> j.createdAt() == null ? 0L : j.createdAt()));
    }

    public Optional<JobDetail> describe(String jobId) {
        return batch.describeJobs(DescribeJobsRequest.builder().jobs(jobId).build()).jobs().stream().findFirst();
    }

    public Optional<JobFacts> newest(String jobQueue, String jobName) {
        return newestDetail(jobQueue, jobName).map(SdkJobFacts::from);
    }

    public Optional<JobDetail> newestDetail(String jobQueue, String jobName) {
        return newestSummary(jobQueue, jobName).flatMap(s -> describe(s.jobId()));
    }
}
