package dev.gbo.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.lambda.fixtures.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The console's read-only view of EventBridge: events per bus with the rule and target that got each, and DLQ records. */
class RecentActivityIT {
    private LocalCloud cloud;
    private EventBridgeClient events;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        events = Clients.of(EventBridgeClient.builder(), cloud);
    }

    @AfterEach
    void stop() {
        events.close();
        cloud.close();
    }

    private String put(String bus, String source, String detail) {
        return events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(bus).source(source)
                .detailType("Thing Happened").detail(detail).build())).entries().get(0).eventId();
    }

    private static JsonNode bus(JsonNode activity, String name) {
        for (JsonNode b : activity.path("buses")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no bus " + name + " in " + activity);
    }

    @Test
    void eventActivity_eventDeliveredToQueueTarget_showsRuleTargetAndOutcome() {
        events.createEventBus(b -> b.name("project"));
        events.putRule(b -> b.eventBusName("project").name("inbox-rule").eventPattern("{\"source\":[\"app\"]}"));
        events.putTargets(b -> b.eventBusName("project").rule("inbox-rule")
                .targets(Target.builder().id("inbox").arn("arn:aws:sqs:us-east-1:123456789012:inbox").build()));
        String id = put("project", "app", "{\"n\":1}");
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode project = bus(cloud.eventActivity(50), "project");

        JsonNode event = project.path("events").get(0);
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("source").asText()).isEqualTo("app");
        assertThat(event.path("event").path("detail").path("n").asInt()).isEqualTo(1);
        JsonNode delivery = event.path("deliveries").get(0);
        assertThat(delivery.path("rule").asText()).isEqualTo("inbox-rule");
        assertThat(delivery.path("targetId").asText()).isEqualTo("inbox");
        assertThat(delivery.path("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(bus(cloud.eventActivity(50), "default").path("events")).isEmpty();
    }

    @Test
    void eventActivity_undeliverableEvent_showsDeadLetteredAndTheDlqRecord() {
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("ghost")
                .arn("arn:aws:lambda:us-east-1:123456789012:function:ghost")
                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:123456789012:gbo-dlq")).build()));
        String id = put("default", "x", "{}");
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode activity = cloud.eventActivity(50);

        JsonNode event = bus(activity, "default").path("events").get(0);
        assertThat(event.path("id").asText()).isEqualTo(id);
        List<String> outcomes = new ArrayList<>();
        event.path("deliveries").forEach(d -> outcomes.add(d.path("outcome").asText()));
        assertThat(outcomes).contains("DEAD_LETTERED");
        JsonNode dlq = activity.path("deadLetterQueues").get(0);
        assertThat(dlq.path("name").asText()).isEqualTo("gbo-dlq");
        JsonNode message = dlq.path("messages").get(0);
        assertThat(message.path("attributes").path("ERROR_CODE").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(message.path("body").asText()).contains(id);
    }

    @Test
    void eventActivity_moreEventsThanAsked_newestFirstLimited() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            put("default", "app", "{\"n\":" + n + "}");
        }

        JsonNode recent = bus(cloud.eventActivity(3), "default").path("events");

        assertThat(recent).hasSize(3);
        assertThat(recent.get(0).path("event").path("detail").path("n").asInt()).isEqualTo(4);
    }
}
