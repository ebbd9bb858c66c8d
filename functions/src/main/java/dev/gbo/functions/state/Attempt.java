package dev.gbo.functions.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.model.request.JobRequest;

/**
 * The state of one logical attempt inside the RunJob Parallel, as Submit (plus {@code taskToken}), VerifyJob
 * ({@code action: "verify"} and the callback's {@code notice}) and Reconcile receive it.
 */
public record Attempt(String action, JobRequest request, CapacityDecision capacity, QueueState queue, int attempt,
        String taskToken, String executionName, String executionArn, JsonNode notice) {

    static final String NO_REQUEST = "state has no 'request' object; NormalizeHandler output must be at $.request";

    public Attempt {
        if (request == null) {
            throw new IllegalArgumentException(NO_REQUEST);
        }
    }

    /** VerifyJob: the task was woken with a notice; otherwise the callback wait timed out (Reconcile). */
    public boolean verifiesNotice() {
        return "verify".equals(action);
    }

    /** The execution the job belongs to ({@code gboExecution}): its name, else its ARN. */
    public String execution() {
        return executionName != null ? executionName : executionArn;
    }

    public String family() {
        return capacity == null ? null : capacity.family();
    }
}
