package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.LambdaService;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.MockResponseValidationMode;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState and ValidateStateMachineDefinition through the real SDK v2 client against the local endpoint. */
class StepFunctionsTestStateIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
    static LocalCloud cloud;
    static SfnClient sfn;

    static final String INVOKE = """
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Parameters": {"FunctionName": "double", "Payload": {"value.$": "$.n"}},
             "ResultSelector": {"doubled.$": "$.Payload.value"}, "ResultPath": "$.r",
             "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}],
             "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
             "Next": "Done"}""";

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        sfn = client(cloud.endpoint(), true);
        LambdaService lambda = (LambdaService) cloud.services().get("lambda");
        lambda.deploy("double", "dev.gbo.local.sfn.fixtures.DoubleHandler::handleRequest", Map.of(), 256, 30);
    }

    /** The SDK puts TestState's host prefix ({@code sync-}) before the endpoint's host unless told not to. */
    static SfnClient client(URI endpoint, boolean disableHostPrefix) {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        disableHostPrefix))
                .build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        cloud.close();
    }

    @Test
    void testState_passStateAtDebug_returnsOutputNextStateAndInspectionData() {
        TestStateResponse r = sfn.testState(b -> b.definition("""
                {"Type": "Pass", "InputPath": "$.a", "Parameters": {"x.$": "$.b"}, "ResultPath": "$.p", "Next": "After"}""")
                .input("{\"a\": {\"b\": 1}}").inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("After");
        assertThat(r.output()).isEqualTo("{\"a\":{\"b\":1},\"p\":{\"x\":1}}");
        assertThat(r.inspectionData().input()).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(r.inspectionData().afterInputPath()).isEqualTo("{\"b\":1}");
        assertThat(r.inspectionData().afterParameters()).isEqualTo("{\"x\":1}");
        assertThat(r.inspectionData().afterResultPath()).isEqualTo("{\"a\":{\"b\":1},\"p\":{\"x\":1}}");
    }

    @Test
    void testState_infoLevel_returnsNoInspectionData() {
        TestStateResponse r = sfn.testState(b -> b.definition("{\"Type\": \"Succeed\"}").input("{\"k\": 1}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isNull();
        assertThat(r.output()).isEqualTo("{\"k\":1}");
        assertThat(r.inspectionData()).isNull();
    }

    @Test
    void testState_unmockedLambdaTask_callsTheDeployedFunction() {
        TestStateResponse r = sfn.testState(b -> b.definition(INVOKE).roleArn(ROLE).input("{\"n\": 21}")
                .inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("Done");
        assertThat(r.output()).isEqualTo("{\"n\":21,\"r\":{\"doubled\":42}}");
        assertThat(r.inspectionData().afterParameters()).isEqualTo("{\"FunctionName\":\"double\",\"Payload\":{\"value\":21}}");
        assertThat(r.inspectionData().afterResultSelector()).isEqualTo("{\"doubled\":42}");
        assertThat(r.inspectionData().result()).contains("\"StatusCode\":200");
    }

    @Test
    void testState_unmockedTaskWithoutRole_throwsValidation() {
        assertThatThrownBy(() -> sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("roleArn is required");
    }

    @Test
    void testState_mockResult_runsResultSelectorAndResultPathWithoutCallingLambda() {
        TestStateResponse r = sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}")
                .mock(m -> m.result("{\"Payload\": {\"value\": 7}, \"StatusCode\": 200}")));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("{\"n\":1,\"r\":{\"doubled\":7}}");
    }

    @Test
    void testState_mockErrorOutputCaught_returnsCaughtErrorAndTheCatchersNext() {
        TestStateResponse r = sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}").inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("States.TaskFailed").cause("boom"))));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(r.nextState()).isEqualTo("Recover");
        assertThat(r.error()).isEqualTo("States.TaskFailed");
        assertThat(r.cause()).isEqualTo("boom");
        assertThat(r.output()).isEqualTo("{\"n\":1,\"error\":{\"Error\":\"States.TaskFailed\",\"Cause\":\"boom\"}}");
        assertThat(r.inspectionData().errorDetails().catchIndex()).isZero();
    }

    @Test
    void testState_mockErrorMatchingARetrier_returnsRetriableUntilTheRetrierIsSpent() {
        TestStateResponse first = sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}").inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("Lambda.ServiceException").cause("503"))));
        assertThat(first.status()).as(first.error() + ": " + first.cause()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(first.nextState()).isEqualTo("TestState");
        assertThat(first.inspectionData().errorDetails().retryIndex()).isZero();
        assertThat(first.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(2);
        TestStateResponse third = sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}").inspectionLevel(InspectionLevel.DEBUG)
                .stateConfiguration(c -> c.retrierRetryCount(2))
                .mock(m -> m.errorOutput(e -> e.error("Lambda.ServiceException").cause("503"))));
        assertThat(third.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(third.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(8);
        TestStateResponse spent = sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}")
                .stateConfiguration(c -> c.retrierRetryCount(3))
                .mock(m -> m.errorOutput(e -> e.error("Lambda.ServiceException").cause("503"))));
        assertThat(spent.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(spent.nextState()).isEqualTo("Recover");
    }

    @Test
    void testState_failState_returnsFailedWithErrorAndCause() {
        TestStateResponse r = sfn.testState(b -> b.definition("{\"Type\": \"Fail\", \"Error\": \"Nope\", \"Cause\": \"why\"}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(r.error()).isEqualTo("Nope");
        assertThat(r.cause()).isEqualTo("why");
        assertThat(r.output()).isNull();
    }

    @Test
    void testState_choiceOfAFullMachine_returnsTheMatchingRulesNext() {
        String machine = """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericGreaterThan": 10, "Next": "Big"}], "Default": "Small"},
                  "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}""";
        TestStateResponse r = sfn.testState(b -> b.definition(machine).stateName("A").input("{\"v\": 11}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("Big");
        assertThatThrownBy(() -> sfn.testState(b -> b.definition(machine).stateName("Nope")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'Nope' is not found");
        assertThatThrownBy(() -> sfn.testState(b -> b.definition(machine)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("give stateName");
    }

    @Test
    void testState_waitState_returnsAtOnce() {
        TestStateResponse r = sfn.testState(b -> b.definition("{\"Type\": \"Wait\", \"Seconds\": 3600, \"Next\": \"X\"}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("X");
    }

    @Test
    void testState_contextGiven_isReadByPaths() {
        TestStateResponse r = sfn.testState(b -> b.definition("{\"Type\": \"Pass\", \"Parameters\": {\"id.$\": \"$$.Execution.Id\"}, \"End\": true}")
                .context("{\"Execution\": {\"Id\": \"exec-1\"}}"));
        assertThat(r.output()).isEqualTo("{\"id\":\"exec-1\"}");
    }

    @Test
    void testState_mockedParallel_appliesTheMockAsTheBranchesResult() {
        String parallel = """
                {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
                 "ResultSelector": {"first.$": "$[0]"}, "ResultPath": "$.p", "End": true}""";
        TestStateResponse r = sfn.testState(b -> b.definition(parallel).input("{}").mock(m -> m.result("[{\"ok\": true}]")));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("{\"p\":{\"first\":{\"ok\":true}}}");
        assertThatThrownBy(() -> sfn.testState(b -> b.definition(parallel).input("{}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Parallel state only with a mock");
    }

    @Test
    void testState_strictMockWithAFieldTheResponseLacks_throwsValidationUnlessModeIsNone() {
        String extra = "{\"Payload\": {\"value\": 7}, \"Extra\": 1}";
        assertThatThrownBy(() -> sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}").mock(m -> m.result(extra))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'Extra' is not a field of the Invoke response");
        assertThatThrownBy(() -> sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}")
                .mock(m -> m.result("{\"StatusCode\": \"200\"}").fieldValidationMode(MockResponseValidationMode.PRESENT))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'StatusCode' has the wrong type");
        TestStateResponse r = sfn.testState(b -> b.definition(INVOKE).input("{\"n\": 1}")
                .mock(m -> m.result(extra).fieldValidationMode(MockResponseValidationMode.NONE)));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("{\"n\":1,\"r\":{\"doubled\":7}}");
    }

    @Test
    void testState_parametersPathMissing_failsWithStatesRuntimeThatCatchDoesNotHandle() {
        TestStateResponse r = sfn.testState(b -> b.definition(INVOKE).input("{}").mock(m -> m.result("{\"Payload\": 1}")));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(r.error()).isEqualTo("States.Runtime");
        assertThat(r.cause()).contains("The JSONPath '$.n' specified for the field 'value.$' could not be found");
    }

    @Test
    void testState_invalidDefinition_throwsInvalidDefinitionAsCreateStateMachine() {
        assertThatThrownBy(() -> sfn.testState(b -> b.definition("{\"Type\": \"Pass\", \"Bogus\": 1, \"End\": true}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: Field 'Bogus' is not supported at /");
    }

    @Test
    void testState_variables_seenByTheStateAndReturnedAfterIt() {
        TestStateResponse r = sfn.testState(b -> b.definition("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $x + 1 %}", "Assign": {"y": "{% $x * 10 %}"}, "End": true}""")
                .variables("{\"x\": 1}").inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("2");
        assertThat(Json.parse(r.inspectionData().variables())).isEqualTo(Json.parse("{\"x\": 1, \"y\": 10}"));
        assertThatThrownBy(() -> sfn.testState(b -> b.definition("{\"Type\": \"Succeed\"}").variables("[1]")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("variables must be a JSON object");
    }

    @Test
    void testState_sdkWithHostPrefixInjection_cannotReachAnIpEndpoint() {
        try (SfnClient prefixed = client(cloud.endpoint(), false)) {
            assertThatThrownBy(() -> prefixed.testState(b -> b.definition("{\"Type\": \"Succeed\"}")))
                    .isInstanceOf(SdkClientException.class).hasRootCauseMessage("sync-127.0.0.1");
        }
    }

    @Test
    void testState_requestNamingTheSyncHost_isServed() throws Exception {
        String body = "{\"definition\": \"{\\\"Type\\\": \\\"Succeed\\\"}\", \"input\": \"{}\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(cloud.endpoint().getHost(), cloud.endpoint().getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: sync-states.us-east-1.amazonaws.com\r\n"
                    + "X-Amz-Target: AWSStepFunctions.TestState\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"status\":\"SUCCEEDED\"");
        }
    }

    @Test
    void validateStateMachineDefinition_validDefinition_returnsOk() {
        ValidateStateMachineDefinitionResponse r = sfn.validateStateMachineDefinition(b -> b.definition("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"""));
        assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void validateStateMachineDefinition_twoProblems_listsBothWithCodeLocationAndSeverity() {
        String bad = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Bogus": 1, "Next": "Nowhere"}}}""";
        ValidateStateMachineDefinitionResponse r = sfn.validateStateMachineDefinition(b -> b.definition(bad));
        assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(r.diagnostics()).hasSize(2);
        assertThat(r.diagnostics().get(0).code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
        assertThat(r.diagnostics().get(0).message()).isEqualTo("Field 'Bogus' is not supported");
        assertThat(r.diagnostics().get(0).location()).isEqualTo("/States/P");
        assertThat(r.diagnostics().get(0).severity()).isEqualTo(ValidateStateMachineDefinitionSeverity.ERROR);
        assertThat(r.diagnostics().get(1).code()).isEqualTo("MISSING_TRANSITION_TARGET");
        assertThat(r.diagnostics().get(1).location()).isEqualTo("/States/P/Next");
        assertThat(r.truncated()).isFalse();
        ValidateStateMachineDefinitionResponse one = sfn.validateStateMachineDefinition(b -> b.definition(bad).maxResults(1));
        assertThat(one.diagnostics()).hasSize(1);
        assertThat(one.truncated()).isTrue();
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad").roleArn(ROLE).definition(bad)))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining(r.diagnostics().get(0).message());
    }

    @Test
    void validateStateMachineDefinition_invalidJson_failsWithInvalidJsonDescription() {
        ValidateStateMachineDefinitionResponse r = sfn.validateStateMachineDefinition(b -> b.definition("{ not json"));
        assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(r.diagnostics().get(0).code()).isEqualTo("INVALID_JSON_DESCRIPTION");
    }
}
