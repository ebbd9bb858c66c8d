package dev.gbo.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.Fixtures;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.request.RequestDefaults;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.model.support.Json;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.RegisterJobDefinitionRequest;

class JobDefinitionSpecTest {
    private static JobRequest request(Consumer<ObjectNode> change, String executionName) {
        ObjectNode partial = (ObjectNode) Fixtures.event("console-input.json");
        change.accept(partial);
        return new RequestNormalizer(RequestDefaults.fromEnvironment(Map.of())).normalize(partial, executionName);
    }

    private static String hash(JobRequest r) {
        return JobDefinitionSpec.of("gbo", r, null, null).contentHash();
    }

    @Test
    void contentHash_sameContent_sameHashEvenForOtherRequestIds() {
        assertThat(hash(request(p -> { }, "run-1"))).isEqualTo(hash(request(p -> { }, "run-2"))).hasSize(64);
    }

    @Test
    void contentHash_anyContentChange_newHash() {
        String base = hash(request(p -> { }, "r"));

        assertThat(hash(request(p -> p.put("image", "python:3.13"), "r"))).isNotEqualTo(base);
        assertThat(hash(request(p -> p.putArray("command").add("python").add("/app/other.py"), "r"))).isNotEqualTo(base);
        assertThat(hash(request(p -> p.put("vcpus", 2), "r"))).isNotEqualTo(base);
        assertThat(hash(request(p -> p.put("memoryMiB", 4096), "r"))).isNotEqualTo(base);
        assertThat(hash(request(p -> p.putObject("environment").put("A", "1"), "r"))).isNotEqualTo(base);
        assertThat(hash(request(p -> p.putObject("retry").put("attempts", 5), "r"))).isNotEqualTo(base);
        assertThat(hash(request(p -> p.put("timeoutSeconds", 120), "r"))).isNotEqualTo(base);
        JobRequest r = request(p -> { }, "r");
        assertThat(JobDefinitionSpec.of("gbo", r, "arn:aws:iam::123456789012:role/job", null).contentHash()).isNotEqualTo(base);
        assertThat(JobDefinitionSpec.of("gbo", r, null, "/custom/logs").contentHash()).isNotEqualTo(base);
    }

    @Test
    void contentHash_environmentOrder_doesNotMatter() {
        String ab = hash(request(p -> p.putObject("environment").put("A", "1").put("B", "2"), "r"));
        String ba = hash(request(p -> p.putObject("environment").put("B", "2").put("A", "1"), "r"));

        assertThat(ab).isEqualTo(ba);
    }

    @Test
    void contentHash_s3InputVariables_doNotCreateNewRevisions() {
        RequestNormalizer normalizer = new RequestNormalizer(RequestDefaults.fromEnvironment(Map.of("DEFAULT_JOB_JSON",
                "{\"name\": \"ingest\", \"image\": \"python:3.12\", \"command\": [\"python\", \"/app/ingest.py\"]}")));
        ObjectNode first = (ObjectNode) Fixtures.event("s3-object-created.json");
        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.get("detail").get("object")).put("key", "incoming/other.csv");
        second.put("id", "another-event");

        assertThat(hash(normalizer.normalize(first, null))).isEqualTo(hash(normalizer.normalize(second, null)));
    }

    @Test
    void registerRequest_carriesArm64Ec2RetryTimeoutAndHash() {
        JobDefinitionSpec spec = JobDefinitionSpec.of("gbo", request(p -> p.putObject("environment").put("A", "1"), "r"), null, null);
        RegisterJobDefinitionRequest r = spec.registerRequest();

        assertThat(r.jobDefinitionName()).isEqualTo("gbo-arm64-demo");
        assertThat(r.platformCapabilitiesAsStrings()).containsExactly("EC2");
        assertThat(r.containerProperties().runtimePlatform()).as("runtimePlatform is for Fargate only").isNull();
        assertThat(r.tags()).containsEntry("gbo:architecture", "arm64");
        assertThat(spec.content().get("architecture").asText()).isEqualTo("arm64");
        assertThat(r.containerProperties().resourceRequirements()).extracting(rr -> rr.typeAsString() + "=" + rr.value())
                .containsExactly("VCPU=1", "MEMORY=2048");
        assertThat(r.containerProperties().environment()).extracting(kv -> kv.name() + "=" + kv.value()).containsExactly("A=1");
        assertThat(r.retryStrategy().attempts()).isEqualTo(3);
        assertThat(r.retryStrategy().evaluateOnExit()).hasSize(3);
        assertThat(r.retryStrategy().evaluateOnExit().get(2).actionAsString()).isEqualTo("EXIT");
        assertThat(r.retryStrategy().evaluateOnExit().get(2).onReason()).isEqualTo("*");
        assertThat(r.timeout().attemptDurationSeconds()).isEqualTo(3600);
        assertThat(r.parameters()).containsEntry(JobDefinitionSpec.HASH_KEY, spec.contentHash());
        assertThat(r.tags()).containsEntry(JobDefinitionSpec.HASH_KEY, spec.contentHash());
        assertThat(r.containerProperties().logConfiguration()).isNull();
    }

    @Test
    void retryPolicy_jsonAndSdk_agreeAndEndWithExit() {
        var strategy = RetryPolicy.strategy(4);
        var json = RetryPolicy.json(4);

        assertThat(json.get("attempts").asInt()).isEqualTo(strategy.attempts());
        assertThat(strategy.evaluateOnExit()).hasSizeLessThanOrEqualTo(5);
        assertThat(strategy.evaluateOnExit().get(0).onStatusReason()).isEqualTo("Host EC2*");
        assertThat(strategy.evaluateOnExit().get(1).onStatusReason()).isEqualTo("Your Spot Task was interrupted*");
        assertThat(Json.toJson(json)).contains("\"action\":\"EXIT\",\"onReason\":\"*\"");
    }
}
