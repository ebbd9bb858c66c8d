package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.lambda.LambdaService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/**
 * A suite written the way suites for Step Functions Local are written (AWS's mocked service
 * integration sample: LambdaSQSIntegration, HappyPath/RetryPath/HybridPath test cases, history
 * assertions). Only the endpoint differs from a Step Functions Local run; the mock file is the one
 * {@code SFN_MOCK_CONFIG} would name.
 */
class StepFunctionsLocalStyleIT {

    static LocalCloud cloud;
    static SfnClient client;
    static String stateMachineArn;

    @BeforeAll
    static void setUp() throws Exception {
        cloud = LocalCloud.builder().port(0).build().start();
        Path dir = Path.of(StepFunctionsLocalStyleIT.class.getResource("/sfn/local-compat").toURI());
        // Step Functions Local reads SFN_MOCK_CONFIG at start; this is the same file.
        ((StepFunctionsService) cloud.services().get("states")).mockConfig(dir.resolve("MockConfigFile.json"));
        ((LambdaService) cloud.services().get("lambda")).deploy("HelloWorldFunction",
                "dev.gbo.local.sfn.fixtures.DoubleHandler::handleRequest", Map.of(), 256, 30);
        URI endpoint = cloud.endpoint(); // was http://localhost:8083 for Step Functions Local
        client = SfnClient.builder()
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .build();
        stateMachineArn = client.createStateMachine(CreateStateMachineRequest.builder()
                .name("LambdaSQSIntegration")
                .definition(Files.readString(dir.resolve("LambdaSQSIntegration.asl.json")))
                .roleArn("arn:aws:iam::123456789012:role/DummyRole")
                .build()).stateMachineArn();
    }

    @AfterAll
    static void tearDown() {
        client.close();
        cloud.close();
    }

    private static String run(String testCase, String name, String input) throws InterruptedException {
        String executionArn = client.startExecution(StartExecutionRequest.builder()
                .stateMachineArn(stateMachineArn + "#" + testCase).name(name).input(input).build()).executionArn();
        for (int i = 0; i < 2000; i++) {
            if (client.describeExecution(DescribeExecutionRequest.builder().executionArn(executionArn).build()).status()
                    != ExecutionStatus.RUNNING) {
                break;
            }
            Thread.sleep(5);
        }
        return executionArn;
    }

    private static List<HistoryEvent> history(String executionArn) {
        return client.getExecutionHistory(GetExecutionHistoryRequest.builder().executionArn(executionArn).build()).events();
    }

    @Test
    void happyPath_mockedLambdaAndSqs_succeedsWithMockedResults() throws Exception {
        String exec = run("HappyPath", "happyPathExecution", "{\"value\": 1}");
        assertThat(client.describeExecution(b -> b.executionArn(exec)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<HistoryEvent> events = history(exec);
        List<String> exited = events.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_EXITED)
                .map(e -> e.stateExitedEventDetails().name()).toList();
        assertThat(exited).containsExactly("LambdaState", "SQSState");
        HistoryEvent lambdaExit = events.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_EXITED).findFirst().orElseThrow();
        assertThat(lambdaExit.stateExitedEventDetails().output()).contains("Hello from Lambda!");
        HistoryEvent last = events.get(events.size() - 1);
        assertThat(last.executionSucceededEventDetails().output()).contains("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51");
        assertThat(events.stream().filter(e -> e.type() == HistoryEventType.TASK_SUCCEEDED)
                .map(e -> e.taskSucceededEventDetails().resourceType()).toList()).containsExactly("lambda", "sqs");
    }

    @Test
    void retryPath_throwsThenReturns_retriesCountAttempts() throws Exception {
        String exec = run("RetryPath", "retryPathExecution", "{}");
        assertThat(client.describeExecution(b -> b.executionArn(exec)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<HistoryEvent> events = history(exec);
        List<String> errors = events.stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED)
                .map(e -> e.taskFailedEventDetails().error()).collect(Collectors.toList());
        assertThat(errors).containsExactly("Lambda.ResourceNotReadyException", "Lambda.TimeoutException",
                "Lambda.TimeoutException");
        assertThat(events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).count()).isEqualTo(5);
        // retries wait 2, 4 and 8 seconds of (virtual) time
        List<HistoryEvent> scheduled = events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).toList();
        assertThat(scheduled.get(3).timestamp().getEpochSecond() - scheduled.get(0).timestamp().getEpochSecond()).isEqualTo(14);
    }

    @Test
    void hybridPath_unmockedLambdaRunsLocally_mockedSqsReturnsMock() throws Exception {
        String exec = run("HybridPath", "hybridPathExecution", "{\"value\": 21}");
        assertThat(client.describeExecution(b -> b.executionArn(exec)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        HistoryEvent lambdaDone = history(exec).stream().filter(e -> e.type() == HistoryEventType.TASK_SUCCEEDED).findFirst()
                .orElseThrow();
        assertThat(lambdaDone.taskSucceededEventDetails().output()).contains("\"value\":42");
    }

    @Test
    void catchPath_retriesExhausted_caughtIntoFailState() throws Exception {
        String exec = run("CatchPath", "catchPathExecution", "{}");
        var d = client.describeExecution(b -> b.executionArn(exec));
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("NotReady");
        assertThat(d.cause()).isEqualTo("Lambda resource is not ready.");
    }
}
