package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.LambdaService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/** A JSONata state machine with variables, through the real SDK v2 client against the local endpoint. */
class StepFunctionsJsonataIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
    static LocalCloud cloud;
    static SfnClient sfn;

    /** Doubles each item with a Lambda function in a Map, keeps a running total in a variable, branches on it. */
    static final String MACHINE = """
            {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
              "Init": {"Type": "Pass", "Assign": {"factor": "{% $states.input.factor %}"}, "Next": "Double"},
              "Double": {"Type": "Map", "Items": "{% $states.input.values %}",
                "ItemSelector": {"value": "{% $states.context.Map.Item.Value * $factor %}"},
                "ItemProcessor": {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Arguments": {"FunctionName": "double", "Payload": "{% $states.input %}"},
                    "Output": "{% $states.result.Payload.value %}", "End": true}}},
                "Assign": {"total": "{% $sum($states.result) %}"}, "Next": "Big?"},
              "Big?": {"Type": "Choice", "Choices": [{"Condition": "{% $total > 10 %}", "Next": "Big"}], "Default": "Small"},
              "Big": {"Type": "Succeed", "Output": "{% {'total': $total, 'items': $states.input} %}"},
              "Small": {"Type": "Fail", "Error": "TooSmall", "Cause": "{% 'total ' & $string($total) %}"}}}""";

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .build();
        LambdaService lambda = (LambdaService) cloud.services().get("lambda");
        lambda.deploy("double", "dev.gbo.local.sfn.fixtures.DoubleHandler::handleRequest", Map.of(), 256, 30);
    }

    @AfterAll
    static void stop() {
        sfn.close();
        cloud.close();
    }

    static DescribeExecutionResponse run(String machineArn, String input) {
        String exec = sfn.startExecution(b -> b.stateMachineArn(machineArn).input(input)).executionArn();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(exec));
            if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return d;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void startExecution_jsonataMachineWithVariables_succeedsAndRecordsAssignedVariables() {
        String arn = sfn.createStateMachine(b -> b.name("jsonata-ok").definition(MACHINE).roleArn(ROLE)).stateMachineArn();
        DescribeExecutionResponse d = run(arn, "{\"factor\": 2, \"values\": [1, 2, 3]}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"total\": 24, \"items\": [4, 8, 12]}"));
        List<HistoryEvent> h = sfn.getExecutionHistory(b -> b.executionArn(d.executionArn())).events();
        HistoryEvent mapExited = h.stream().filter(e -> e.type() == HistoryEventType.MAP_STATE_EXITED).findFirst().orElseThrow();
        assertThat(mapExited.stateExitedEventDetails().assignedVariables()).containsExactly(Map.entry("total", "24"));
        assertThat(mapExited.stateExitedEventDetails().assignedVariablesDetails().truncated()).isFalse();
    }

    @Test
    void startExecution_jsonataFailStateWithExpressions_failsWithEvaluatedErrorAndCause() {
        String arn = sfn.createStateMachine(b -> b.name("jsonata-small").definition(MACHINE).roleArn(ROLE)).stateMachineArn();
        DescribeExecutionResponse d = run(arn, "{\"factor\": 1, \"values\": [1, 2]}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("TooSmall");
        assertThat(d.cause()).isEqualTo("total 6");
    }

    @Test
    void startExecution_undefinedExpression_failsWithQueryEvaluationError() {
        String arn = sfn.createStateMachine(b -> b.name("jsonata-undefined").definition("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.nope %}", "End": true}}}""")
                .roleArn(ROLE)).stateMachineArn();
        DescribeExecutionResponse d = run(arn, "{}");
        assertThat(d.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(d.cause()).endsWith("The JSONata expression '$states.input.nope' specified for the field 'Output' returned nothing (undefined).");
    }

    @Test
    void createStateMachine_jsonPathFieldInJsonataState_throwsInvalidDefinition() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("jsonata-bad").roleArn(ROLE).definition("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "ResultPath": "$.x", "End": true}}}""")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'ResultPath' is not supported in states whose QueryLanguage is JSONata")
                .hasMessageContaining("/States/P/ResultPath");
    }
}
