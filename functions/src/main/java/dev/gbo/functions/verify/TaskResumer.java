package dev.gbo.functions.verify;

import dev.gbo.functions.support.Hashing;
import dev.gbo.functions.support.Json;
import dev.gbo.functions.support.Log;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Resumes the waiting Step Functions task. A token that is stale (duplicate or out-of-order event,
 * task already closed or timed out) is logged and acknowledged: those SendTask* calls never throw.
 */
public final class TaskResumer {
    static final int MAX_ERROR = 256;

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

    /** @return true when Step Functions accepted the result */
    public boolean resume(String token, Verdict verdict) {
        try {
            if (verdict.succeeded()) {
                sfn.sendTaskSuccess(SendTaskSuccessRequest.builder().taskToken(token).output(Json.toJson(verdict)).build());
            } else {
                String error = verdict.error().length() > MAX_ERROR ? verdict.error().substring(0, MAX_ERROR) : verdict.error();
                sfn.sendTaskFailure(SendTaskFailureRequest.builder().taskToken(token).error(error)
                        .cause(verdict.cause()).build());
            }
            Log.info("task.resume", "jobId", verdict.jobId(), "token", Hashing.tokenFingerprint(token),
                    "error", verdict.error(), "failureClass", verdict.failureClass());
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException e) {
            stale("task.resume.stale", token, verdict.jobId(), e);
            return false;
        }
    }

    private static void stale(String event, String token, String jobId, Exception e) {
        Log.warn(event, "jobId", jobId, "token", Hashing.tokenFingerprint(token), "exception", e.getClass().getSimpleName(),
                "note", "duplicate, out-of-order or expired callback; acknowledged");
    }
}
