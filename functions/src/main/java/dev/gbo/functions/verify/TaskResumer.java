package dev.gbo.functions.verify;

import dev.gbo.model.verify.JobFacts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.support.Hashing;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Heartbeats and wakes the waiting Step Functions task. A token that is stale (duplicate or out-of-order event,
 * task already closed or timed out) is logged and acknowledged: those SendTask* calls never throw.
 */
public final class TaskResumer {
    private final SfnClient sfn;

    public TaskResumer(SfnClient sfn) {
        this.sfn = sfn;
    }

    /** @return true when Step Functions accepted the heartbeat */
    public boolean heartbeat(String token, String jobId) {
        try {
            sfn.sendTaskHeartbeat(SendTaskHeartbeatRequest.builder().taskToken(token).build());
            Log.info("task.heartbeat", "jobId", jobId, "token", Hashing.tokenFingerprint(token));
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException e) {
            stale("task.heartbeat.stale", token, jobId, e);
            return false;
        }
    }

    /**
     * Wakes the waiting task with a notice that the job ended: {@code {jobId, jobName, status}}. The
     * notice is not a verdict: the state machine's VerifyJob step asks Batch itself
     * ({@link VerdictConfirmer}), so a token holder can never make an execution succeed.
     *
     * @return true when Step Functions accepted it
     */
    public boolean notifyEnded(String token, JobFacts job) {
        ObjectNode notice = Json.object().put("jobId", job.jobId()).put("jobName", job.jobName()).put("status", job.status());
        try {
            sfn.sendTaskSuccess(SendTaskSuccessRequest.builder().taskToken(token).output(Json.toJson(notice)).build());
            Log.info("task.notify", "jobId", job.jobId(), "status", job.status(), "token", Hashing.tokenFingerprint(token));
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException e) {
            stale("task.notify.stale", token, job.jobId(), e);
            return false;
        }
    }

    private static void stale(String event, String token, String jobId, Exception e) {
        Log.warn(event, "jobId", jobId, "token", Hashing.tokenFingerprint(token), "exception", e.getClass().getSimpleName(),
                "note", "duplicate, out-of-order or expired callback; acknowledged");
    }
}
