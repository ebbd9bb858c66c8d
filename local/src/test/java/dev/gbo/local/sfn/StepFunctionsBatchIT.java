package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.scenario.ScenarioLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.CEState;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.ComputeResource;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.Ec2Configuration;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Batch integrations ({@code submitJob}, {@code .sync}, {@code aws-sdk:batch}) against the local Batch service and fleet. */
class StepFunctionsBatchIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
    static LocalCloud cloud;
    static SfnClient sfn;
    static BatchClient batch;
    static final AtomicInteger n = new AtomicInteger();

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).scenario(ScenarioLoader.parse("""
                {"jobs": [{"jobName": "fail-*", "attempts": [{"type": "exit", "exitCode": 3}]},
                          {"jobName": "hang-*", "attempts": ["hang"]}]}""", "sfn-batch.json")).build().start();
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET"));
        sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(creds).build();
        batch = BatchClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(creds).build();
        String ce = batch.createComputeEnvironment(b -> b.computeEnvironmentName("arm-ce").type("MANAGED").state(CEState.ENABLED)
                .computeResources(ComputeResource.builder().type(CRType.EC2).allocationStrategy("BEST_FIT_PROGRESSIVE")
                        .minvCpus(0).maxvCpus(64).instanceTypes("m8g.large").subnets("subnet-0123456789abcdef0")
                        .securityGroupIds("sg-0123456789abcdef0").instanceRole("ecsInstanceRole")
                        .ec2Configuration(Ec2Configuration.builder().imageType("ECS_AL2023").build()).build()))
                .computeEnvironmentArn();
        batch.createJobQueue(b -> b.jobQueueName("arm-q").priority(10).state("ENABLED")
                .computeEnvironmentOrder(ComputeEnvironmentOrder.builder().order(1).computeEnvironment(ce).build()));
        batch.registerJobDefinition(b -> b.jobDefinitionName("app").type("container").platformCapabilitiesWithStrings("EC2")
                .containerProperties(ContainerProperties.builder()
                        .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest")
                        .command("python", "/app/app.py")
                        .resourceRequirements(ResourceRequirement.builder().type(ResourceType.VCPU).value("1").build(),
                                ResourceRequirement.builder().type(ResourceType.MEMORY).value("2048").build())
                        .build()));
    }

    @AfterAll
    static void stop() {
        sfn.close();
        batch.close();
        cloud.close();
    }

    static DescribeExecutionResponse run(String definition, String input) {
        String arn = sfn.createStateMachine(b -> b.name("batch-" + n.incrementAndGet()).definition(definition).roleArn(ROLE))
                .stateMachineArn();
        String exec = sfn.startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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

    static String sync(String extra) {
        return """
                {"StartAt": "Job", "States": {"Job": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync",
                  "Parameters": {"JobName.$": "$.name", "JobQueue": "arm-q", "JobDefinition": "app",
                                 "Parameters": {"gboRequestId": "r-1"}}%s, "End": true}}}""".formatted(extra);
    }

    @Test
    void submitJobSync_succeedingJob_outputIsPascalCaseJob() {
        DescribeExecutionResponse d = run(sync(""), "{\"name\": \"ok-1\"}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode job = Json.parse(d.output());
        assertThat(job.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("JobName").asText()).isEqualTo("ok-1");
        assertThat(job.path("Container").path("ExitCode").asInt(-1)).isZero();
        assertThat(job.path("Parameters").path("gboRequestId").asText()).isEqualTo("r-1");
        List<HistoryEvent> h = sfn.getExecutionHistory(b -> b.executionArn(d.executionArn())).events();
        assertThat(h).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.TASK_SUBMITTED,
                HistoryEventType.TASK_SUCCEEDED);
        assertThat(h.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).findFirst().orElseThrow()
                .taskScheduledEventDetails().resource()).isEqualTo("submitJob.sync");
    }

    @Test
    void submitJobSync_failingJob_taskFailedWithPascalCaseJobAsCause() {
        DescribeExecutionResponse d = run(sync(""), "{\"name\": \"fail-1\"}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.TaskFailed");
        JsonNode job = Json.parse(d.cause());
        assertThat(job.path("Status").asText()).isEqualTo("FAILED");
        assertThat(job.path("Container").path("ExitCode").asInt()).isEqualTo(3);
        assertThat(job.path("StatusReason").asText()).isEqualTo("Essential container in task exited");
    }

    @Test
    void submitJobSync_timeout_terminatesTheJob() {
        DescribeExecutionResponse d = run(sync(", \"TimeoutSeconds\": 600"), "{\"name\": \"hang-1\"}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.Timeout");
        String jobId = Json.parse(sfn.getExecutionHistory(b -> b.executionArn(d.executionArn())).events().stream()
                .filter(e -> e.type() == HistoryEventType.TASK_SUBMITTED).findFirst().orElseThrow()
                .taskSubmittedEventDetails().output()).path("JobId").asText();
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(10))).isTrue();
        var job = batch.describeJobs(b -> b.jobs(jobId)).jobs().get(0);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.isTerminated()).isTrue();
    }

    @Test
    void awsSdkBatch_describeAndClientError_recasedAndNamedLikeAws() {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Q", "States": {
                  "Q": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:batch:describeJobQueues",
                        "Parameters": {"JobQueues": ["arm-q"]}, "ResultSelector": {"state.$": "$.JobQueues[0].State"},
                        "ResultPath": "$.q", "Next": "Bad"},
                  "Bad": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:batch:submitJob",
                          "Parameters": {"JobName": "x", "JobQueue": "no-such-queue", "JobDefinition": "app"},
                          "Catch": [{"ErrorEquals": ["Batch.ClientException"], "ResultPath": "$.err", "Next": "Done"}], "End": true},
                  "Done": {"Type": "Pass", "Parameters": {"state.$": "$.q.state", "error.$": "$.err.Error"}, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"state\": \"ENABLED\", \"error\": \"Batch.ClientException\"}"));
    }

    @Test
    void submitJob_noSync_returnsSubmitResponse() {
        DescribeExecutionResponse d = run("""
                {"StartAt": "Job", "States": {"Job": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob",
                  "Parameters": {"JobName": "plain-1", "JobQueue": "arm-q", "JobDefinition": "app"}, "End": true}}}""", "{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = Json.parse(d.output());
        assertThat(out.path("JobName").asText()).isEqualTo("plain-1");
        assertThat(out.path("JobId").asText()).isNotEmpty();
        assertThat(out.path("JobArn").asText()).startsWith("arn:aws:batch:us-east-1:123456789012:job/");
    }
}
