package dev.gbo.functions.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.errors.GboError;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.functions.job.JobIdentity;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.model.verify.JobFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.BatchException;
import software.amazon.awssdk.services.batch.model.DescribeJobsRequest;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;
import software.amazon.awssdk.services.batch.model.ListJobsRequest;
import software.amazon.awssdk.services.batch.model.TerminateJobRequest;

/**
 * Nothing outlives its execution. On a "Step Functions Execution Status Change" to FAILED, TIMED_OUT
 * or ABORTED (StopExecution, a timeout, a failure on any path, JobStillRunning), finds the jobs that
 * execution submitted and terminates those not yet finished, with a reason naming the execution.
 *
 * <p>How the jobs are found without any state of our own: the execution's input is normalised again
 * (the same request, so the same deterministic job names), every job of the request is listed in each
 * family's queue with ListJobs' {@code JOB_NAME} prefix filter, and only jobs whose
 * {@code gboExecution} parameter names this execution are terminated: another execution of the same
 * request keeps its job. TerminateJob of a finished job changes nothing, so duplicate and late events
 * are harmless. A trigger Normalize refused submitted nothing, so there is nothing to do.
 */
public final class OrphanReaper {
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    public static final Set<String> ENDED_WITHOUT_SUCCESS = Set.of("FAILED", "TIMED_OUT", "ABORTED");
    static final int MAX_REASON = 256;
    private static final Set<String> UNFINISHED = Set.of("SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING");

    private final BatchClient batch;
    private final RequestNormalizer normalizer;
    private final Config config;
    /** Reads an execution's input when the event did not include it (DescribeExecution). */
    private final Function<String, String> inputOf;

    public OrphanReaper(BatchClient batch, RequestNormalizer normalizer, Config config, Function<String, String> inputOf) {
        this.batch = batch;
        this.normalizer = normalizer;
        this.config = config;
        this.inputOf = inputOf;
    }

    /** The EventBridge event: anything but an Execution Status Change with a detail is acknowledged and ignored. */
    public ObjectNode handle(JsonNode event) {
        if (!DETAIL_TYPE.equals(Json.text(event, "detail-type")) || !event.path("detail").isObject()) {
            Log.info("cleanup.ignored", "detailType", Json.text(event, "detail-type"));
            return Json.object().put("ignored", "not a Step Functions Execution Status Change");
        }
        return reap(event.get("detail"));
    }

    /** @param detail the event's {@code detail} */
    public ObjectNode reap(JsonNode detail) {
        String status = Json.text(detail, "status");
        String executionArn = Json.text(detail, "executionArn");
        String name = Json.text(detail, "name");
        ObjectNode out = Json.object().put("executionArn", executionArn).put("status", status);
        if (status == null || !ENDED_WITHOUT_SUCCESS.contains(status) || name == null) {
            return out.put("ignored", "status " + status + " leaves nothing behind");
        }
        String input = Json.text(detail, "input");
        if (input == null || !detail.path("inputDetails").path("included").asBoolean(true)) {
            input = inputOf.apply(executionArn);
        }
        JobRequest request;
        try {
            request = normalizer.normalize(Json.parse(input == null ? "{}" : input), name);
        } catch (GboError e) {
            return out.put("ignored", "the trigger was refused by Normalize, so nothing was submitted");
        }
        String prefix = JobIdentity.namePrefix(config, request);
        ArrayNode terminated = out.putArray("terminated");
        for (String family : config.familyLadder()) {
            for (JobDetail job : unfinishedJobsOf(config.jobQueueName(family), prefix)) {
                if (!name.equals(job.parameters().get(JobFacts.EXECUTION))) {
                    continue;
                }
                String reason = reason(name, status);
                batch.terminateJob(TerminateJobRequest.builder().jobId(job.jobId()).reason(reason).build());
                Log.info("orphan.terminated", "jobId", job.jobId(), "jobName", job.jobName(), "status", job.statusAsString(),
                        "execution", executionArn, "executionStatus", status);
                terminated.addObject().put("jobId", job.jobId()).put("jobName", job.jobName())
                        .put("was", job.statusAsString());
            }
        }
        return out;
    }

    static String reason(String executionName, String status) {
        String reason = "gbo: execution " + executionName + " ended " + status + "; its job must not outlive it";
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    private List<JobDetail> unfinishedJobsOf(String jobQueue, String namePrefix) {
        List<String> ids = new ArrayList<>();
        try {
            for (JobSummary s : batch.listJobsPaginator(ListJobsRequest.builder().jobQueue(jobQueue)
                    .filters(KeyValuesPair.builder().name("JOB_NAME").values(namePrefix + "*").build()).build())
                    .jobSummaryList()) {
                if (UNFINISHED.contains(s.statusAsString()) && s.jobName().startsWith(namePrefix)) {
                    ids.add(s.jobId());
                }
            }
        } catch (BatchException e) {
            if (e.statusCode() == 400 || e.statusCode() == 404) {
                return List.of(); // the family's queue does not exist: no job of it either
            }
            throw e;
        }
        List<JobDetail> jobs = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 100) {
            jobs.addAll(batch.describeJobs(DescribeJobsRequest.builder()
                    .jobs(ids.subList(from, Math.min(ids.size(), from + 100))).build()).jobs());
        }
        return jobs;
    }
}
