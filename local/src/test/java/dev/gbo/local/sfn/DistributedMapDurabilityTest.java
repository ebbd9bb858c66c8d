package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.s3.S3Service;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Map runs in a durable cloud ({@code gbo serve --state-dir}): a completed map run and its counts are
 * there after a restart; one that was running is ABORTED, and its parent execution, resumed from its
 * history, runs the Map state again as a new map run.
 */
class DistributedMapDurabilityTest {

    @TempDir
    Path dir;

    static final String DEFINITION = """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "items", "ItemSelector": {"in.$": "$"},
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                "Parameters": {"Bucket": "in", "Key": "items.json"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Choose", "States": {
                  "Choose": {"Type": "Choice", "Choices": [{"Variable": "$.in.wait", "IsPresent": true, "Next": "Slow"}],
                    "Default": "Done"},
                  "Slow": {"Type": "Wait", "Seconds": 100, "Next": "Done"},
                  "Done": {"Type": "Pass", "End": true}}},
              "End": true}}}""";

    private static JsonNode call(LocalCloud cloud, String op, JsonNode in) {
        return cloud.services().get("states").call(op, in, new RequestContext("us-east-1", "000000000000", "req"));
    }

    private static JsonNode describeRun(LocalCloud cloud, String arn) {
        return Json.parse(Json.write(call(cloud, "DescribeMapRun", Json.object().put("mapRunArn", arn))));
    }

    private static JsonNode runsOf(LocalCloud cloud, String exec) {
        return call(cloud, "ListMapRuns", Json.object().put("executionArn", exec)).get("mapRuns");
    }

    private static String start(LocalCloud cloud, String machine, String name, String input) {
        ObjectNode in = Json.object().put("stateMachineArn", machine).put("name", name).put("input", input);
        return call(cloud, "StartExecution", in).get("executionArn").asText();
    }

    @Test
    void restart_afterMapRuns_keepsTheCompletedRunAndAbortsTheRunningOne() {
        String done;
        String slow;
        JsonNode doneRun;
        String slowRun;
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            S3Service s3 = (S3Service) cloud.services().get("s3");
            s3.createBucket("in");
            s3.putObject("in", "items.json", "[1, 2, 3]".getBytes(), "application/json");
            ObjectNode create = Json.object().put("name", "durable-map").put("definition", DEFINITION)
                    .put("roleArn", "arn:aws:iam::000000000000:role/StatesRole");
            String machine = call(cloud, "CreateStateMachine", create).get("stateMachineArn").asText();
            done = start(cloud, machine, "done", "{}");
            cloud.clock().awaitIdle(Duration.ofSeconds(10));
            slow = start(cloud, machine, "slow", "{\"wait\": true}");
            cloud.clock().awaitIdle(Duration.ofSeconds(10));
            doneRun = describeRun(cloud, runsOf(cloud, done).get(0).get("mapRunArn").asText());
            slowRun = runsOf(cloud, slow).get(0).get("mapRunArn").asText();
            assertThat(doneRun.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(describeRun(cloud, slowRun).get("status").asText()).isEqualTo("RUNNING");
        }
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            assertThat(describeRun(cloud, doneRun.get("mapRunArn").asText())).isEqualTo(doneRun);
            assertThat(runsOf(cloud, done)).hasSize(1);
            JsonNode aborted = describeRun(cloud, slowRun);
            assertThat(aborted.get("status").asText()).isEqualTo("ABORTED");
            assertThat(aborted.at("/itemCounts/aborted").asInt()).isEqualTo(3);
            assertThat(aborted.at("/itemCounts/running").asInt()).isZero();
            cloud.clock().awaitIdle(Duration.ofSeconds(10));
            JsonNode runs = runsOf(cloud, slow);
            assertThat(runs).hasSize(2);
            cloud.clock().advance(Duration.ofSeconds(100));
            cloud.clock().awaitIdle(Duration.ofSeconds(10));
            assertThat(describeRun(cloud, runs.get(1).get("mapRunArn").asText()).get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(call(cloud, "DescribeExecution", Json.object().put("executionArn", slow)).get("status").asText())
                    .isEqualTo("SUCCEEDED");
        }
    }
}
