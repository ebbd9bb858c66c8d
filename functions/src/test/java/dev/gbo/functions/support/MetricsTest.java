package dev.gbo.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static List<JsonNode> emfLines(Runnable invocation) {
        PrintStream previous = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            invocation.run();
        } finally {
            System.setOut(previous);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"_aws\"")).map(Json::parse).toList();
    }

    @Test
    void oneEmfLinePerDimensionCombinationWithTheTotalAndPropertiesFlushedAtTheEnd() {
        List<JsonNode> lines = emfLines(() -> {
            Metrics.begin("CapacityHandler");
            Metrics.property("requestId", "req-1");
            Metrics.count(Metrics.CAPACITY_DECISIONS, 1, Metrics.dims(Metrics.FAMILY, "m8g"));
            Metrics.count(Metrics.FALLBACKS, 1, Metrics.dims(Metrics.FAMILY, "m9g", Metrics.REASON, "not-offered"),
                    Metrics.dims(Metrics.REASON, "not-offered"));
            Metrics.seconds(Metrics.RUNNABLE_WAIT, 12.5, Metrics.dims(Metrics.QUEUE, "gbo-m8g-spot"));
            Metrics.seconds(Metrics.RUNNABLE_WAIT, 3, Metrics.dims(Metrics.QUEUE, "gbo-m8g-spot"));
            Metrics.end();
        });
        assertThat(lines).hasSize(3);
        JsonNode fallback = lines.get(1);
        JsonNode directive = fallback.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("gbo");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Family\",\"Reason\"],[\"Reason\"],[]]");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("Fallbacks");
        assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");
        assertThat(fallback.get("_aws").get("Timestamp").isNumber()).isTrue();
        assertThat(fallback.get("Family").asText()).isEqualTo("m9g");
        assertThat(fallback.get("Reason").asText()).isEqualTo("not-offered");
        assertThat(fallback.get("Fallbacks").asDouble()).isEqualTo(1.0);
        assertThat(fallback.get("requestId").asText()).isEqualTo("req-1");
        assertThat(fallback.get("function").asText()).isEqualTo("CapacityHandler");
        JsonNode wait = lines.get(2);
        assertThat(wait.get("RunnableWait").toString()).isEqualTo("[12.5,3.0]");
        assertThat(wait.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText()).isEqualTo("Seconds");
    }

    @Test
    void outsideAnInvocationNothingIsRecorded() {
        assertThat(emfLines(() -> {
            Metrics.count(Metrics.JOBS_SUBMITTED, 1, Metrics.dims(Metrics.FAMILY, "m8g"));
            Metrics.end();
        })).isEmpty();
    }
}
