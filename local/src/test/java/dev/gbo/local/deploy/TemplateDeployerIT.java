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
        assertThat(report.entry("StartRole").status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(report.entry("StartRole").detail()).contains("IAM");
        assertThat(report.entry("MachineRole").status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(report.entry("FailedAlarm").detail()).contains("alarms");
        assertThat(report.entry("ScheduledRule").status()).isEqualTo(DeployReport.Status.SKIPPED);
        assertThat(report.entry("NeverCreated").detail()).isEqualTo("condition Never is false");
        assertThat(report.outputs()).containsEntry("MachineName", "fx-machine")
                .containsEntry("EchoAlias", "arn:aws:lambda:us-east-1:123456789012:function:fx-echo:live")
                .doesNotContainKey("ScheduledRuleName");
        assertThat(report.format()).contains("not simulated: IAM", "skipped: condition HasSchedule is false");
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
                        "JobStateChangeFunction", "ReconcileFunction", "OrchestratorStateMachine", "SubmitBatchJobRule",
                        "S3ObjectCreatedRule", "ScheduleRule", "BatchJobStateChangeRule", "EventDeadLetterQueue");
        assertThat(report.entry("OrchestratorStateMachine").detail())
                .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:gbo-orchestrator");
        assertThat(report.entry("JobStateChangeInvokePermission").status()).isEqualTo(DeployReport.Status.NOT_SIMULATED);
        assertThat(report.entry("AlarmTopic").status()).isEqualTo(DeployReport.Status.SKIPPED);
        assertThat(report.outputs()).containsEntry("EventBusName", "gbo-bus")
                .containsEntry("DeadLetterQueueArn", "arn:aws:sqs:us-east-1:123456789012:gbo-event-dlq");
        EventBridgeService eb = (EventBridgeService) cloud.services().get("events");
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            String rule = report.entry("BatchJobStateChangeRule").physicalId();
            assertThat(events.listTargetsByRule(b -> b.rule(rule)).targets().get(0).arn())
                    .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:gbo-job-state-change:live");
        }
        assertThat(eb.ruleNames("gbo-bus")).hasSize(1);
    }
}
