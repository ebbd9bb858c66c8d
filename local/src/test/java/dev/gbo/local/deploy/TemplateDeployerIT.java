package dev.gbo.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.lambda.fixtures.Clients;
import dev.gbo.local.lambda.fixtures.Recorder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.sfn.SfnClient;

class TemplateDeployerIT {
    LocalCloud cloud;
    TemplateDeployer deployer;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        deployer = new TemplateDeployer(cloud);
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    static Path fixture() {
        try {
            return Path.of(TemplateDeployerIT.class.getResource("/deploy/fixture.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deploy_fixture_createsFunctionsWithResolvedEnvironment() {
        DeployReport report = deployer.deploy(fixture(), "fixture-stack", Map.of("Greeting", "hey"));
        try (LambdaClient lambda = Clients.of(LambdaClient.builder(), cloud)) {
            FunctionConfiguration c = lambda.getFunction(b -> b.functionName("fx-echo")).configuration();
            assertThat(c.handler()).isEqualTo("dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest");
            assertThat(c.memorySize()).isEqualTo(512);
            assertThat(c.timeout()).isEqualTo(10);
            assertThat(c.environment().variables())
                    .containsEntry("PREFIX", "fx")
                    .containsEntry("GREETING", "overridden")
                    .containsEntry("BUS", "fx-bus")
                    .containsEntry("SUBNETS", "subnet-1,subnet-2")
                    .containsEntry("FIRST_SUBNET", "subnet-1")
                    .containsEntry("REGION_ACCOUNT", "us-east-1/123456789012/aws/fixture-stack")
                    .containsEntry("MODE", "quick")
                    .containsEntry("QUEUE_ARN", "arn:aws:sqs:us-east-1:123456789012:fx-dlq")
                    .containsEntry("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/fx-dlq")
                    .containsEntry("LONG_FORM", "fx-arn:aws:events:us-east-1:123456789012:event-bus/fx-bus")
                    .containsEntry("SPLIT", "b")
                    .containsEntry("LITERAL", "${NotAVariable}")
                    .doesNotContainKey("OPTIONAL");
            assertThat(lambda.getFunction(b -> b.functionName("fx-echo").qualifier("live")).configuration().version())
                    .isEqualTo("1");
        }
        assertThat(report.entry("EchoFunction").detail())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:fx-echo:live");
    }

    @Test
    void deploy_unnamedFunction_getsCloudFormationStylePhysicalName() {
        DeployReport report = deployer.deploy(fixture(), "fixture-stack", Map.of());
        String name = report.entry("UnnamedFunction").physicalId();
        assertThat(name).matches("fixture-stack-UnnamedFunction-[A-Z0-9]{12}");
        assertThat(report.outputs().get("UnnamedName")).isEqualTo(name);
        // deterministic: a redeploy updates the same function
        assertThat(new TemplateDeployer(cloud).deploy(fixture(), "fixture-stack", Map.of())
                .entry("UnnamedFunction").physicalId()).isEqualTo(name);
    }

    @Test
    void deploy_fixture_reportsEveryResourceWithStatus() {
        DeployReport report = deployer.deploy(fixture(), "fixture-stack", Map.of());
        assertThat(report.entry("Bus").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("Bus").detail()).isEqualTo("arn:aws:events:us-east-1:123456789012:event-bus/fx-bus");
        assertThat(report.entry("DeadLetters").detail()).startsWith("arn:aws:sqs:us-east-1:123456789012:fx-dlq");
        assertThat(report.entry("Machine").detail()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:fx-machine");
        assertThat(report.entry("StartRule").detail()).matches("arn:aws:events:us-east-1:123456789012:rule/fx-bus/fixture-stack-StartRule-[A-Z0-9]{12}");
        assertThat(report.entry("EchoFunctionOnPing").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("StartRole").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("StartRole").detail()).isEqualTo("arn:aws:iam::123456789012:role/fixture-stack-StartRole-"
                + report.entry("StartRole").physicalId().substring("fixture-stack-StartRole-".length())
                + " (role: 1 inline policy, 0 managed; its principals' calls are checked, see docs/iam.md)");
        assertThat(report.entry("MachineRole").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("MachineRole").detail()).contains("SAM-generated execution role of Machine: 1 inline policy");
        assertThat(report.entry("FailedAlarm").detail()).contains("alarms");
        assertThat(report.entry("ScheduledRule").status()).isEqualTo(DeployReport.Status.SKIPPED);
        assertThat(report.entry("NeverCreated").detail()).isEqualTo("condition Never is false");
        assertThat(report.outputs()).containsEntry("MachineName", "fx-machine")
                .containsEntry("EchoAlias", "arn:aws:lambda:us-east-1:123456789012:function:fx-echo:live")
                .doesNotContainKey("ScheduledRuleName");
        assertThat(report.format()).contains("AWS::IAM::Role", "skipped: condition HasSchedule is false");
    }

    @Test
    void deploy_stateMachine_substitutesDefinitionAndRunsFromRule() {
        deployer.deploy(fixture(), "fixture-stack", Map.of("Greeting", "bonjour"));
        try (SfnClient sfn = Clients.of(SfnClient.builder(), cloud);
                EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            String definition = sfn.describeStateMachine(b -> b.stateMachineArn(
                    "arn:aws:states:us-east-1:123456789012:stateMachine:fx-machine")).definition();
            assertThat(definition).contains("arn:aws:lambda:us-east-1:123456789012:function:fx-echo:live", "bonjour")
                    .doesNotContain("${");
            events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName("fx-bus").source("test")
                    .detailType("Start").detail("{\"who\":\"tester\"}").build()));
            assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(20))).isTrue();
            var executions = sfn.listExecutions(b -> b.stateMachineArn(
                    "arn:aws:states:us-east-1:123456789012:stateMachine:fx-machine")).executions();
            assertThat(executions).singleElement().satisfies(e -> assertThat(e.statusAsString()).isEqualTo("SUCCEEDED"));
        }
        assertThat(Recorder.events("fx-echo")).anySatisfy(e -> {
            JsonNode j = Json.parse(e);
            assertThat(j.path("greeting").asText()).isEqualTo("bonjour");
            assertThat(j.path("who").asText()).isEqualTo("tester");
        });
    }

