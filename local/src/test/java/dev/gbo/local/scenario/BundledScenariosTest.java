package dev.gbo.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.fleet.FleetHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each bundled scenario does what docs/scenarios.md says. */
class BundledScenariosTest {

    private static FleetHarness open(String name) {
        return new FleetHarness(ScenarioLoader.load(Path.of("..", "scenarios", name + ".json")), SimClock.Mode.VIRTUAL);
    }

    private static String log(FleetHarness h, JsonNode job) {
        return String.join("\n", h.logs.messages("/aws/batch/job", job.at("/container/logStreamName").asText()));
    }

    @Test
    void demo_m9gNotInSubnetZones_m8gSpotThenSucceedsPrintingAarch64() {
        try (FleetHarness h = open("demo")) {
            JsonNode offerings = h.call("ec2", "DescribeInstanceTypeOfferings",
                    "{\"LocationType\":\"availability-zone\",\"Filter\":[{\"Name\":\"instance-type\",\"Value\":[\"m9g.*\"]}]}");
            assertThat(offerings.get("instanceTypeOfferingSet")).allSatisfy(o ->
                    assertThat(o.get("location").asText()).isEqualTo("us-east-1c"));
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"retryStrategy\":{\"attempts\":3}");
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.at("/attempts/0/statusReason").asText()).startsWith("Host EC2 (instance i-");
            assertThat(log(h, job)).contains("\"arch\": \"aarch64\"").contains("\"job_attempt\": \"2\"");
        }
    }

    @Test
    void happyM9g_jobSucceedsFirstAttemptOnM9g() {
        try (FleetHarness h = open("happy-m9g")) {
            h.setUp("m9g", null);
            String id = h.submit("q-m9g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.get("attempts")).hasSize(1);
            assertThat(log(h, job)).contains("aarch64");
        }
    }

    @Test
    void archMismatch_execFormatErrorAndNoMatchingManifest() {
        try (FleetHarness h = open("arch-mismatch")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.call("RegisterJobDefinition", """
                    {"jobDefinitionName":"amd","type":"container","containerProperties":{"image":"repo/app:amd64",
                     "resourceRequirements":[{"type":"VCPU","value":"1"},{"type":"MEMORY","value":"512"}]}}""");
            String amd = h.call("SubmitJob", "{\"jobName\":\"amd\",\"jobQueue\":\"q-m8g\",\"jobDefinition\":\"amd\"}")
                    .get("jobId").asText();
            h.idle();
            assertThat(log(h, h.job(id))).contains("exec format error");
            assertThat(h.job(id).at("/container/exitCode").asInt()).isEqualTo(1);
            assertThat(h.job(amd).at("/container/reason").asText()).contains("no matching manifest for linux/arm64/v8");
        }
    }

    @Test
    void capacityTimelimit_m9gCancelledThenM8gSucceeds() {
        try (FleetHarness h = open("capacity-timelimit")) {
            h.setUp("m9g", "\"jobStateTimeLimitActions\":[{\"reason\":\"CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY\","
                    + "\"state\":\"RUNNABLE\",\"maxTimeSeconds\":600,\"action\":\"CANCEL\"}]");
            String id = h.submit("q-m9g", null);
            h.idle();
            assertThat(h.job(id).get("statusReason").asText()).startsWith("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY");
            assertThat(h.status(id)).isEqualTo("FAILED");
            h.setUp("m8g", null);
            String fallback = h.submit("q-m8g", null);
            h.idle();
            assertThat(h.status(fallback)).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void ceInvalid_computeEnvironmentInvalidWithClientError() {
        try (FleetHarness h = open("ce-invalid")) {
            h.setUp("m8g", null);
            h.idle();
            JsonNode ce = h.call("DescribeComputeEnvironments", "{}").get("computeEnvironments").get(0);
            assertThat(ce.get("status").asText()).isEqualTo("INVALID");
            assertThat(ce.get("statusReason").asText()).startsWith("CLIENT_ERROR - ");
        }
    }

    @Test
    void batchRefusesM9g_offeredByEc2ButRefusedByBatch() {
        try (FleetHarness h = open("batch-refuses-m9g")) {
            assertThat(h.call("ec2", "DescribeInstanceTypeOfferings",
                    "{\"Filter\":[{\"Name\":\"instance-type\",\"Value\":[\"m9g.large\"]}]}").get("instanceTypeOfferingSet"))
                    .hasSize(1);
            assertThatThrownBy(() -> h.setUp("m9g", null)).isInstanceOf(AwsException.class)
                    .hasMessageStartingWith("Instance type can only be one of [")
                    .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("ClientException"));
        }
    }
}
