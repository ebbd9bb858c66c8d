package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Hashing;
import dev.gbo.functions.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import dev.gbo.functions.verify.FailureClassifier;
import dev.gbo.functions.verify.JobFacts;
import dev.gbo.functions.verify.JobInspector;
import dev.gbo.functions.verify.JobVerifier;
import dev.gbo.functions.verify.LogReader;
import dev.gbo.functions.verify.TaskResumer;
import dev.gbo.functions.verify.Verdict;
import dev.gbo.functions.verify.VerdictPublisher;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;

/**
 * JobStateChangeFunction, the EventBridge target for "Batch Job State Change". Non-terminal events
 * heartbeat the waiting task; terminal events are verified, the task is resumed (SendTaskSuccess /
 * SendTaskFailure) and "Batch Job Verified" / "Batch Job Failed" is published. Jobs without gbo
 * parameters, array children, duplicates and stale tokens are acknowledged without throwing.
 */
public final class JobStateChangeHandler extends JsonStreamHandler {
    static final String DETAIL_TYPE = "Batch Job State Change";

    private final SfnClient sfn;
    private final JobVerifier verifier = new JobVerifier(new FailureClassifier());
    private final JobInspector inspector;
    private final TaskResumer resumer;
    private final VerdictPublisher publisher;

    public JobStateChangeHandler() {
        this(System.getenv());
    }

    public JobStateChangeHandler(Map<String, String> environment) {
        this(new Clients(environment), Config.from(environment));
    }

    private JobStateChangeHandler(Clients clients, Config config) {
        this(clients.sfn(), clients.logs(), clients.eventBridge(), config);
    }

    JobStateChangeHandler(SfnClient sfn, CloudWatchLogsClient logs, EventBridgeClient events, Config config) {
        this.sfn = sfn;
        this.inspector = new JobInspector(new LogReader(logs, config.logGroup()), verifier);
        this.resumer = new TaskResumer(sfn);
        this.publisher = new VerdictPublisher(events, config.eventBusName());
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
        Verdict verdict = inspector.inspect(job);
        boolean accepted = resumer.resume(token, verdict);
        publisher.publish(verdict);
        Log.info("jobstate.verdict", "jobId", job.jobId(), "status", job.status(), "failureClass", verdict.failureClass(),
                "error", verdict.error(), "resumed", accepted);
        return out.put("acknowledged", true).put("resumed", accepted).put("failureClass", verdict.failureClass());
    }

    @Override
    void prime() {
        Priming.step("verifier success", () -> Json.toJson(verifier.verify(
                JobFacts.fromEvent(Json.parse(Priming.SUCCEEDED_JOB)), List.of("{\"arch\": \"aarch64\"}"))));
        Priming.step("verifier failure", () -> Json.toJson(verifier.verify(
                JobFacts.fromEvent(Json.parse(Priming.FAILED_JOB)), List.of())));
        Priming.step("sfn SendTaskHeartbeat (invalid token)", () -> sfn.sendTaskHeartbeat(
                SendTaskHeartbeatRequest.builder().taskToken("gbo-priming-invalid-token").build()));
    }
}
