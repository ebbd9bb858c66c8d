package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidLoggingConfigurationException;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/**
 * EXPRESS state machines through the real SDK v2 clients against the local endpoint: StartSyncExecution
 * (success, failure, the 5-minute limit on the virtual clock, MANUAL clock), StartExecution's Express
 * semantics, the execution APIs Express refuses, the definition rules, and the logging configuration's
 * events read back with {@link CloudWatchLogsClient}.
 */
class StepFunctionsExpressIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
    static final AtomicInteger names = new AtomicInteger();
    static LocalCloud cloud;
    static SfnClient sfn;
    static CloudWatchLogsClient logs;

    static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "ResultPath": "$.r", "End": true}}}""";
    static final String FAIL = """
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Custom.Broken", "Cause": "it broke"}}}""";
    static final String WAIT_400 = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 400, "End": true}}}""";
    static final String WAIT_10 = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "Next": "P"},
              "P": {"Type": "Pass", "End": true}}}""";

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        sfn = sfn(cloud.endpoint());
        logs = CloudWatchLogsClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET"))).build();
    }

    /** StartSyncExecution carries the {@code sync-} host prefix, which an IP endpoint cannot take: turned off as AwsClients does. */
    static SfnClient sfn(URI endpoint) {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        logs.close();
        cloud.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + names.incrementAndGet();
    }

    static String express(String definition) {
        return sfn.createStateMachine(b -> b.name(unique("express")).definition(definition).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
    }

    static String logGroup() {
        String name = unique("/aws/vendedlogs/states/it");
        logs.createLogGroup(b -> b.logGroupName(name));
        return name;
    }

    static String groupArn(String name) {
        return "arn:aws:logs:us-east-1:123456789012:log-group:" + name + ":*";
    }

    /** The messages of the one execution stream of {@code machine} in {@code group}. */
    static List<JsonNode> logLines(String group, String machineName) {
        List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix("states/" + machineName + "/"))
                .logStreams();
        assertThat(streams).hasSize(1);
        return logs.getLogEvents(b -> b.logGroupName(group).logStreamName(streams.get(0).logStreamName()).startFromHead(true))
                .events().stream().map(OutputLogEvent::message).map(Json::parse).toList();
    }

    // ------------------------------------------------------------------ state machines

    @Test
    void createStateMachine_express_describeReportsType() {
        String arn = express(PASS);
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).type()).isEqualTo(StateMachineType.EXPRESS);
    }

    @Test
    void createStateMachine_expressWithSyncWaitForTaskTokenAndActivity_refusedWithAwsWording() {
        String def = """
                {"StartAt": "Job", "States": {
                  "Job": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync", "Next": "Cb"},
                  "Cb": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Next": "Act"},
                  "Act": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:work", "End": true}}}""";
        assertThatThrownBy(() -> express(def)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not "
                        + "support '.sync' service integration at /States/Job/Resource")
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' "
                        + "service integration at /States/Cb/Resource")
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/Act/Resource");
    }

    @Test
    void updateStateMachine_expressToSyncIntegration_refused() {
        String arn = express(PASS);
        String def = """
                {"StartAt": "Child", "States": {"Child": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "S",
                  "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true}}}]}}}""";
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(def)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Express state machine does not support '.sync' service integration at "
                        + "/States/Child/Branches/0/States/S/Resource");
    }

    @Test
    void validateStateMachineDefinition_typeExpress_reportsExpressDiagnostics() {
        String def = """
                {"StartAt": "Job", "States": {"Job": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync", "End": true}}}""";
        var standard = sfn.validateStateMachineDefinition(b -> b.definition(def).type(StateMachineType.STANDARD));
        var express = sfn.validateStateMachineDefinition(b -> b.definition(def).type(StateMachineType.EXPRESS));
        assertThat(standard.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(express.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(express.diagnostics().get(0).code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
        assertThat(express.diagnostics().get(0).message()).isEqualTo("Express state machine does not support '.sync' service integration");
        assertThat(express.diagnostics().get(0).location()).isEqualTo("/States/Job/Resource");
    }

    // ------------------------------------------------------------------ StartSyncExecution

    @Test
    void startSyncExecution_passMachine_returnsSucceededWithOutputAndBilling() {
        String arn = express(PASS);
        StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(arn).name("sync-ok").input("{\"a\":1}"));
        assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(r.executionArn()).startsWith(arn.replace(":stateMachine:", ":express:") + ":sync-ok:");
        assertThat(r.stateMachineArn()).isEqualTo(arn);
        assertThat(r.name()).isEqualTo("sync-ok");
        assertThat(Json.parse(r.output())).isEqualTo(Json.parse("{\"a\":1,\"r\":{\"ok\":true}}"));
        assertThat(r.input()).isEqualTo("{\"a\":1}");
        assertThat(r.inputDetails().included()).isTrue();
        assertThat(r.outputDetails().included()).isTrue();
        assertThat(r.error()).isNull();
        assertThat(r.billingDetails().billedMemoryUsedInMB()).isEqualTo(64L);
        assertThat(r.billingDetails().billedDurationInMilliseconds()).isEqualTo(100L);
        assertThat(r.traceHeader()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0");
        assertThat(r.stopDate()).isAfterOrEqualTo(r.startDate());
        StartSyncExecutionResponse meta = sfn.startSyncExecution(b -> b.stateMachineArn(arn).name("sync-ok").input("{\"a\":1}")
                .includedData(IncludedData.METADATA_ONLY));
        assertThat(meta.executionArn()).isNotEqualTo(r.executionArn()); // same name again: Express reserves none
        assertThat(meta.input()).isNull();
        assertThat(meta.output()).isNull();
        assertThat(meta.inputDetails().included()).isFalse();
        assertThat(meta.outputDetails().included()).isFalse();
    }

    @Test
    void startSyncExecution_failState_returnsFailedWithErrorAndCause() {
        String arn = express(FAIL);
        StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(arn).traceHeader("Root=1-abc-def;Sampled=1"));
        assertThat(r.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(r.error()).isEqualTo("Custom.Broken");
        assertThat(r.cause()).isEqualTo("it broke");
        assertThat(r.output()).isNull();
        assertThat(r.traceHeader()).isEqualTo("Root=1-abc-def;Sampled=1");
    }

    @Test
    void startSyncExecution_waitBeyondFiveMinutes_timesOutAtFiveMinutesOnVirtualClock() {
        String arn = express(WAIT_400);
        StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(arn));
        assertThat(r.status()).isEqualTo(SyncExecutionStatus.TIMED_OUT);
        assertThat(r.error()).isEqualTo("States.Timeout");
        assertThat(r.cause()).isEqualTo(ExpressExecutions.TIMEOUT_CAUSE);
        assertThat(Duration.between(r.startDate(), r.stopDate())).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.billingDetails().billedDurationInMilliseconds()).isEqualTo(300_000L);
    }

    @Test
    void startSyncExecution_standardMachine_refusedStateMachineTypeNotSupported() {
        String arn = sfn.createStateMachine(b -> b.name(unique("standard")).definition(PASS).roleArn(ROLE)).stateMachineArn();
        assertThatThrownBy(() -> sfn.startSyncExecution(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class)
                .hasMessageContaining("This operation is not supported by this type of state machine");
    }

    @Test
    void startSyncExecution_manualClock_movesTimeUntilTheExecutionEnds() {
        try (LocalCloud manual = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).build().start();
                SfnClient client = sfn(manual.endpoint())) {
            String arn = client.createStateMachine(b -> b.name("manual").definition(WAIT_10).roleArn(ROLE)
                    .type(StateMachineType.EXPRESS)).stateMachineArn();
            StartSyncExecutionResponse r = client.startSyncExecution(b -> b.stateMachineArn(arn));
            assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
            assertThat(Duration.between(r.startDate(), r.stopDate())).isEqualTo(Duration.ofSeconds(10));
            assertThat(r.billingDetails().billedDurationInMilliseconds()).isEqualTo(10_000L);
            assertThat(manual.clock().now()).isEqualTo(r.stopDate());
        }
    }

    // ------------------------------------------------------------------ StartExecution on EXPRESS and the refused APIs

    @Test
    void startExecution_express_executionApisRefusedAsOnAws() {
        String arn = express(PASS);
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn).name("same")).executionArn();
        String again = sfn.startExecution(b -> b.stateMachineArn(arn).name("same")).executionArn();
        assertThat(exec).contains(":express:").isNotEqualTo(again); // not idempotent, the name is not reserved
        for (Runnable call : List.<Runnable>of(() -> sfn.describeExecution(b -> b.executionArn(exec)),
                () -> sfn.getExecutionHistory(b -> b.executionArn(exec)),
                () -> sfn.stopExecution(b -> b.executionArn(exec)),
                () -> sfn.describeStateMachineForExecution(b -> b.executionArn(exec)))) {
            assertThatThrownBy(call::run).isInstanceOf(InvalidArnException.class)
                    .hasMessageContaining("Invalid Arn: 'Resource type not valid in this context: express'");
        }
        assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class)
                .hasMessageContaining("This operation is not supported by this type of state machine");
    }

    @Test
    void startExecutionSync_standardParentOfExpressChild_resultIsTheChildsDescription() {
        String child = express(PASS);
        String definition = """
                {"StartAt": "C", "States": {"C": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                  "Parameters": {"StateMachineArn": "%s", "Input": {"a": 1}}, "End": true}}}""".formatted(child);
        String parent = sfn.createStateMachine(b -> b.name(unique("parent")).roleArn(ROLE).definition(definition)).stateMachineArn();
        String exec = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(20))).isTrue();
        var d = sfn.describeExecution(b -> b.executionArn(exec));
        assertThat(d.statusAsString()).isEqualTo("SUCCEEDED");
        JsonNode out = Json.parse(d.output());
        assertThat(out.path("ExecutionArn").asText()).contains(":express:");
        assertThat(out.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.path("Output")).isEqualTo(Json.parse("{\"a\":1,\"r\":{\"ok\":true}}"));
    }

    @Test
    void stateDir_expressMachineWithLogging_typeAndLoggingSurviveARestartAndNoExecutionIsRecorded(@TempDir Path dir) throws Exception {
        String arn;
        try (LocalCloud durable = LocalCloud.builder().port(0).stateDir(dir).build().start(); SfnClient client = sfn(durable.endpoint());
                CloudWatchLogsClient logClient = CloudWatchLogsClient.builder().httpClient(UrlConnectionHttpClient.create())
                        .endpointOverride(durable.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET"))).build()) {
            logClient.createLogGroup(b -> b.logGroupName("/durable"));
            arn = client.createStateMachine(b -> b.name("durable-express").definition(PASS).roleArn(ROLE).type(StateMachineType.EXPRESS)
                    .loggingConfiguration(l -> l.level(LogLevel.FATAL)
                            .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(groupArn("/durable")))))).stateMachineArn();
            assertThat(client.startSyncExecution(b -> b.stateMachineArn(arn).name("not-recorded")).status())
                    .isEqualTo(SyncExecutionStatus.SUCCEEDED);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain("not-recorded");
            }
        }
        try (LocalCloud durable = LocalCloud.builder().port(0).stateDir(dir).build().start(); SfnClient client = sfn(durable.endpoint())) {
            var d = client.describeStateMachine(b -> b.stateMachineArn(arn));
            assertThat(d.type()).isEqualTo(StateMachineType.EXPRESS);
            assertThat(d.loggingConfiguration().level()).isEqualTo(LogLevel.FATAL);
            assertThat(d.loggingConfiguration().destinations().get(0).cloudWatchLogsLogGroup().logGroupArn()).isEqualTo(groupArn("/durable"));
            assertThat(client.startSyncExecution(b -> b.stateMachineArn(arn)).status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        }
    }

    // ------------------------------------------------------------------ logging

    @Test
    void startSyncExecution_loggingAll_everyEventInCloudWatchLogs() {
        String group = logGroup();
        String name = unique("logged");
        String arn = sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE).type(StateMachineType.EXPRESS)
                .loggingConfiguration(l -> l.level(LogLevel.ALL).includeExecutionData(true)
                        .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(groupArn(group)))))).stateMachineArn();
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).loggingConfiguration().level()).isEqualTo(LogLevel.ALL);
        StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{\"x\":1}"));
        List<JsonNode> lines = logLines(group, name);
        assertThat(lines).extracting(l -> l.get("type").asText())
                .containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(lines).extracting(l -> l.get("execution_arn").asText()).containsOnly(r.executionArn());
        assertThat(lines.get(0).get("id").asText()).isEqualTo("1");
        assertThat(lines.get(0).get("previous_event_id").asText()).isEqualTo("0");
        assertThat(lines.get(0).get("redrive_count").asText()).isEqualTo("0");
        assertThat(lines.get(0).get("event_timestamp").asText()).isEqualTo(String.valueOf(r.startDate().toEpochMilli()));
        assertThat(lines.get(0).path("details").path("input").asText()).isEqualTo("{\"x\":1}");
        assertThat(Json.parse(lines.get(3).path("details").path("output").asText())).isEqualTo(Json.parse(r.output()));
        assertThat(logs.describeLogStreams(b -> b.logGroupName(group)).logStreams()).extracting(LogStream::logStreamName)
                .contains(ExecutionLogging.VALIDATION_STREAM);
    }

    @Test
    void startExecution_standardAndExpressWithLevelError_onlyFailureEventsWithoutData() {
        String group = logGroup();
        for (StateMachineType type : List.of(StateMachineType.STANDARD, StateMachineType.EXPRESS)) {
            String name = unique("errors-" + type);
            String arn = sfn.createStateMachine(b -> b.name(name).definition(FAIL).roleArn(ROLE).type(type)
                    .loggingConfiguration(l -> l.level(LogLevel.ERROR).includeExecutionData(false)
                            .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(groupArn(group)))))).stateMachineArn();
            sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"secret\":1}"));
            assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(20))).isTrue();
            List<JsonNode> lines = logLines(group, name);
            assertThat(lines).extracting(l -> l.get("type").asText()).as(type.toString())
                    .containsExactly("FailStateEntered", "ExecutionFailed");
            assertThat(lines.get(0).path("details").has("input")).isFalse();
            assertThat(lines.get(1).path("details").path("error").asText()).isEqualTo("Custom.Broken");
        }
    }

    @Test
    void updateStateMachine_loggingConfiguration_refusedForAMissingGroupThenDeliveredToAnExistingOne() {
        String name = unique("updated");
        String arn = sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE).type(StateMachineType.EXPRESS))
                .stateMachineArn();
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).loggingConfiguration(l -> l.level(LogLevel.ALL)
                .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(groupArn("/missing")))))))
                .isInstanceOf(InvalidLoggingConfigurationException.class);
        String group = logGroup();
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).loggingConfiguration(l -> l.level(LogLevel.FATAL)
                .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(groupArn(group))))));
        sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{}"));
        assertThat(logs.describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix("states/" + name + "/")).logStreams())
                .as("FATAL logs no event of a succeeded execution").isEmpty();
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(FAIL));
        sfn.startSyncExecution(b -> b.stateMachineArn(arn));
        assertThat(logLines(group, name)).extracting(l -> l.get("type").asText()).containsExactly("ExecutionFailed");
    }

    @Test
    void createStateMachine_loggingToMissingLogGroup_invalidLoggingConfiguration() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name(unique("nolog")).definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS).loggingConfiguration(l -> l.level(LogLevel.ALL)
                        .destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(groupArn("/no/such/group")))))))
                .isInstanceOf(InvalidLoggingConfigurationException.class)
                .hasMessageContaining("Invalid Logging Configuration: Log Destination not found.");
    }
}
