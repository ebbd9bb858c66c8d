package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.LambdaService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The Step Functions API of the local cloud through the real SDK v2 client: every operation and its errors. */
class StepFunctionsIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
    static LocalCloud cloud;
    static SfnClient sfn;
    static final AtomicInteger names = new AtomicInteger();

    static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "ResultPath": "$.r", "End": true}}}""";
    /**
     * Waits for a callback; the task token travels to the default event bus. No TimeoutSeconds: on the
     * VIRTUAL clock a pending timeout is the next thing that happens, before a test thread can call back.
     */
    static final String CALLBACK = """
            {"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
              "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
              "Parameters": {"Entries": [{"Source": "sfn.it", "DetailType": "token", "Detail": {"token.$": "$$.Task.Token"}}]},
              "ResultPath": "$.cb", "End": true}}}""";

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .build();
        LambdaService lambda = (LambdaService) cloud.services().get("lambda");
        lambda.deploy("double", "dev.gbo.local.sfn.fixtures.DoubleHandler::handleRequest", Map.of(), 256, 30);
        lambda.deploy("callback", "dev.gbo.local.sfn.fixtures.CallbackHandler::handleRequest", Map.of(), 256, 30);
    }

    @AfterAll
    static void stop() {
        sfn.close();
        cloud.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + names.incrementAndGet();
    }

    static String create(String definition) {
        return sfn.createStateMachine(b -> b.name(unique("sm")).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    static DescribeExecutionResponse await(String execArn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execArn));
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

    static List<HistoryEvent> history(String execArn) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(execArn).maxResults(2)).events().stream().toList();
    }

    /** Waits until the callback task is submitted and returns its token (from the event it put). */
    static String token(String execArn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (HistoryEvent e : history(execArn)) {
                if (e.type() == HistoryEventType.TASK_SCHEDULED) {
                    JsonNode p = Json.parse(e.taskScheduledEventDetails().parameters());
                    return p.path("Entries").path(0).path("Detail").path("token").asText();
                }
            }
        }
        throw new AssertionError("no TaskScheduled event");
    }

    // ------------------------------------------------------------------ state machines

    @Test
    void createStateMachine_validDefinition_describeEchoesEverything() {
        String name = unique("describe");
        String arn = sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE)).stateMachineArn();
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:" + name);
        DescribeStateMachineResponse d = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(d.name()).isEqualTo(name);
        assertThat(d.definition()).isEqualTo(PASS);
        assertThat(d.roleArn()).isEqualTo(ROLE);
        assertThat(d.status()).isEqualTo(StateMachineStatus.ACTIVE);
        assertThat(d.typeAsString()).isEqualTo("STANDARD");
        assertThat(d.creationDate()).isNotNull();
        assertThat(d.loggingConfiguration().levelAsString()).isEqualTo("OFF");
        assertThat(d.revisionId()).as("AWS gives no revisionId to the initial revision").isNull();
    }

    @Test
    void createStateMachine_sameNameSameDefinition_isIdempotent() {
        String name = unique("idem");
        String a = sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE)).stateMachineArn();
        String b2 = sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE)).stateMachineArn();
        assertThat(b2).isEqualTo(a);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name(name).definition(CALLBACK).roleArn(ROLE)))
                .isInstanceOf(StateMachineAlreadyExistsException.class).hasMessageContaining(a);
    }

    @Test
    void createStateMachine_invalidDefinition_throwsInvalidDefinitionNamingTheProblem() {
        assertThatThrownBy(() -> create("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}"))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("MISSING_TRANSITION_TARGET")
                .hasMessageContaining("B");
        assertThatThrownBy(() -> create("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"InputPath\": \"$\", \"End\": true}}}"))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("'InputPath' is not supported in states whose QueryLanguage is JSONata");
        assertThatThrownBy(() -> create("not json")).isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void createStateMachine_unservedIntegration_isAccepted() {
        String arn = create("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": {"TableName": "t", "Item": {}}, "End": true}}}""");
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        DescribeExecutionResponse d = await(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.Runtime");
        assertThat(d.cause()).contains("does not serve the integration");
    }

    @Test
    void createStateMachine_badNameOrRoleOrType_throwsAwsErrors() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad name").definition(PASS).roleArn(ROLE)))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name(unique("r")).definition(PASS).roleArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name(unique("x")).definition(PASS).roleArn(ROLE).type("BOGUS")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("[STANDARD, EXPRESS]");
    }

    @Test
    void updateStateMachine_newDefinition_laterExecutionsUseItAndEmptyUpdateIsRefused() {
        String arn = create(PASS);
        String updated = PASS.replace("\"ok\": true", "\"ok\": \"v2\"");
        String first = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        await(first);
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(first)).revisionId()).isNull();
        UpdateStateMachineResponse u = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(updated));
        assertThat(u.updateDate()).isNotNull();
        assertThat(u.revisionId()).isNotBlank();
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(updated);
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId()).isEqualTo(u.revisionId());
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        assertThat(await(exec).output()).isEqualTo("{\"r\":{\"ok\":\"v2\"}}");
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(exec)).definition()).isEqualTo(updated);
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(exec)).revisionId()).isEqualTo(u.revisionId());
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(MissingRequiredParameterException.class);
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition("{}")))
                .isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void listStateMachines_maxResults_paginatesWithNextToken() {
        create(PASS);
        create(PASS);
        ListStateMachinesResponse first = sfn.listStateMachines(b -> b.maxResults(1));
        assertThat(first.stateMachines()).hasSize(1);
        assertThat(first.nextToken()).isNotNull();
        ListStateMachinesResponse second = sfn.listStateMachines(b -> b.maxResults(1).nextToken(first.nextToken()));
        assertThat(second.stateMachines()).hasSize(1);
        assertThat(second.stateMachines().get(0).name()).isNotEqualTo(first.stateMachines().get(0).name());
        long total = sfn.listStateMachinesPaginator(b -> b.maxResults(2)).stateMachines().stream().count();
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> sfn.listStateMachines(b -> b.nextToken("garbage!")))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void deleteStateMachine_existing_thenDescribeThrowsDoesNotExist() {
        String arn = create(PASS);
        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class).hasMessageContaining(arn);
    }

    @Test
    void deleteStateMachine_withOpenExecution_isDeletingUntilItCloses() {
        String arn = create(CALLBACK);
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn).input("{}")).executionArn();
        String token = token(exec);
        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).status()).isEqualTo(StateMachineStatus.DELETING);
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
        assertThat(await(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void describeStateMachine_malformedOrExecutionArn_throwsInvalidArn() {
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:nope")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:execution:a:b"))).isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:missing"))).isInstanceOf(StateMachineDoesNotExistException.class);
    }

    // ------------------------------------------------------------------ executions

    @Test
    void startExecution_passMachine_succeedsWithOutputAndArnFormat() {
        String arn = create(PASS);
        StartExecutionResponse r = sfn.startExecution(b -> b.stateMachineArn(arn).name("run-1").input("{\"a\":1}"));
        assertThat(r.executionArn()).isEqualTo(arn.replace(":stateMachine:", ":execution:") + ":run-1");
        DescribeExecutionResponse d = await(r.executionArn());
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"a\":1,\"r\":{\"ok\":true}}");
        assertThat(d.input()).isEqualTo("{\"a\":1}");
        assertThat(d.stopDate()).isNotNull();
        assertThat(d.name()).isEqualTo("run-1");
        assertThat(d.stateMachineArn()).isEqualTo(arn);
    }

    @Test
    void startExecution_sameNameSameInputWhileOpen_returnsSameExecution() {
        String arn = create(CALLBACK);
        String a = sfn.startExecution(b -> b.stateMachineArn(arn).name("same").input("{\"x\":1}")).executionArn();
        String b2 = sfn.startExecution(b -> b.stateMachineArn(arn).name("same").input("{\"x\":1}")).executionArn();
        assertThat(b2).isEqualTo(a);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).name("same").input("{\"x\":2}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        sfn.stopExecution(b -> b.executionArn(a));
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).name("same").input("{\"x\":1}")))
                .as("a closed execution keeps its name").isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void startExecution_badInputOrNameOrMachine_throwsAwsErrors() {
        String arn = create(PASS);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("{not json")))
                .isInstanceOf(InvalidExecutionInputException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).name("a/b")))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn + "-missing")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn + "#NoSuchCase")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("NoSuchCase");
    }

    @Test
    void describeExecution_unknownOrMalformed_throwsAwsErrors() {
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:nope:nope"))).isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn("nope"))).isInstanceOf(InvalidArnException.class);
    }

    @Test
    void listExecutions_statusFilter_returnsMatchingNewestFirst() {
        String arn = create(CALLBACK);
        String open = sfn.startExecution(b -> b.stateMachineArn(arn).name("open")).executionArn();
        String stopped = sfn.startExecution(b -> b.stateMachineArn(arn).name("stopped")).executionArn();
        sfn.stopExecution(b -> b.executionArn(stopped));
        ListExecutionsResponse running = sfn.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING));
        assertThat(running.executions()).extracting(e -> e.executionArn()).containsExactly(open);
        ListExecutionsResponse all = sfn.listExecutions(b -> b.stateMachineArn(arn));
        assertThat(all.executions()).extracting(e -> e.name()).containsExactly("stopped", "open");
        ListExecutionsResponse page = sfn.listExecutions(b -> b.stateMachineArn(arn).maxResults(1));
        assertThat(page.executions()).hasSize(1);
        assertThat(page.nextToken()).isNotNull();
        sfn.stopExecution(b -> b.executionArn(open));
    }

    @Test
    void stopExecution_running_abortsAndTokenDies() {
        String arn = create(CALLBACK);
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        String token = token(exec);
        assertThat(sfn.stopExecution(b -> b.executionArn(exec).error("Stopped.ByTest").cause("enough")).stopDate()).isNotNull();
        DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(exec));
        assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(d.error()).isEqualTo("Stopped.ByTest");
        List<HistoryEvent> h = history(exec);
        HistoryEvent last = h.get(h.size() - 1);
        assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
        assertThat(last.executionAbortedEventDetails().cause()).isEqualTo("enough");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void getExecutionHistory_reverseOrderAndPaging_matchAwsShape() {
        String arn = create(PASS);
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn).input("{}")).executionArn();
        await(exec);
        List<HistoryEvent> h = history(exec);
        assertThat(h).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(h).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(h.get(0).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
        assertThat(h.get(1).stateEnteredEventDetails().name()).isEqualTo("P");
        assertThat(h.get(2).stateExitedEventDetails().output()).isEqualTo("{\"r\":{\"ok\":true}}");
        assertThat(h.get(3).executionSucceededEventDetails().output()).isEqualTo("{\"r\":{\"ok\":true}}");
        assertThat(h.get(0).timestamp()).isNotNull();
        GetExecutionHistoryResponse rev = sfn.getExecutionHistory(b -> b.executionArn(exec).reverseOrder(true).maxResults(1));
        assertThat(rev.events().get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(rev.nextToken()).isNotNull();
        GetExecutionHistoryResponse noData = sfn.getExecutionHistory(b -> b.executionArn(exec).includeExecutionData(false));
        assertThat(noData.events().get(0).executionStartedEventDetails().input()).isNull();
        assertThatThrownBy(() -> sfn.getExecutionHistory(b -> b.executionArn(exec).nextToken("bogus")))
                .isInstanceOf(InvalidTokenException.class);
    }

    // ------------------------------------------------------------------ callbacks

    @Test
    void sendTaskSuccess_liveToken_completesOnceThenTaskTimedOut() {
        String arn = create(CALLBACK);
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"a\":1}")).executionArn();
        String token = token(exec);
        assertThat(token.length()).isBetween(1, 2048);
        sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"done\":true}"));
        DescribeExecutionResponse d = await(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"a\":1,\"cb\":{\"done\":true}}");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class).hasMessageContaining("Provided task does not exist anymore");
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(token))).isInstanceOf(TaskTimedOutException.class);
        assertThat(history(exec)).extracting(HistoryEvent::type).contains(HistoryEventType.TASK_SUBMITTED,
                HistoryEventType.TASK_SUCCEEDED);
    }

    @Test
    void sendTaskFailure_liveToken_failsExecutionWithErrorAndCause() {
        String arn = create(CALLBACK);
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        String token = token(exec);
        sfn.sendTaskFailure(b -> b.taskToken(token).error("Worker.Failed").cause("disk full"));
        DescribeExecutionResponse d = await(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Worker.Failed");
        assertThat(d.cause()).isEqualTo("disk full");
    }

    @Test
    void sendTask_garbageOrOversizedToken_throwsInvalidTokenOrValidation() {
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("garbage").output("{}")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken("garbage"))).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("garbage"))).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("x".repeat(2049)).output("{}")))
                .isInstanceOf(ValidationException.class);
        String arn = create(CALLBACK);
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        String token = token(exec);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{bad")))
                .isInstanceOf(InvalidOutputException.class);
        sfn.stopExecution(b -> b.executionArn(exec));
    }

    @Test
    void lambdaInvoke_localFunction_wrapsPayloadAndMapsFunctionErrors() {
        String arn = create("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "double", "Payload.$": "$"}, "ResultSelector": {"v.$": "$.Payload.value",
                  "status.$": "$.StatusCode"}, "End": true}}}""");
        String ok = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"value\":21}")).executionArn();
        assertThat(await(ok).output()).isEqualTo("{\"v\":42,\"status\":200}");
        String bad = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"value\":-1}")).executionArn();
        DescribeExecutionResponse d = await(bad);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(Json.parse(d.cause()).path("errorMessage").asText()).isEqualTo("negative value -1");
    }

    @Test
    void lambdaWaitForTaskToken_workerCallsBackThroughSdk_succeeds() {
        String arn = create("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "callback", "Payload": {"token.$": "$$.Task.Token", "mode.$": "$.mode",
                  "output": {"from": "worker"}}}, "End": true}}}""");
        String ok = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"mode\":\"success\"}")).executionArn();
        DescribeExecutionResponse d = await(ok);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"from\":\"worker\"}");
        String failed = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"mode\":\"failure\"}")).executionArn();
        assertThat(await(failed).error()).isEqualTo("WorkerFailed");
    }

    @Test
    void executionStarter_fromRegistry_startsExecution() {
        String arn = create(PASS);
        String exec = cloud.services().executions().startExecution(arn, "{\"via\":\"events\"}");
        assertThat(await(exec).output()).isEqualTo("{\"via\":\"events\",\"r\":{\"ok\":true}}");
    }

    @Test
    void tags_tagListUntag_roundTrip() {
        String arn = create(PASS);
        sfn.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("gbo"), t -> t.key("env").value("local")));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(t -> t.key()).containsExactly("team", "env");
        sfn.untagResource(b -> b.resourceArn(arn).tagKeys("env"));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(t -> t.key()).containsExactly("team");
    }

    @Test
    void unsigned_xAmzTarget_routedByTheServicesTargetPrefix() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(cloud.endpoint().resolve("/"))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines").header("Content-Type", "application/x-amz-json-1.0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"maxResults\":1}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("stateMachines");
    }
}
