package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Hashing;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import dev.gbo.model.verify.JobFacts;
import dev.gbo.functions.verify.TaskResumer;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;

/**
 * JobStateChangeFunction, the EventBridge target for "Batch Job State Change". Non-terminal events
 * heartbeat the waiting task; a terminal event wakes it with a notice {@code {jobId, jobName, status}}
 * (SendTaskSuccess). It reads no logs and gives no verdict: the state machine's VerifyJob step asks
 * Batch and CloudWatch Logs itself, with the state machine's retries, so a burst of finishing jobs
 * never loses a verdict to GetLogEvents' 25 TPS and a token holder can never forge a success. Jobs
 * without gbo parameters, array children, duplicates and stale tokens are acknowledged without throwing.
 */
public final class JobStateChangeHandler extends JsonStreamHandler {
    static final String DETAIL_TYPE = "Batch Job State Change";

    private final SfnClient sfn;
    private final TaskResumer resumer;

    public JobStateChangeHandler() {
        this(System.getenv());
    }

    public JobStateChangeHandler(Map<String, String> environment) {
        this(new Clients(environment), Config.from(environment));
    }

    private JobStateChangeHandler(Clients clients, Config config) {
        this(clients.sfn());
    }

    JobStateChangeHandler(SfnClient sfn) {
        this.sfn = sfn;
        this.resumer = new TaskResumer(sfn);
        registerForSnapStart();
    }

    @Override
    Object handle(JsonNode event) {
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
                // Time-limit actions do not cover this reason: no heartbeat, so HeartbeatSeconds ends the wait
                // and ReconcileHandler reports the blocked job.
                Log.warn("jobstate.blocked", "jobId", job.jobId(), "statusReason", reason, "token", Hashing.tokenFingerprint(token));
                return out.put("acknowledged", true).put("heartbeat", false);
            }
            return out.put("acknowledged", true).put("heartbeat", resumer.heartbeat(token, job.jobId()));
        }
        boolean accepted = resumer.notifyEnded(token, job);
        Log.info("jobstate.ended", "jobId", job.jobId(), "status", job.status(), "resumed", accepted);
        return out.put("acknowledged", true).put("resumed", accepted);
    }

    @Override
    void prime() {
        Priming.step("job facts", () -> JobFacts.fromEvent(Json.parse(Priming.SUCCEEDED_JOB)).terminal());
        Priming.step("sfn SendTaskHeartbeat (invalid token)", () -> sfn.sendTaskHeartbeat(
                SendTaskHeartbeatRequest.builder().taskToken("gbo-priming-invalid-token").build()));
    }
}
