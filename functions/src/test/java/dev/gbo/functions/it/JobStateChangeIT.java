package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.Fixtures;
import dev.gbo.functions.JobStateChangeHandler;
import dev.gbo.functions.ReconcileHandler;
import dev.gbo.functions.SubmitHandler;
import dev.gbo.functions.it.LocalCloudIT.Fixture;
import dev.gbo.testkit.LocalCloudExtension;
import dev.gbo.model.support.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * JobStateChangeHandler on the real "Batch Job State Change" events of jobs run by the local fleet, waking
 * a real Step Functions task waiting on {@code .waitForTaskToken} with a notice; then VerifyJob
 * (ReconcileHandler, action verify) turns the notice into the verdict and publishes it on the bus.
 */
class JobStateChangeIT {

    /**
     * A state machine whose only task waits for a token: {@code events:putEvents.waitForTaskToken} puts the
     * token on the bus (the test picks it up there), and the task's output is what SendTaskSuccess sends.
     */
    static final String WAITING_MACHINE = """
            {"StartAt": "WaitForJob",
             "States": {"WaitForJob": {
               "Type": "Task",
               "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
               "Parameters": {"Entries": [{"Source": "gbo.it", "DetailType": "Task Token",
                 "Detail": {"token.$": "$$.Task.Token", "execution.$": "$$.Execution.Name"}}]},
               "End": true}}}
            """;

    /** One cloud per scenario: starts executions, runs the job of each, and keeps what the bus saw. */
    abstract static class Flow {
        Fixture fx;
        SfnClient sfn;
        String machineArn;

        void startCloud(LocalCloudExtension cloud) {
            fx = new Fixture(cloud);
            sfn = fx.sfn();
            fx.captureSource("gbo.it", "tokens");
            fx.captureSource("gbo.orchestrator", "verdicts");
            machineArn = sfn.createStateMachine(b -> b.name("it-wait-for-job").definition(WAITING_MACHINE)
                    .roleArn("arn:aws:iam::123456789012:role/it-states")).stateMachineArn();
        }

        /** Starts an execution and returns the task token its waiting task put on the bus. */
        String startWaiting(String executionName) {
            sfn.startExecution(b -> b.stateMachineArn(machineArn).name(executionName).input("{}"));
            fx.idle();
            return fx.queued("tokens").stream()
                    .filter(e -> executionName.equals(e.path("detail").path("execution").asText()))
                    .map(e -> e.path("detail").path("token").asText())
                    .findFirst().orElseThrow(() -> new AssertionError("no task token for " + executionName));
        }

        DescribeExecutionResponse execution(String executionName) {
            return sfn.describeExecution(b -> b.executionArn(machineArn.replace(":stateMachine:", ":execution:")
                    + ":" + executionName));
        }

        /** Submits the job of the execution with its real token and lets the fleet run it to the end. */
        String runJob(String namePrefix, String executionName, String token) {
            ObjectNode state = fx.readyState(namePrefix, executionName);
            states.put(executionName, state);
            JsonNode submitted = Fixture.invoke(new SubmitHandler(fx.env(namePrefix)),
                    Fixture.submitPayload(state, 0, executionName, token));
            fx.idle();
            return submitted.get("jobId").asText();
        }

        final java.util.Map<String, ObjectNode> states = new java.util.HashMap<>();

        /** VerifyJob: ReconcileHandler with {@code action verify} on the notice the execution was woken with. */
        JsonNode verify(String namePrefix, String executionName) {
            ObjectNode payload = states.get(executionName).deepCopy();
            payload.put("action", "verify").put("attempt", 0).put("executionName", executionName);
            payload.set("notice", Json.parse(execution(executionName).output()));
            JsonNode verdict = Fixture.invoke(new ReconcileHandler(fx.env(namePrefix)), payload);
            fx.idle();
            return verdict;
        }

        List<JsonNode> verdictEvents(String jobId) {
            return fx.queued("verdicts").stream().filter(e -> jobId.equals(e.path("detail").path("jobId").asText()))
                    .toList();
        }
    }

