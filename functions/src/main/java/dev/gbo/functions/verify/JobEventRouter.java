package dev.gbo.functions.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.support.Log;
import dev.gbo.model.support.Hashing;
import dev.gbo.model.support.Json;
import dev.gbo.model.verify.JobFacts;

/**
 * What a "Batch Job State Change" means for the waiting execution (JobStateChangeFunction). Non-terminal events
 * heartbeat the waiting task, except a RUNNABLE job Batch calls UNDETERMINED (time-limit actions do not cover it,
 * so the heartbeat timeout hands it to Reconcile); a terminal event wakes the task with a notice
 * {@code {jobId, jobName, status}}. Other events, jobs without gbo parameters, array children, duplicates and
 * stale tokens are acknowledged without throwing.
 */
public final class JobEventRouter {
    public static final String DETAIL_TYPE = "Batch Job State Change";

    private final TaskResumer resumer;

    public JobEventRouter(TaskResumer resumer) {
        this.resumer = resumer;
    }

    public ObjectNode route(JsonNode event) {
        ObjectNode out = Json.object();
        if (!DETAIL_TYPE.equals(Json.text(event, "detail-type")) || !event.path("detail").isObject()) {
            Log.info("jobstate.ignored", "detailType", Json.text(event, "detail-type"), "note", "not a Batch Job State Change");
            return out.put("acknowledged", true).put("ignored", "not a Batch Job State Change");
        }
        JobFacts job = JobFacts.fromEvent(event.get("detail"));
        out.put("jobId", job.jobId()).put("status", job.status());
        if (!job.isGboJob()) {
            Log.info("jobstate.ignored", "jobId", job.jobId(), "status", job.status(), "note", "no gbo parameters");
            return out.put("acknowledged", true).put("ignored", "no gboTaskToken parameter");
        }
        String token = job.taskToken();
        if (job.isArrayChild()) {
            Log.info("jobstate.ignored", "jobId", job.jobId(), "status", job.status(), "note", "array child; the parent decides");
            return out.put("acknowledged", true).put("ignored", "array child");
        }
        if (!job.terminal()) {
            String reason = job.statusReason();
            if (reason != null && reason.contains("UNDETERMINED")) {
                Log.warn("jobstate.blocked", "jobId", job.jobId(), "statusReason", reason, "token", Hashing.tokenFingerprint(token));
                return out.put("acknowledged", true).put("heartbeat", false);
            }
            return out.put("acknowledged", true).put("heartbeat", resumer.heartbeat(token, job.jobId()));
        }
        boolean accepted = resumer.notifyEnded(token, job);
        Log.info("jobstate.ended", "jobId", job.jobId(), "status", job.status(), "resumed", accepted);
        return out.put("acknowledged", true).put("resumed", accepted);
    }
}
