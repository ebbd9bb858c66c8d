package dev.gbo.functions.verify;

import dev.gbo.model.verify.Verdict;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Publishes "Batch Job Verified" / "Batch Job Failed" (source {@code gbo.orchestrator}) with the verdict
 * on EVENT_BUS_NAME. Delivery of the job state change is at least once, so consumers de-duplicate on
 * {@code jobId} + {@code status}.
 */
public final class VerdictPublisher {
    public static final String SOURCE = "gbo.orchestrator";

    private final EventBridgeClient events;
    private final String busName;

    public VerdictPublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    public void publish(Verdict verdict) {
        String detailType = verdict.succeeded() ? "Batch Job Verified" : "Batch Job Failed";
        PutEventsResponse response = events.putEvents(PutEventsRequest.builder().entries(PutEventsRequestEntry.builder()
                .eventBusName(busName).source(SOURCE).detailType(detailType)
                .resources(verdict.jobArn() == null ? java.util.List.of() : java.util.List.of(verdict.jobArn()))
                .detail(Json.toJson(verdict)).build()).build());
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().get(0);
            throw new IllegalStateException("EventBridge rejected " + detailType + " for job " + verdict.jobId() + " on bus "
                    + busName + ": " + entry.errorCode() + " " + entry.errorMessage() + "; check EVENT_BUS_NAME and the"
                    + " function's events:PutEvents permission");
        }
        Log.info("verdict.publish", "detailType", detailType, "jobId", verdict.jobId(), "bus", busName);
    }
}