    /** scenarios/happy-m9g.json: the job succeeds on the first attempt and prints aarch64. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class JobSucceeds extends Flow {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("happy-m9g");

        @BeforeAll
        void start() {
            startCloud(CLOUD);
        }


        @Test
        void handleRequest_realEvents_shapedLikeFixtures() {
            String token = startWaiting("jsc-shape");
            String jobId = runJob("shape", "jsc-shape", token);

            List<ObjectNode> events = fx.jobEvents(jobId);

            assertThat(events).extracting(e -> e.path("detail").path("status").asText())
                    .containsSubsequence("RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED").endsWith("SUCCEEDED");
            JsonNode fixture = Fixtures.event("job-succeeded.json");
            ObjectNode terminal = events.get(events.size() - 1);
            assertThat(fieldNames(terminal)).containsAll(fieldNames(fixture));
            assertThat(terminal.path("source").asText()).isEqualTo(fixture.path("source").asText());
            assertThat(fieldNames(terminal.get("detail"))).contains("jobArn", "jobName", "jobId", "jobQueue", "status",
                    "attempts", "parameters", "container", "createdAt");
            // Batch merges the job definition's parameters (gboContentHash) with SubmitJob's: the fixtures omit it.
            assertThat(fieldNames(terminal.get("detail").get("parameters")))
                    .containsAll(fieldNames(fixture.get("detail").get("parameters")))
                    .contains("gboContentHash");
            assertThat(terminal.get("detail").get("parameters").get("gboTaskToken").asText()).isEqualTo(token);
        }

        @Test
        void handleRequest_terminalEventWithRealToken_wakesExecutionWithNoticeAndVerifyGivesVerdict() {
            String token = startWaiting("jsc-ok");
            String jobId = runJob("ok", "jsc-ok", token);
            List<ObjectNode> events = fx.jobEvents(jobId);
            JobStateChangeHandler handler = new JobStateChangeHandler(fx.env("ok"));
            assertThat(execution("jsc-ok").status()).isEqualTo(ExecutionStatus.RUNNING);

            JsonNode running = Fixture.invoke(handler, withStatus(events, "RUNNING"));
            JsonNode done = Fixture.invoke(handler, withStatus(events, "SUCCEEDED"));
            fx.idle();

            assertThat(running.get("heartbeat").asBoolean()).as("heartbeat of the waiting task accepted").isTrue();
            assertThat(done.get("acknowledged").asBoolean()).isTrue();
            assertThat(done.get("resumed").asBoolean()).isTrue();
            DescribeExecutionResponse execution = execution("jsc-ok");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode notice = Json.parse(execution.output());
            assertThat(notice.get("jobId").asText()).isEqualTo(jobId);
            assertThat(notice.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(notice.has("architecture")).as("a notice, not a verdict").isFalse();
            assertThat(verdictEvents(jobId)).as("JobStateChange publishes nothing").isEmpty();

            JsonNode verdict = verify("ok", "jsc-ok");

            assertThat(verdict.get("jobId").asText()).isEqualTo(jobId);
            assertThat(verdict.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(verdict.get("exitCode").asInt()).isZero();
            assertThat(verdict.get("architecture").asText()).isEqualTo("aarch64");
            assertThat(verdict.get("family").asText()).isEqualTo("m9g");
            assertThat(verdict.get("requestId").asText()).isEqualTo("exec-jsc-ok");
            assertThat(strings(verdict.get("verified"))).containsExactlyInAnyOrder("exitCode", "architecture", "logContains");
            assertThat(verdict.get("attemptClasses")).hasSize(1);
            List<JsonNode> published = verdictEvents(jobId);
            assertThat(published).singleElement().satisfies(e -> {
                assertThat(e.get("detail-type").asText()).isEqualTo("Batch Job Verified");
                assertThat(e.get("detail").get("failureClass").asText()).isEqualTo("SUCCEEDED");
                assertThat(strings(e.get("resources"))).containsExactly(verdict.get("jobArn").asText());
            });
        }

        @Test
        void handleRequest_duplicateTerminalEventAfterTaskClosed_acknowledgedWithoutThrowing() {
            String token = startWaiting("jsc-dup");
            String jobId = runJob("dup", "jsc-dup", token);
            List<ObjectNode> events = fx.jobEvents(jobId);
            JobStateChangeHandler handler = new JobStateChangeHandler(fx.env("dup"));
            Fixture.invoke(handler, withStatus(events, "SUCCEEDED"));
            fx.idle();

            JsonNode duplicate = Fixture.invoke(handler, withStatus(events, "SUCCEEDED"));
            JsonNode lateHeartbeat = Fixture.invoke(handler, withStatus(events, "RUNNING"));
            fx.idle();

            assertThat(duplicate.get("acknowledged").asBoolean()).isTrue();
            assertThat(duplicate.get("resumed").asBoolean()).isFalse();
            assertThat(lateHeartbeat.get("acknowledged").asBoolean()).isTrue();
            assertThat(lateHeartbeat.get("heartbeat").asBoolean()).isFalse();
            assertThat(execution("jsc-dup").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(verdictEvents(jobId)).as("duplicates wake nothing and publish nothing").isEmpty();
        }
    }

    /** scenarios/arch-mismatch.json: an amd64-only image dies with "exec format error" on arm64. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ArchitectureMismatch extends Flow {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("arch-mismatch");

        @BeforeAll
        void start() {
            startCloud(CLOUD);
        }


        @Test
        void handleRequest_execFormatError_wakesTaskAndVerifyThrowsArchitectureMismatchAndPublishesFailure() {
            String token = startWaiting("jsc-arch");
            String jobId = runJob("arch", "jsc-arch", token);
            List<ObjectNode> events = fx.jobEvents(jobId);
            assertThat(events.get(events.size() - 1).path("detail").path("status").asText()).isEqualTo("FAILED");

            JsonNode out = Fixture.invoke(new JobStateChangeHandler(fx.env("arch")), withStatus(events, "FAILED"));
            fx.idle();

            assertThat(out.get("resumed").asBoolean()).isTrue();
            assertThat(Json.parse(execution("jsc-arch").output()).get("status").asText()).isEqualTo("FAILED");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify("arch", "jsc-arch"))
                    .isInstanceOf(dev.gbo.functions.errors.ArchitectureMismatch.class)
                    .hasMessageContaining(jobId).hasMessageContaining("exec format error");
            fx.idle();
            assertThat(verdictEvents(jobId)).singleElement().satisfies(e -> {
                assertThat(e.get("detail-type").asText()).isEqualTo("Batch Job Failed");
                assertThat(e.get("detail").get("error").asText()).isEqualTo("ArchitectureMismatch");
            });
        }
    }

    /** scenarios/demo.json: m8g after the m9g fallback; the first attempt is lost to a Spot interruption. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SpotThenSuccess extends Flow {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("demo");

        @BeforeAll
        void start() {
            startCloud(CLOUD);
        }


        @Test
        void handleRequest_secondBatchAttemptSucceeds_verdictListsBothAttemptsOnM8g() {
            String token = startWaiting("jsc-demo");
            String jobId = runJob("demo", "jsc-demo", token);

            JsonNode out = Fixture.invoke(new JobStateChangeHandler(fx.env("demo")),
                    withStatus(fx.jobEvents(jobId), "SUCCEEDED"));
            fx.idle();

            assertThat(out.get("resumed").asBoolean()).isTrue();
            assertThat(execution("jsc-demo").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode verdict = verify("demo", "jsc-demo");
            assertThat(verdict.get("family").asText()).isEqualTo("m8g");
            assertThat(verdict.get("attempts").asInt()).isEqualTo(2);
            assertThat(strings(verdict.get("attemptClasses"))).hasSize(2)
                    .satisfies(c -> assertThat(c.get(0)).startsWith("RETRYABLE_"))
                    .endsWith("SUCCEEDED");
            assertThat(verdict.get("architecture").asText()).isEqualTo("aarch64");
        }
    }

    static ObjectNode withStatus(List<ObjectNode> events, String status) {
        return events.stream().filter(e -> status.equals(e.path("detail").path("status").asText()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + status + " event among " + events.size()))
                .deepCopy();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
