package dev.gbo.local.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.durable.Journal;
import dev.gbo.local.fleet.FleetHarness;
import dev.gbo.local.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every acknowledged change to the Batch store is journaled, a tag-only change by ARN included. */
class BatchStoreDurableTest {

    @TempDir
    Path first;
    @TempDir
    Path second;

    private FleetHarness open(Path dir) {
        return new FleetHarness(Scenario.defaults(), SimClock.Mode.MANUAL, dir);
    }

    /** What kill -9 leaves of a running cloud: the journal as fsynced, copied while the cloud still runs. */
    private Path killed(FleetHarness h) throws IOException {
        h.cloud.durability().awaitDurable();
        Files.copy(first.resolve(Journal.FILE), second.resolve(Journal.FILE));
        return second;
    }

    private static JsonNode tags(FleetHarness h, String arn) {
        return h.call("ListTagsForResource", "{\"resourceArn\":\"" + arn + "\"}").get("tags");
    }

    @Test
    void tagResource_byArnWithNoOtherChange_isTakenBackAfterKill() throws IOException {
        Map<String, String> arns;
        try (FleetHarness h = open(first)) {
            h.setUp("m8g", null);
            String job = h.submit("q-m8g", null);
            h.advance(60);
            arns = Map.of(
                    "ce", h.call("DescribeComputeEnvironments", "{}").at("/computeEnvironments/0/computeEnvironmentArn").asText(),
                    "queue", h.call("DescribeJobQueues", "{}").at("/jobQueues/0/jobQueueArn").asText(),
                    "definition", h.call("DescribeJobDefinitions", "{}").at("/jobDefinitions/0/jobDefinitionArn").asText(),
                    "job", h.job(job).get("jobArn").asText());
            h.cloud.durability().awaitDurable(); // everything before the tags is on disk
            for (String arn : arns.values()) {
                h.call("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":{\"team\":\"graviton\",\"drop\":\"me\"}}");
                h.call("UntagResource", "{\"resourceArn\":\"" + arn + "\",\"tagKeys\":[\"drop\"]}");
            }
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            h.cloud.resumeInFlight();
            for (var e : arns.entrySet()) {
                assertThat(tags(h, e.getValue())).as(e.getKey()).isEqualTo(
                        dev.gbo.local.core.Json.parse("{\"team\":\"graviton\"}"));
            }
        }
    }

    @Test
    void untagResource_lastTagByArn_isTakenBackAfterKill() throws IOException {
        List<String> arns;
        try (FleetHarness h = open(first)) {
            h.call("CreateComputeEnvironment", """
                    {"computeEnvironmentName":"tagged","type":"MANAGED","state":"ENABLED","tags":{"k":"v"},"computeResources":{
                     "type":"EC2","allocationStrategy":"BEST_FIT_PROGRESSIVE","minvCpus":0,"maxvCpus":4,
                     "instanceTypes":["m8g.large"],"subnets":["subnet-0123456789abcdef0"],
                     "securityGroupIds":["sg-0123456789abcdef0"],"instanceRole":"ecsInstanceRole"}}""");
            h.call("RegisterJobDefinition", """
                    {"jobDefinitionName":"tagged","type":"container","tags":{"k":"v"},
                     "containerProperties":{"image":"busybox","resourceRequirements":[
                     {"type":"VCPU","value":"1"},{"type":"MEMORY","value":"512"}]}}""");
            h.advance(30);
            arns = List.of(
                    h.call("DescribeComputeEnvironments", "{}").at("/computeEnvironments/0/computeEnvironmentArn").asText(),
                    h.call("DescribeJobDefinitions", "{}").at("/jobDefinitions/0/jobDefinitionArn").asText());
            h.cloud.durability().awaitDurable();
            for (String arn : arns) {
                h.call("UntagResource", "{\"resourceArn\":\"" + arn + "\",\"tagKeys\":[\"k\"]}");
            }
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            for (String arn : arns) {
                assertThat(tags(h, arn)).as(arn).isEmpty();
            }
        }
    }
}
