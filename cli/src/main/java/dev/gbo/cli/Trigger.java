package dev.gbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.testkit.LocalDeployment;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Fires a trigger event the way it reaches the orchestrator on AWS: an S3 "Object Created" event
 * becomes a real upload into the simulated bucket (S3 then emits the event), events of AWS
 * sources ({@code aws.*}, which PutEvents refuses to callers) are emitted by the local cloud
 * itself onto the default bus, a custom event is put on the project bus with PutEvents, and
 * anything without an EventBridge envelope is console input for StartExecution.
 */
final class Trigger {
    private Trigger() {
    }

    /** The bucket an S3 event names, so the deployment listens on it; null otherwise. */
    static String bucketOf(JsonNode event) {
        if ("aws.s3".equals(event.path("source").asText()) && event.path("detail").path("bucket").hasNonNull("name")) {
            return event.path("detail").path("bucket").path("name").asText();
        }
        return null;
    }

    /** A schedule in the template's rule that fires once during a run: the first firing is a day after deployment. */
    static final String SCHEDULE = "rate(1 day)";

    static boolean isScheduled(JsonNode event) {
        return "aws.events".equals(event.path("source").asText()) && "Scheduled Event".equals(event.path("detail-type").asText());
    }

    static String fire(LocalDeployment local, JsonNode event, String label) {
        String source = event.path("source").asText("");
        boolean envelope = event.has("detail-type") && event.has("source") && event.has("detail");
        if (!envelope) {
            String arn = local.startExecution(event.toString());
            return "console input " + label + " -> StartExecution " + arn;
        }
        if (source.equals("aws.s3") && "Object Created".equals(event.path("detail-type").asText())) {
            String bucket = event.path("detail").path("bucket").path("name").asText();
            String key = event.path("detail").path("object").path("key").asText();
            if (key.isEmpty()) {
                throw new UsageException(label + ": detail.object.key is missing");
            }
            long size = event.path("detail").path("object").path("size").asLong(64);
            try (var s3 = local.s3()) {
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(new byte[(int) Math.min(size, 1 << 20)]));
            }
            return "PutObject s3://" + bucket + "/" + key + " (S3 emits Object Created)";
        }
        if (isScheduled(event)) {
            // A schedule rule has no event pattern: EventBridge itself fires it. The deployment has the rule on
            // SCHEDULE; a (non-daemon) wake-up task carries the virtual clock to its first firing.
            java.time.Duration untilFirst = java.time.Duration.ofDays(1).plusSeconds(1);
            local.cloud().clock().schedule(untilFirst, "wait for the first scheduled firing", () -> { });
            return "schedule " + SCHEDULE + " on the template's ScheduleRule (fires at +1 day)";
        }
        if (source.startsWith("aws.")) {
            local.cloud().services().events().putEvent("default", (ObjectNode) event.deepCopy());
            return source + " \"" + event.path("detail-type").asText() + "\" emitted on the default bus";
        }
        String bus = local.projectBus();
        try (var events = local.events()) {
            var response = events.putEvents(r -> r.entries(e -> e.eventBusName(bus).source(source)
                    .detailType(event.path("detail-type").asText()).detail(event.path("detail").toString())));
            if (response.failedEntryCount() > 0) {
                throw new IllegalStateException("PutEvents refused the event: " + response.entries().get(0).errorCode()
                        + " " + response.entries().get(0).errorMessage());
            }
        }
        return "PutEvents " + source + " \"" + event.path("detail-type").asText() + "\" on bus " + bus;
    }
}
