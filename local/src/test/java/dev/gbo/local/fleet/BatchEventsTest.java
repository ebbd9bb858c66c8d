package dev.gbo.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Batch Job State Change" through the real EventBridge service to a rule target. */
class BatchEventsTest {

    private static List<JsonNode> run(FleetHarness h) {
        h.call("events", "PutRule", """
                {"Name":"batch-jobs","EventPattern":"{\\"source\\":[\\"aws.batch\\"],\\"detail-type\\":[\\"Batch Job State Change\\"]}"}""");
        h.call("events", "PutTargets", """
                {"Rule":"batch-jobs","Targets":[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:123456789012:batch-events"}]}""");
        h.setUp("m8g", null);
        String id = h.submit("q-m8g", "\"parameters\":{\"gboRequestId\":\"r-7\"}");
        h.idle();
        assertThat(h.status(id)).isEqualTo("SUCCEEDED");
        EventBridgeService events = (EventBridgeService) h.cloud.services().get("events");
        return events.deadLetters().messages("batch-events").stream().map(m -> Json.parse(m.body())).toList();
    }

    @Test
    void submitJob_eventBridgeRule_receivesEveryTransitionOnce() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            List<JsonNode> got = run(h);
            assertThat(got).extracting(e -> e.at("/detail/status").asText())
                    .containsExactly("PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED");
            assertThat(got).allSatisfy(e -> {
                assertThat(e.get("source").asText()).isEqualTo("aws.batch");
                assertThat(e.at("/detail/parameters/gboRequestId").asText()).isEqualTo("r-7");
            });
        }
    }

    @Test
    void submitJob_duplicateEventsScenario_duplicatesAndReordersDeliveries() {
        try (FleetHarness h = new FleetHarness(ScenarioLoader.load(Path.of("..", "scenarios", "duplicate-events.json")),
                SimClock.Mode.VIRTUAL)) {
            List<JsonNode> got = run(h);
            assertThat(got.size()).isGreaterThan(5);
            assertThat(got).extracting(e -> e.at("/detail/status").asText())
                    .contains("PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED");
            assertThat(got.stream().map(e -> e.get("id").asText()).distinct().count()).isEqualTo(5);
        }
    }
}
