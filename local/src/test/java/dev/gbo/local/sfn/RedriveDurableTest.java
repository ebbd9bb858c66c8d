package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redrive survives {@code gbo serve --state-dir}: the redriven execution, RUNNING when the cloud
 * stops, resumes from its history after the restart with its redriveCount, redriveDate and the
 * clientToken of its redrive, and can be redriven again.
 */
class RedriveDurableTest {

    private static final String DEFINITION = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Result": 1, "ResultPath": "$.prepared", "Next": "Wait for callback"},
              "Wait for callback": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
                "TimeoutSeconds": 5,
                "Parameters": {"Entries": [{"Source": "redrive.test", "DetailType": "callback",
                  "Detail": {"token.$": "$$.Task.Token"}}]},
                "End": true}}}""";

    @TempDir
    Path dir;

    private static JsonNode call(LocalCloud cloud, String op, String json) {
        return cloud.services().get("states").call(op, Json.parse(json), new RequestContext(cloud.region(), cloud.accountId(), "t"));
    }

    private static JsonNode describe(LocalCloud cloud, String exec) {
        return call(cloud, "DescribeExecution", "{\"executionArn\": \"" + exec + "\"}");
    }

    private static List<String> types(LocalCloud cloud, String exec) {
        List<String> t = new ArrayList<>();
        call(cloud, "GetExecutionHistory", "{\"executionArn\": \"" + exec + "\", \"maxResults\": 1000}").get("events")
                .forEach(e -> t.add(e.get("type").asText()));
        return t;
    }

    private static void advance(LocalCloud cloud, int seconds) {
        for (int i = 0; i < seconds; i++) {
            cloud.clock().advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void redrive_cloudRestartedWhileRedrivenExecutionRuns_resumesWithItsRedriveState() {
        String exec;
        JsonNode redriven;
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            exec = startOnNewMachine(cloud, "e1");
            advance(cloud, 6);
            assertThat(describe(cloud, exec).get("status").asText()).isEqualTo("FAILED");
            redriven = call(cloud, "RedriveExecution", "{\"executionArn\": \"" + exec + "\", \"clientToken\": \"once\"}");
            advance(cloud, 1);
            assertThat(describe(cloud, exec).get("status").asText()).isEqualTo("RUNNING");
        }
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            JsonNode d = describe(cloud, exec);
            assertThat(d.get("status").asText()).isEqualTo("RUNNING");
            assertThat(d.get("redriveCount").asInt()).isEqualTo(1);
            assertThat(d.get("redriveDate").decimalValue()).isEqualByComparingTo(redriven.get("redriveDate").decimalValue());
            assertThat(call(cloud, "RedriveExecution", "{\"executionArn\": \"" + exec + "\", \"clientToken\": \"once\"}")
                    .get("redriveDate").decimalValue()).as("the clientToken survives the restart")
                    .isEqualByComparingTo(redriven.get("redriveDate").decimalValue());

            advance(cloud, 6); // the resumed task times out again
            assertThat(describe(cloud, exec).get("status").asText()).isEqualTo("FAILED");
            call(cloud, "RedriveExecution", "{\"executionArn\": \"" + exec + "\"}");
            advance(cloud, 1);

            assertThat(describe(cloud, exec).get("redriveCount").asInt()).isEqualTo(2);
            assertThat(types(cloud, exec)).containsSubsequence("ExecutionFailed", "ExecutionRedriven", "TaskScheduled",
                    "ExecutionFailed", "ExecutionRedriven", "TaskScheduled");
            assertThat(types(cloud, exec).stream().filter(t -> t.equals("PassStateEntered"))).as("Prepare ran once").hasSize(1);
        }
    }

    @Test
    void redrive_cloudRestartedBeforeTheRedriveRan_redrivesAfterTheRestart() {
        String exec;
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            exec = startOnNewMachine(cloud, "e2");
            advance(cloud, 6);
            call(cloud, "RedriveExecution", "{\"executionArn\": \"" + exec + "\"}"); // stopped before its clock task ran
        }
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            advance(cloud, 1);

            assertThat(describe(cloud, exec).get("status").asText()).as("the timed-out Task is not failed again at once: " + types(cloud, exec) + describe(cloud, exec)).isEqualTo("RUNNING");
            List<String> t = types(cloud, exec);
            assertThat(t.subList(t.lastIndexOf("ExecutionRedriven"), t.size())).as("rescheduled, whether or not the redrive "
                    + "began before the stop").startsWith("ExecutionRedriven", "TaskScheduled").endsWith("TaskSubmitted");
            advance(cloud, 5);
            assertThat(describe(cloud, exec).get("status").asText()).isEqualTo("FAILED");
            assertThat(describe(cloud, exec).get("redriveCount").asInt()).isEqualTo(1);
        }
    }

    /** Creates the test's state machine in {@code cloud} and starts an execution of it named {@code name}. */
    private static String startOnNewMachine(LocalCloud cloud, String name) {
        ObjectNode create = Json.object();
        create.put("name", "durable-redrive");
        create.put("definition", DEFINITION);
        create.put("roleArn", "arn:aws:iam::" + cloud.accountId() + ":role/sfn");
        String machine = cloud.services().get("states").call("CreateStateMachine", create,
                new RequestContext(cloud.region(), cloud.accountId(), "t")).get("stateMachineArn").asText();
        return call(cloud, "StartExecution", "{\"stateMachineArn\": \"" + machine + "\", \"name\": \"" + name + "\"}")
                .get("executionArn").asText();
    }
}
