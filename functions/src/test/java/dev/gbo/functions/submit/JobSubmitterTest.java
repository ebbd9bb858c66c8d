package dev.gbo.functions.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.Fixtures;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.request.RequestDefaults;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.model.support.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;

class JobSubmitterTest {
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAe-task-token";

    private static JobRequest request(int arraySize) {
        ObjectNode partial = (ObjectNode) Fixtures.event("console-input.json");
        partial.put("arraySize", arraySize);
        partial.putObject("environment").put("MODE", "full");
        partial.putObject("parameters").put("size", "256");
        return new RequestNormalizer(RequestDefaults.fromEnvironment(Map.of())).normalize(partial, "demo-run-1");
    }

    private static SubmitJobRequest submit(JobRequest r) {
        return JobSubmitter.submitRequest(r, "gbo-arm64-demo-abc-m8g-a1", "arn:queue", "arn:jobdef:3", "m8g", TOKEN, 1, "demo-run-1");
    }

    @Test
    void submitRequest_carriesEveryGboParameterAndTheRequestParameters() {
        SubmitJobRequest s = submit(request(0));

        assertThat(s.parameters()).containsEntry("gboTaskToken", TOKEN).containsEntry("gboRequestId", "exec-demo-run-1")
                .containsEntry("gboAttempt", "1").containsEntry("gboMaxAttempts", "3").containsEntry("gboFamily", "m8g")
                .containsEntry("gboExecution", "demo-run-1").containsEntry("size", "256");
        assertThat(Json.parse(s.parameters().get("gboVerify")).get("architecture").asText()).isEqualTo("aarch64");
        assertThat(s.jobName()).isEqualTo("gbo-arm64-demo-abc-m8g-a1");
        assertThat(s.jobQueue()).isEqualTo("arn:queue");
        assertThat(s.jobDefinition()).isEqualTo("arn:jobdef:3");
    }

    @Test
    void submitRequest_retryTimeoutAndEnvironment_fromRequest() {
        SubmitJobRequest s = submit(request(0));

        assertThat(s.retryStrategy().attempts()).isEqualTo(3);
        assertThat(s.retryStrategy().evaluateOnExit()).hasSize(3);
        assertThat(s.timeout().attemptDurationSeconds()).isEqualTo(3600);
        assertThat(s.containerOverrides().environment()).extracting(kv -> kv.name() + "=" + kv.value()).containsExactly("MODE=full");
        assertThat(s.arrayProperties()).isNull();
        assertThat(s.tags()).doesNotContainValue(TOKEN);
    }

    @Test
    void submitRequest_arraySizeTwoOrMore_setsArrayProperties() {
        assertThat(submit(request(50)).arrayProperties().size()).isEqualTo(50);
    }

    @Test
    void submitRequest_largestToken_staysUnder30KiB() {
        String token = "t".repeat(2048);
        SubmitJobRequest s = JobSubmitter.submitRequest(request(0), "n", "q", "d", "m8g", token, 0, "e");

        assertThat(Json.toJson(s.parameters()).length() + Json.toJson(request(0).toJson()).length()).isLessThan(30 * 1024);
    }
}
