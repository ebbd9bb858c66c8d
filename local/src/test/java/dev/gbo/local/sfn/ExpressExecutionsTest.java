package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** EXPRESS semantics in process: billing arithmetic, log levels and messages, definition rules, the runs' bookkeeping. */
class ExpressExecutionsTest {

    static final String PASS = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";

    @Test
    void billedDuration_anyDuration_roundsUpToTheNext100MillisecondsWithAMinimumOf100() {
        assertThat(StartSyncExecution.billedDurationMs(Duration.ZERO)).isEqualTo(100);
        assertThat(StartSyncExecution.billedDurationMs(Duration.ofMillis(100))).isEqualTo(100);
        assertThat(StartSyncExecution.billedDurationMs(Duration.ofMillis(101))).isEqualTo(200);
        assertThat(StartSyncExecution.billedDurationMs(Duration.ofMillis(2_950))).isEqualTo(3_000);
        assertThat(StartSyncExecution.billedDurationMs(Duration.ofMinutes(5))).isEqualTo(300_000);
    }

    @Test
    void logLevels_eachLevel_logsTheEventsOfTheDeveloperGuideTable() {
        assertThat(ExecutionLogging.logs("ALL", "PassStateEntered")).isTrue();
        assertThat(ExecutionLogging.logs("ERROR", "PassStateEntered")).isFalse();
        assertThat(ExecutionLogging.logs("ERROR", "FailStateEntered")).isTrue();
        assertThat(ExecutionLogging.logs("ERROR", "TaskFailed")).isTrue();
        assertThat(ExecutionLogging.logs("FATAL", "FailStateEntered")).isFalse();
        assertThat(ExecutionLogging.logs("FATAL", "ExecutionTimedOut")).isTrue();
        assertThat(ExecutionLogging.logs("OFF", "ExecutionFailed")).isFalse();
    }

    @Test
    void logDestination_levelWithoutExactlyOneDestinationOrForeignArn_isInvalidLoggingConfiguration() {
        AwsException none = catchThrowableOfType(AwsException.class,
                () -> ExecutionLogging.destination(Json.parse("{\"level\": \"ALL\", \"destinations\": []}")));
        assertThat(none.code()).isEqualTo("InvalidLoggingConfiguration");
        assertThat(none.getMessage()).isEqualTo(
                "Invalid Logging Configuration: Must specify exactly one Log Destination if logging level is not OFF.");
        AwsException foreign = catchThrowableOfType(AwsException.class, () -> ExecutionLogging.destination(Json.parse(
                "{\"level\": \"ERROR\", \"destinations\": [{\"cloudWatchLogsLogGroup\": {\"logGroupArn\": \"arn:aws:s3:::bucket\"}}]}")));
        assertThat(foreign.getMessage()).isEqualTo("Invalid Logging Configuration: Log Destination not found.");
        ExecutionLogging.Destination d = ExecutionLogging.destination(Json.parse("{\"level\": \"FATAL\", \"destinations\": "
                + "[{\"cloudWatchLogsLogGroup\": {\"logGroupArn\": \"arn:aws:logs:eu-west-1:123456789012:log-group:/a/b:*\"}}]}"));
        assertThat(d).isEqualTo(new ExecutionLogging.Destination("eu-west-1", "123456789012", "/a/b", "FATAL", false));
        assertThat(ExecutionLogging.destination(Json.parse("{\"level\": \"OFF\"}"))).isNull();
    }

    @Test
    void logMessage_withoutExecutionData_dropsInputOutputAndParameters() {
        {
            StateMachineRecord rec = record("EXPRESS");
            Execution e = new Execution("arn:aws:states:us-east-1:123456789012:express:m:n:id", "n", rec, "{}", Json.object(),
                    SfnHarness.START, null);
            ObjectNode event = (ObjectNode) Json.parse("{\"timestamp\": 1764201600.250, \"type\": \"TaskScheduled\", \"id\": 3,"
                    + " \"previousEventId\": 2, \"taskScheduledEventDetails\": {\"resource\": \"invoke\", \"parameters\": \"{}\"}}");
            JsonNode m = ExecutionLogging.message(e, event, false);
            assertThat(m).isEqualTo(Json.parse("{\"id\": \"3\", \"type\": \"TaskScheduled\", \"details\": {\"resource\": \"invoke\"},"
                    + " \"previous_event_id\": \"2\", \"event_timestamp\": \"1764201600250\","
                    + " \"execution_arn\": \"arn:aws:states:us-east-1:123456789012:express:m:n:id\", \"redrive_count\": \"0\"}"));
            assertThat(ExecutionLogging.streamName(e)).matches("states/m/2026-11-27-00-00/[0-9a-f]{8}");
        }
    }

    @Test
    void expressRules_requestResponseIntegrationsAndNonJson_noDiagnostics() {
        assertThat(ExpressRules.check("{ not json")).isEmpty();
        assertThat(ExpressRules.check("""
                {"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "S"},
                  "S": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:startSyncExecution", "Next": "F"},
                  "F": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f.sync", "End": true}}}""")).isEmpty();
    }

    @Test
    void start_expressRun_completesAndLeavesNothingRunning() throws Exception {
        try (SfnHarness h = SfnHarness.virtual()) {
            ExpressExecutions.Run run = h.sfn.express().start(record("EXPRESS"), "r1", "{\"a\":1}", Json.parse("{\"a\":1}"), null);
            // the VIRTUAL clock's driver may already have run it to its end, and an ended run is no longer listed
            java.util.concurrent.CompletableFuture<Execution> found = h.sfn.express().done(run.execution.arn);
            assertThat(found).satisfiesAnyOf(f -> assertThat(f).isSameAs(run.done), f -> {
                assertThat(f).isNull();
                assertThat(run.done).isDone();
            });
            Execution e = run.done.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(e.status()).isEqualTo("SUCCEEDED");
            assertThat(e.output()).isEqualTo("{\"a\":1}");
            assertThat(h.sfn.express().done(run.execution.arn)).isNull();
            h.idle();
            assertThat(h.clock.now()).isEqualTo(SfnHarness.START); // the 5-minute timer was cancelled, not run
            assertThat(h.sfn.openExecutions()).isZero();
        }
    }

    private static StateMachineRecord record(String type) {
        return new StateMachineRecord("arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", PASS, Asl.parse(PASS),
                SfnHarness.ROLE, type, SfnHarness.START, null, "rev", null, null, "us-east-1", "123456789012");
    }
}
