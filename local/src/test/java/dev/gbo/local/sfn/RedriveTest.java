package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When an execution can be redriven (DescribeExecution's redriveStatus) and RedriveExecution's refusals ({@link Redrive}). */
class RedriveTest {

    private static final String FAIL = """
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Bad"}}}""";

    private static void waitFor(SfnHarness h, Duration d) {
        h.clock.schedule(d, "test wait", () -> { });
        h.idle();
    }

    private static JsonNode redrive(SfnHarness h, String exec) {
        ObjectNode in = Json.object();
        in.put("executionArn", exec);
        return h.call("RedriveExecution", in);
    }

    private static AwsException refusal(SfnHarness h, String exec) {
        return catchThrowableOfType(AwsException.class, () -> redrive(h, exec));
    }

    private static void assertNotRedrivable(SfnHarness h, String exec, String reason) {
        JsonNode d = h.describe(exec);
        assertThat(d.get("redriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(d.get("redriveStatusReason").asText()).isEqualTo(reason);
        AwsException e = refusal(h, exec);
        assertThat(e.code()).isEqualTo("ExecutionNotRedrivable");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo(reason);
    }

    @Test
    void describeExecution_failed_isRedrivableWithoutReason() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("m", FAIL), "e", "{}");
            h.idle();

            JsonNode d = h.describe(exec);

            assertThat(d.get("redriveStatus").asText()).isEqualTo("REDRIVABLE");
            assertThat(d.has("redriveStatusReason")).isFalse();
            assertThat(d.get("redriveCount").asInt()).isZero();
            assertThat(d.has("redriveDate")).isFalse();
        }
    }

    @Test
    void redriveExecution_running_isRefusedAsRunning() {
        try (SfnHarness h = new SfnHarness(dev.gbo.local.core.SimClock.manual(SfnHarness.START, 42), null, null, null)) {
            String exec = h.start(h.create("m", """
                    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "End": true}}}"""), "e", "{}");

            assertThat(h.describe(exec).get("status").asText()).isEqualTo("RUNNING");
            assertNotRedrivable(h, exec, "Execution is RUNNING and cannot be redriven");
        }
    }

    @Test
    void redriveExecution_redrivablePeriod_endsFourteenDaysAfterTheExecutionClosed() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("m", FAIL), "e", "{}");
            h.idle();

            waitFor(h, Duration.ofDays(14));
            assertThat(h.describe(exec).get("redriveStatus").asText()).as("exactly 14 days").isEqualTo("REDRIVABLE");
            waitFor(h, Duration.ofMillis(1));

            assertNotRedrivable(h, exec, "Execution redrivable period exceeded");
        }
    }

    @Test
    void redriveExecution_startedMoreThanAYearAgo_isRefusedAsMaxExecutionTime() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("m", """
                    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 31622400, "Next": "F"},
                     "F": {"Type": "Fail", "Error": "Late"}}}"""), "e", "{}");
            h.idle();

            assertThat(h.describe(exec).get("status").asText()).isEqualTo("FAILED");
            assertNotRedrivable(h, exec, "Execution has exceeded the max execution time");
        }
    }

    @Test
    void redriveExecution_historyAtTheLimit_isRefusedAsEventLimitExceeded() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("loop", """
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}"""), "e", "{}");
            h.idle();

            assertNotRedrivable(h, exec, "Execution history event limit exceeded");
        }
    }

    @Test
    void redriveExecution_stateMachineBeingDeleted_isRefusedAsDeleting() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String machine = h.create("m", """
                    {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "F"}],
                     "Default": "W"}, "W": {"Type": "Wait", "Seconds": 100, "End": true}, "F": {"Type": "Fail", "Error": "Bad"}}}""");
            String failed = h.start(machine, "failed", "{\"fail\": true}");
            h.start(machine, "running", "{\"fail\": false}");
            waitFor(h, Duration.ofSeconds(1));
            h.call("DeleteStateMachine", "{\"stateMachineArn\": \"" + machine + "\"}");

            assertNotRedrivable(h, failed, "State machine is in DELETING status");
            h.idle(); // the running one ends: the state machine is gone
            assertNotRedrivable(h, failed, "State machine is in DELETING status");
        }
    }

    @Test
    void redriveExecution_thousandRedrivesDone_isRefused() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("m", FAIL), "e", "{}");
            h.idle();
            for (int i = 1; i <= Redrive.MAX_REDRIVES; i++) {
                redrive(h, exec);
                h.idle();
            }

            assertThat(h.describe(exec).get("redriveCount").asInt()).isEqualTo(1000);
            assertNotRedrivable(h, exec, "Execution has been redriven the maximum number of times (1000)");
        }
    }

    @Test
    void redriveExecution_unknownOrMalformedArn_isExecutionDoesNotExistOrInvalidArn() {
        try (SfnHarness h = SfnHarness.virtual()) {
            h.create("m", FAIL);

            AwsException missing = refusal(h, "arn:aws:states:us-east-1:123456789012:execution:m:nope");
            AwsException malformed = refusal(h, "nope");

            assertThat(missing.code()).isEqualTo("ExecutionDoesNotExist");
            assertThat(malformed.code()).isEqualTo("InvalidArn");
        }
    }

    @Test
    void redriveExecution_clientToken_answersTheSameRedriveForFifteenMinutesOnly() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("m", FAIL), "e", "{}");
            h.idle();
            ObjectNode in = Json.object();
            in.put("executionArn", exec);
            in.put("clientToken", "tok");
            JsonNode first = h.call("RedriveExecution", in);
            h.idle();

            waitFor(h, Duration.ofMinutes(15));
            JsonNode repeated = h.call("RedriveExecution", in);
            waitFor(h, Duration.ofMillis(1));
            JsonNode later = h.call("RedriveExecution", in);
            h.idle();

            assertThat(repeated.get("redriveDate")).isEqualTo(first.get("redriveDate"));
            assertThat(later.get("redriveDate").decimalValue()).isGreaterThan(first.get("redriveDate").decimalValue());
            assertThat(h.describe(exec).get("redriveCount").asInt()).isEqualTo(2);
        }
    }

    @Test
    void listExecutions_redriveFilter_separatesRedrivenFromNotRedriven() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String machine = h.create("m", FAIL);
            String a = h.start(machine, "a", "{}");
            h.start(machine, "b", "{}");
            h.idle();
            redrive(h, a);
            h.idle();

            JsonNode redriven = h.call("ListExecutions", "{\"stateMachineArn\": \"" + machine + "\", \"redriveFilter\": \"REDRIVEN\"}");
            JsonNode notRedriven = h.call("ListExecutions", "{\"stateMachineArn\": \"" + machine + "\", \"redriveFilter\": \"NOT_REDRIVEN\"}");

            assertThat(redriven.get("executions")).hasSize(1);
            assertThat(redriven.get("executions").get(0).get("name").asText()).isEqualTo("a");
            assertThat(redriven.get("executions").get(0).get("redriveCount").asInt()).isEqualTo(1);
            assertThat(redriven.get("executions").get(0).has("redriveDate")).isTrue();
            assertThat(notRedriven.get("executions")).hasSize(1);
            assertThat(notRedriven.get("executions").get(0).get("name").asText()).isEqualTo("b");
            assertThat(notRedriven.get("executions").get(0).get("redriveCount").asInt()).isZero();
        }
    }
}
