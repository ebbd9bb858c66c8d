package dev.gbo.functions.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.model.request.JobRequest;

/**
 * The state Capacity and EnsureQueue receive ({@code "Payload.$": "$"}): the request, the capacity decision of the
 * previous pass (with {@code refusedFamily}/{@code refusedReason} after a fallback), the queue of the previous
 * check and, after a caught error, {@code error}.
 */
public record ExecutionState(JobRequest request, CapacityDecision capacity, QueueState queue, CaughtError error) {

    /** A Catch's {@code ResultPath} value: {@code {"Error", "Cause"}}. */
    public record CaughtError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    }

    public ExecutionState {
        if (request == null) {
            throw new IllegalArgumentException(Attempt.NO_REQUEST);
        }
    }
}
