package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.events.EventBridgeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionResponse;

/** RedriveExecution through the SDK v2 {@code SfnClient} against the local endpoint over HTTP (MANUAL clock). */
class StepFunctionsRedriveIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/sfn";
    private static final String WAITS = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Result": "ready", "ResultPath": "$.prepared", "Next": "Wait"},
              "Wait": {"Type": "Wait", "Seconds": 60, "Next": "Done"},
              "Done": {"Type": "Pass", "Parameters": {"redriveCount.$": "$$.Execution.RedriveCount",
                                                     "prepared.$": "$.prepared"}, "End": true}}}""";

    private LocalCloud cloud;
    private SfnClient sfn;
    private EventBridgeClient events;
    private EventBridgeService eventBridge;
    private String sink;

    @BeforeEach
    void boot() {
        cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).build().start();
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(cloud.endpoint()).credentialsProvider(creds).build();
        events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(cloud.endpoint()).credentialsProvider(creds).build();
        eventBridge = (EventBridgeService) cloud.services().get("events");
        sink = eventBridge.deadLetters().create("status-sink").arn();
        events.putRule(r -> r.name("status").eventPattern("""
                {"source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"]}"""));
        events.putTargets(r -> r.rule("status").targets(Target.builder().id("t").arn(sink).build()));
    }

    @AfterEach
    void close() {
        sfn.close();
        events.close();
        cloud.close();
    }

    private void advance(int seconds) {
        cloud.clock().advance(Duration.ofSeconds(seconds));
    }

    private List<JsonNode> statusChanges() {
        List<JsonNode> out = new ArrayList<>();
        for (var m : eventBridge.deadLetters().messages(sink)) {
            out.add(Json.parse(m.body()).get("detail"));
        }
        return out;
    }

    @Test
    void redriveExecution_abortedDuringWait_reentersTheWaitAndSucceeds() {
        String sm = sfn.createStateMachine(r -> r.name("waits").roleArn(ROLE).definition(WAITS)).stateMachineArn();
        String exec = sfn.startExecution(r -> r.stateMachineArn(sm).name("e1").input("{}")).executionArn();
        advance(10);
        sfn.stopExecution(r -> r.executionArn(exec).error("Operator").cause("stopped to test redrive"));
        advance(1);

        DescribeExecutionResponse aborted = sfn.describeExecution(r -> r.executionArn(exec));
        assertThat(aborted.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(aborted.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
        assertThat(aborted.redriveStatusReason()).isNull();
        assertThat(aborted.redriveCount()).isZero();

        RedriveExecutionResponse redriven = sfn.redriveExecution(r -> r.executionArn(exec)); // the SDK adds a clientToken
        DescribeExecutionResponse running = sfn.describeExecution(r -> r.executionArn(exec));
        assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(running.redriveCount()).isEqualTo(1);
        assertThat(running.redriveDate()).isEqualTo(redriven.redriveDate());
        assertThat(running.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        assertThat(running.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");
        assertThat(running.stopDate()).isNull();
        assertThat(running.error()).isNull();

        advance(61);

        DescribeExecutionResponse done = sfn.describeExecution(r -> r.executionArn(exec));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"redriveCount\": 1, \"prepared\": \"ready\"}"));
        List<HistoryEvent> history = sfn.getExecutionHistory(r -> r.executionArn(exec).maxResults(1000)).events();
        assertThat(history).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED, HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.EXECUTION_ABORTED, HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.WAIT_STATE_EXITED, HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        HistoryEvent redrivenEvent = history.get(5);
        assertThat(redrivenEvent.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
        assertThat(redrivenEvent.previousEventId()).isEqualTo(5L);
        assertThat(redrivenEvent.timestamp()).isEqualTo(redriven.redriveDate());

        List<JsonNode> changes = statusChanges();
        assertThat(changes).extracting(d -> d.get("status").asText()).containsExactly("RUNNING", "ABORTED", "RUNNING", "SUCCEEDED");
        JsonNode rerun = changes.get(2);
        assertThat(rerun.get("redriveCount").asInt()).isEqualTo(1);
        assertThat(rerun.get("redriveDate").asLong()).isEqualTo(redriven.redriveDate().toEpochMilli());
        assertThat(rerun.get("stopDate").isNull()).isTrue();
        assertThat(rerun.get("redriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(rerun.get("redriveStatusReason").asText()).isEqualTo("Execution is RUNNING and cannot be redriven");
        assertThat(changes.get(1).get("redriveStatus").asText()).isEqualTo("REDRIVABLE");
        assertThat(changes.get(3).get("redriveStatusReason").asText()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    }

    @Test
    void redriveExecution_succeededOrUnknown_isRefusedWithAwsErrors() {
        String sm = sfn.createStateMachine(r -> r.name("quick").roleArn(ROLE)
                .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}")).stateMachineArn();
        String exec = sfn.startExecution(r -> r.stateMachineArn(sm).name("ok").input("{}")).executionArn();
        advance(1);

        ExecutionNotRedrivableException succeeded = catchThrowableOfType(ExecutionNotRedrivableException.class,
                () -> sfn.redriveExecution(r -> r.executionArn(exec)));
        ExecutionDoesNotExistException missing = catchThrowableOfType(ExecutionDoesNotExistException.class,
                () -> sfn.redriveExecution(r -> r.executionArn(exec + "-nope")));

        assertThat(succeeded.awsErrorDetails().errorMessage()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        assertThat(succeeded.statusCode()).isEqualTo(400);
        assertThat(missing).isNotNull();
    }

    @Test
    void listExecutions_redriveFilter_listsRedrivenWithCountAndDate() {
        String sm = sfn.createStateMachine(r -> r.name("fails").roleArn(ROLE)
                .definition("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"E\"}}}")).stateMachineArn();
        String first = sfn.startExecution(r -> r.stateMachineArn(sm).name("first").input("{}")).executionArn();
        sfn.startExecution(r -> r.stateMachineArn(sm).name("second").input("{}"));
        advance(1);
        RedriveExecutionResponse redriven = sfn.redriveExecution(r -> r.executionArn(first).clientToken("retry-first"));
        advance(1);

        List<ExecutionListItem> rd = sfn.listExecutions(r -> r.stateMachineArn(sm).redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions();
        List<ExecutionListItem> not = sfn.listExecutions(r -> r.stateMachineArn(sm).redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN)).executions();

        assertThat(rd).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("first");
            assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(e.redriveCount()).isEqualTo(1);
            assertThat(e.redriveDate()).isEqualTo(redriven.redriveDate());
        });
        assertThat(not).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("second");
            assertThat(e.redriveCount()).isZero();
            assertThat(e.redriveDate()).isNull();
        });
    }
}