    @Test
    void deploy_samEventBridgeRuleEvent_routesToFunctionAlias() {
        deployer.deploy(fixture(), "fixture-stack", Map.of());
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            String rule = events.listRules(b -> b.eventBusName("fx-bus").namePrefix("fixture-stack-EchoFunctionOnPing"))
                    .rules().get(0).name();
            Target t = events.listTargetsByRule(b -> b.eventBusName("fx-bus").rule(rule)).targets().get(0);
            assertThat(t.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:fx-echo:live");
            assertThat(t.retryPolicy().maximumRetryAttempts()).isEqualTo(3);
            int before = Recorder.events("fx-echo").size();
            events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName("fx-bus").source("test")
                    .detailType("Ping").detail("{\"n\":1}").build()));
            assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(Recorder.events("fx-echo").size()).isEqualTo(before + 1);
        }
    }

    @Test
    void deploy_samEvents_expandIntoTheResourcesSamGenerates() {
        DeployReport report = deployer.deploy(fixture(), "fixture-stack", Map.of());
        assertThat(report.entry("EchoFunctionOnPingPermission").type()).isEqualTo("AWS::Lambda::Permission");
        assertThat(report.entry("EchoFunctionOnPingPermission").status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(report.entry("MachineOnGo").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("MachineOnGoRole").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("MachineOnGoQueue").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("MachineOnGoQueuePolicy").status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(report.entry("MachineNightlyRole").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("EchoFunctionTick").type()).isEqualTo("AWS::Scheduler::Schedule");
        assertThat(report.entry("EchoFunctionTick").detail()).contains("schedule rule", "not simulated");
        assertThat(report.entry("EchoFunctionTickPermission").status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(report.entry("EchoFunctionHttp").status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(report.entry("EchoFunctionHttp").detail()).contains("EventBridgeRule");
        assertThat(report.outputs().get("OnGoRuleArn"))
                .matches("arn:aws:events:us-east-1:123456789012:rule/fx-bus/fixture-stack-MachineOnGo-[A-Z0-9]{12}");
        String queueArn = report.outputs().get("OnGoQueueArn");
        assertThat(queueArn).matches("arn:aws:sqs:us-east-1:123456789012:fixture-stack-MachineOnGoQueue-[A-Z0-9]{12}");
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:fx-machine";
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud);
                SfnClient sfn = Clients.of(SfnClient.builder(), cloud)) {
            String rule = report.entry("MachineOnGo").physicalId();
            Target go = events.listTargetsByRule(b -> b.eventBusName("fx-bus").rule(rule)).targets().get(0);
            assertThat(go.id()).isEqualTo("go");
            assertThat(go.arn()).isEqualTo(machine);
            assertThat(go.roleArn()).matches("arn:aws:iam::123456789012:role/fixture-stack-MachineOnGoRole-[A-Z0-9]{12}");
            assertThat(go.retryPolicy().maximumRetryAttempts()).isEqualTo(2);
            assertThat(go.retryPolicy().maximumEventAgeInSeconds()).isEqualTo(600);
            assertThat(go.deadLetterConfig().arn()).isEqualTo(queueArn);
            assertThat(go.inputTransformer().inputPathsMap()).containsEntry("who", "$.detail.who");
            assertThat(go.inputTransformer().inputTemplate()).isEqualTo("{\"who\": \"<who> via go\"}");

            String nightly = report.entry("MachineNightly").physicalId();
            var described = events.describeRule(b -> b.name(nightly));
            assertThat(described.scheduleExpression()).isEqualTo("rate(1 day)");
            assertThat(described.stateAsString()).isEqualTo("DISABLED");
            Target n = events.listTargetsByRule(b -> b.rule(nightly)).targets().get(0);
            assertThat(n.id()).isEqualTo("MachineNightlyStepFunctionsTarget");
            assertThat(n.input()).isEqualTo("{\"who\": \"nightly\"}");
            assertThat(n.retryPolicy().maximumRetryAttempts()).isEqualTo(1);
            assertThat(n.deadLetterConfig().arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:fx-dlq");

            String tick = report.entry("EchoFunctionTick").physicalId();
            assertThat(events.describeRule(b -> b.name(tick)).scheduleExpression()).isEqualTo("rate(1 hour)");
            Target t = events.listTargetsByRule(b -> b.rule(tick)).targets().get(0);
            assertThat(t.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:fx-echo:live");
            assertThat(t.id()).isEqualTo("EchoFunctionTickLambdaTarget");

            // the generated rule starts the machine with the transformed input
            events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName("fx-bus").source("test")
                    .detailType("Go").detail("{\"who\":\"tester\"}").build()));
            assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).singleElement()
                    .satisfies(e -> assertThat(e.statusAsString()).isEqualTo("SUCCEEDED"));
        }
        assertThat(Recorder.events("fx-echo")).anySatisfy(e ->
                assertThat(Json.parse(e).path("who").asText()).isEqualTo("tester via go"));
    }

    @Test
    void deploy_loggingConfig_isMergedWithGlobalsAndReportedNotSimulated() {
        DeployReport report = deployer.deploy(fixture(), "fixture-stack", Map.of());
        DeployReport.Entry logging = report.entry("EchoFunction.LoggingConfig");
        assertThat(logging.status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(logging.physicalId()).isEqualTo("/aws/lambda/fx-echo");
        assertThat(logging.detail()).contains("LogFormat JSON (application INFO", "/aws/lambda/fx-echo", "as written");
        assertThat(report.entry("UnnamedFunction.LoggingConfig").physicalId())
                .startsWith("/aws/lambda/fixture-stack-UnnamedFunction-");
    }

    @Test
    void merge_followsSamGlobals() {
        JsonNode global = Json.parse("{\"Environment\":{\"Variables\":{\"A\":\"1\",\"B\":\"2\"}},\"Layers\":[\"g\"],"
                + "\"Timeout\":3,\"LoggingConfig\":{\"LogFormat\":\"JSON\"}}");
        JsonNode own = Json.parse("{\"Environment\":{\"Variables\":{\"B\":\"x\"}},\"Layers\":[\"o\"],\"Timeout\":9,"
                + "\"LoggingConfig\":{\"LogGroup\":{\"Ref\":\"G\"}},\"Tags\":[\"t\"]}");
        assertThat(StackRun.merge(global, own)).isEqualTo(Json.parse("{\"Environment\":{\"Variables\":{\"A\":\"1\","
                + "\"B\":\"x\"}},\"Layers\":[\"g\",\"o\"],\"Timeout\":9,\"LoggingConfig\":{\"LogFormat\":\"JSON\","
                + "\"LogGroup\":{\"Ref\":\"G\"}},\"Tags\":[\"t\"]}"));
        assertThat(SamEvents.targetId("A".repeat(60), "LambdaTarget")).hasSize(64).endsWith("LambdaTarget");
    }

    @Test
    void deploy_conditionTrue_createsScheduleRule() {
        DeployReport report = deployer.deploy(fixture(), "fixture-stack", Map.of("Schedule", "rate(1 hour)"));
        assertThat(report.entry("ScheduledRule").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.outputs()).containsKey("ScheduledRuleName");
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            assertThat(events.describeRule(b -> b.name(report.outputs().get("ScheduledRuleName"))).scheduleExpression())
                    .isEqualTo("rate(1 hour)");
        }
    }

    @Test
    void deploy_invalidParameter_failsWithConstraint() {
        assertThatThrownBy(() -> deployer.deploy(fixture(), "s", Map.of("Mode", "turbo")))
                .isInstanceOf(DeployException.class).hasMessageContaining("Parameter 'Mode'").hasMessageContaining("fast");
        assertThatThrownBy(() -> deployer.deploy(fixture(), "s", Map.of("Prefix", "Upper")))
                .hasMessageContaining("lowercase, starting with a letter");
        assertThatThrownBy(() -> deployer.deploy(fixture(), "s", Map.of("Size", "64"))).hasMessageContaining("at least 128");
        assertThatThrownBy(() -> deployer.deploy(fixture(), "s", Map.of("Nope", "x"))).hasMessageContaining("not declared");
    }

    @Test
    void deploy_projectTemplate_deploysOrchestratorIntoLocalCloud() throws Exception {
        Path template = Path.of("..", "template.yaml");
        if (!Files.exists(template)) {
            template = Path.of("template.yaml");
        }
        DeployReport report = deployer.deploy(template, "gbo", Map.of(
                "SubnetIds", "subnet-0a1,subnet-0b2",
                "SecurityGroupIds", "sg-0123",
                "InstanceRoleArn", "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole",
                "JobImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest",
                "InputBucketName", "gbo-inputs",
                "ScheduleExpression", "rate(1 day)"));
        System.out.println(report.format());
        assertThat(report.withStatus(DeployReport.Status.DEPLOYED)).extracting(DeployReport.Entry::logicalId)
                .contains("EventBus", "NormalizeFunction", "CapacityFunction", "EnsureQueueFunction", "SubmitFunction",
                        "JobStateChangeFunction", "ReconcileFunction", "CleanupFunction", "OrchestratorStateMachine",
                        "OrchestratorStateMachineSubmitBatchJob", "OrchestratorStateMachineS3ObjectCreated", "ScheduleRule",
                        "JobStateChangeFunctionBatchJobStateChange", "CleanupFunctionExecutionEnded",
                        "EventDeadLetterQueue");
        assertThat(report.entry("OrchestratorStateMachine").detail())
                .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:gbo-orchestrator");
        for (String generated : new String[] {"JobStateChangeFunctionBatchJobStateChangePermission",
                "CleanupFunctionExecutionEndedPermission", "NormalizeLogGroup", "NormalizeFunction.LoggingConfig"}) {
            assertThat(report.entry(generated).status()).as(generated).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        }
        for (String role : new String[] {"OrchestratorStateMachineSubmitBatchJobRole", "OrchestratorStateMachineS3ObjectCreatedRole",
                "StartExecutionRole", "OrchestratorStateMachineRole", "NormalizeFunctionRole", "EnsureQueueFunctionRole"}) {
            assertThat(report.entry(role).status()).as(role).isEqualTo(DeployReport.Status.DEPLOYED);
        }
        assertThat(report.entry("NormalizeFunction.LoggingConfig").detail())
                .contains("LogFormat JSON (application INFO, system INFO), log group /aws/lambda/gbo-normalize");
        assertThat(report.entry("AlarmTopic").status()).isEqualTo(DeployReport.Status.SKIPPED);
        assertThat(report.outputs()).containsEntry("EventBusName", "gbo-bus")
                .containsEntry("DeadLetterQueueArn", "arn:aws:sqs:us-east-1:123456789012:gbo-event-dlq");
        String dlq = "arn:aws:sqs:us-east-1:123456789012:gbo-event-dlq";
        EventBridgeService eb = (EventBridgeService) cloud.services().get("events");
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            String rule = report.entry("JobStateChangeFunctionBatchJobStateChange").physicalId();
            Target verifier = events.listTargetsByRule(b -> b.rule(rule)).targets().get(0);
            assertThat(verifier.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:gbo-job-state-change:live");
            assertThat(verifier.id()).isEqualTo("job-state-change");
            assertThat(verifier.retryPolicy().maximumRetryAttempts()).isEqualTo(50);
            assertThat(verifier.retryPolicy().maximumEventAgeInSeconds()).isEqualTo(7200);
            assertThat(verifier.deadLetterConfig().arn()).isEqualTo(dlq);
            assertThat(events.describeRule(b -> b.name(rule)).eventPattern())
                    .contains("arn:aws:batch:us-east-1:123456789012:job-queue/gbo-");

            String ended = report.entry("CleanupFunctionExecutionEnded").physicalId();
            assertThat(events.describeRule(b -> b.name(ended)).eventPattern())
                    .contains("arn:aws:states:us-east-1:123456789012:stateMachine:gbo-orchestrator", "TIMED_OUT");
            assertThat(events.listTargetsByRule(b -> b.rule(ended)).targets().get(0).arn())
                    .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:gbo-cleanup:live");

            String submit = report.entry("OrchestratorStateMachineSubmitBatchJob").physicalId();
            Target start = events.listTargetsByRule(b -> b.eventBusName("gbo-bus").rule(submit)).targets().get(0);
            assertThat(start.arn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:gbo-orchestrator");
            assertThat(start.roleArn()).contains(":role/gbo-OrchestratorStateMachineSubmitBatchJobRole-");
            assertThat(start.retryPolicy().maximumRetryAttempts()).isEqualTo(20);
            assertThat(start.deadLetterConfig().arn()).isEqualTo(dlq);

            String s3 = report.entry("OrchestratorStateMachineS3ObjectCreated").physicalId();
            assertThat(events.describeRule(b -> b.name(s3)).stateAsString()).isEqualTo("ENABLED");
            assertThat(events.describeRule(b -> b.name(s3)).eventPattern()).contains("gbo-inputs");

            Target schedule = events.listTargetsByRule(b -> b.rule(report.entry("ScheduleRule").physicalId()))
                    .targets().get(0);
            assertThat(schedule.inputTransformer().inputTemplate()).contains("\"detail-type\": \"Scheduled Event\"");
        }
        assertThat(eb.ruleNames("gbo-bus")).hasSize(1);
    }

    @Test
    void deploy_projectTemplateWithoutInputBucket_keepsTheS3RuleDisabled() {
        Path template = Path.of("..", "template.yaml");
        if (!Files.exists(template)) {
            template = Path.of("template.yaml");
        }
        DeployReport report = deployer.deploy(template, "gbo", Map.of(
                "SubnetIds", "subnet-0a1,subnet-0b2",
                "SecurityGroupIds", "sg-0123",
                "InstanceRoleArn", "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole",
                "JobImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest"));
        assertThat(report.entry("ScheduleRule").status()).isEqualTo(DeployReport.Status.SKIPPED);
        assertThat(report.entry("StartExecutionRole").status()).isEqualTo(DeployReport.Status.SKIPPED);
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            String s3 = report.entry("OrchestratorStateMachineS3ObjectCreated").physicalId();
            assertThat(events.describeRule(b -> b.name(s3)).stateAsString()).isEqualTo("DISABLED");
        }
    }
}
