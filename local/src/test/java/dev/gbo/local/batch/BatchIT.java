package dev.gbo.local.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ArrayProperties;
import software.amazon.awssdk.services.batch.model.BatchException;
import software.amazon.awssdk.services.batch.model.CEState;
import software.amazon.awssdk.services.batch.model.CEStatus;
import software.amazon.awssdk.services.batch.model.CRAllocationStrategy;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.ComputeResource;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.CreateComputeEnvironmentRequest;
import software.amazon.awssdk.services.batch.model.Ec2Configuration;
import software.amazon.awssdk.services.batch.model.EvaluateOnExit;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitAction;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;
import software.amazon.awssdk.services.batch.model.RegisterJobDefinitionRequest;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;
import software.amazon.awssdk.services.batch.model.RetryStrategy;
import software.amazon.awssdk.services.batch.model.ServerException;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;

class BatchIT {
    static final String SUBNET_A = "subnet-0123456789abcdef0";
    static final String SUBNET_B = "subnet-0123456789abcdef1";

    LocalCloud cloud;
    BatchClient batch;

    private void start(String scenario, SimClock.Mode mode) {
        LocalCloud.Builder b = LocalCloud.builder().port(0).clock(mode);
        if (scenario != null) {
            b.scenario(scenario.startsWith("{") ? ScenarioLoader.parse(scenario, "inline.json")
                    : ScenarioLoader.load(Path.of("..", "scenarios", scenario + ".json")));
        }
        cloud = b.build().start();
        batch = Sdk.client(BatchClient.builder().overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())), cloud);
    }

    private void start() {
        start(null, SimClock.Mode.VIRTUAL);
    }

    @AfterEach
    void stop() {
        if (batch != null) {
            batch.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private void idle() {
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    private static CreateComputeEnvironmentRequest ce(String name, String allocation, String... types) {
        return CreateComputeEnvironmentRequest.builder().computeEnvironmentName(name).type("MANAGED").state(CEState.ENABLED)
                .computeResources(ComputeResource.builder().type(CRType.EC2).allocationStrategy(allocation)
                        .minvCpus(0).maxvCpus(128).instanceTypes(types).subnets(SUBNET_A, SUBNET_B)
                        .securityGroupIds("sg-0123456789abcdef0").instanceRole("ecsInstanceRole")
                        .ec2Configuration(Ec2Configuration.builder().imageType("ECS_AL2023").build())
                        .tags(Map.of("Name", "graviton5-batch")).build())
                .build();
    }

    private String createCe(String name, String... types) {
        return batch.createComputeEnvironment(ce(name, "BEST_FIT_PROGRESSIVE", types)).computeEnvironmentArn();
    }

    private String createQueue(String name, String... ces) {
        List<ComputeEnvironmentOrder> order = new ArrayList<>();
        for (int i = 0; i < ces.length; i++) {
            order.add(ComputeEnvironmentOrder.builder().order(i + 1).computeEnvironment(ces[i]).build());
        }
        return batch.createJobQueue(b -> b.jobQueueName(name).priority(10).state("ENABLED").computeEnvironmentOrder(order))
                .jobQueueArn();
    }

    private static RegisterJobDefinitionRequest.Builder jobDef(String name) {
        return RegisterJobDefinitionRequest.builder().jobDefinitionName(name).type("container")
                .platformCapabilitiesWithStrings("EC2")
                .containerProperties(ContainerProperties.builder()
                        .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest")
                        .command("python", "/app/app.py")
                        .resourceRequirements(ResourceRequirement.builder().type(ResourceType.VCPU).value("1").build(),
                                ResourceRequirement.builder().type(ResourceType.MEMORY).value("2048").build())
                        .build());
    }

    private void setUpArm() {
        createCe("arm-ce", "m8g.large", "m8g.xlarge");
        createQueue("arm-q", "arm-ce");
        batch.registerJobDefinition(jobDef("app").build());
    }

    private String submit(String name, Consumer<SubmitJobRequest.Builder> extra) {
        SubmitJobRequest.Builder b = SubmitJobRequest.builder().jobName(name).jobQueue("arm-q").jobDefinition("app");
        extra.accept(b);
        return batch.submitJob(b.build()).jobId();
    }

    private JobDetail job(String id) {
        return batch.describeJobs(b -> b.jobs(id)).jobs().get(0);
    }

    private static void clientError(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(ClientException.class)
                .satisfies(e -> {
                    ClientException ce = (ClientException) e;
                    assertThat(ce.statusCode()).isEqualTo(400);
                    assertThat(ce.awsErrorDetails().errorMessage()).contains(messagePart);
                });
    }

    // ---------------------------------------------------------------- compute environments

    @Test
    void createComputeEnvironment_seedPayload_creatingThenValid() {
        start(null, SimClock.Mode.MANUAL);
        String arn = createCe("graviton5-batch-ce", "m9g.large", "m9g.xlarge", "m9g.2xlarge");
        assertThat(arn).isEqualTo("arn:aws:batch:us-east-1:123456789012:compute-environment/graviton5-batch-ce");
        ComputeEnvironmentDetail d = batch.describeComputeEnvironments(b -> b.computeEnvironments("graviton5-batch-ce"))
                .computeEnvironments().get(0);
        assertThat(d.status()).isEqualTo(CEStatus.CREATING);
        cloud.clock().advance(Duration.ofMinutes(1));
        d = batch.describeComputeEnvironments(b -> b.computeEnvironments(arn)).computeEnvironments().get(0);
        assertThat(d.status()).isEqualTo(CEStatus.VALID);
        assertThat(d.state()).isEqualTo(CEState.ENABLED);
        assertThat(d.computeResources().instanceTypes()).containsExactly("m9g.large", "m9g.xlarge", "m9g.2xlarge");
        assertThat(d.computeResources().ec2Configuration().get(0).imageType()).isEqualTo("ECS_AL2023");
        assertThat(d.ecsClusterArn()).startsWith("arn:aws:ecs:us-east-1:123456789012:cluster/AWSBatch-graviton5-batch-ce-");
    }

    @Test
    void createComputeEnvironment_duplicate_conflictObjectAlreadyExists() {
        start();
        createCe("dup", "m8g");
        assertThatThrownBy(() -> createCe("dup", "m8g")).isInstanceOf(BatchException.class)
                .satisfies(e -> {
                    BatchException b = (BatchException) e;
                    assertThat(b.statusCode()).isEqualTo(409);
                    assertThat(b.awsErrorDetails().errorCode()).isEqualTo("ConflictException");
                    assertThat(b.awsErrorDetails().errorMessage()).isEqualTo("Object already exists");
                });
    }

    @Test
    void createComputeEnvironment_badName_clientException() {
        start();
        clientError(() -> createCe("bad name!", "m8g"), "computeEnvironmentName");
        clientError(() -> createCe("x".repeat(129), "m8g"), "1 to 128");
    }

    @Test
    void createComputeEnvironment_ecsAl2AfterCutoff_refused() {
        start();
        clientError(() -> batch.createComputeEnvironment(ce("al2", "BEST_FIT_PROGRESSIVE", "m8g").toBuilder()
                .computeResources(ce("al2", "BEST_FIT_PROGRESSIVE", "m8g").computeResources().toBuilder()
                        .ec2Configuration(Ec2Configuration.builder().imageType("ECS_AL2").build()).build()).build()),
                "ECS_AL2023");
    }

    @Test
    void createComputeEnvironment_ecsAl2BeforeCutoff_accepted() {
        LocalCloud.Builder b = LocalCloud.builder().port(0).start(java.time.Instant.parse("2026-05-15T00:00:00Z"));
        cloud = b.build().start();
        batch = Sdk.client(BatchClient.builder(), cloud);
        batch.createComputeEnvironment(ce("al2", "BEST_FIT_PROGRESSIVE", "m8g").toBuilder()
                .computeResources(ce("al2", "BEST_FIT_PROGRESSIVE", "m8g").computeResources().toBuilder()
                        .ec2Configuration(Ec2Configuration.builder().imageType("ECS_AL2").build()).build()).build());
        assertThat(batch.describeComputeEnvironments(r -> r.computeEnvironments("al2")).computeEnvironments()).hasSize(1);
    }

    @Test
    void createComputeEnvironment_typeNotInBatchList_instanceTypeCanOnlyBeOneOf() {
        start("batch-refuses-m9g", SimClock.Mode.VIRTUAL);
        assertThatThrownBy(() -> createCe("m9g-ce", "m9g.large", "m9g.xlarge")).isInstanceOf(ClientException.class)
                .satisfies(e -> {
                    String msg = ((ClientException) e).awsErrorDetails().errorMessage();
                    assertThat(msg).startsWith("Instance type can only be one of [").contains("m8g.large")
                            .doesNotContain("m9g");
                });
        createCe("m8g-ce", "m8g.large");
    }

    @Test
    void createComputeEnvironment_mixedArchitectures_refused() {
        start();
        clientError(() -> createCe("mixed", "m8g.large", "m7i.large"), "architecture");
    }

    @Test
    void createComputeEnvironment_unknownInstanceType_refused() {
        start();
        clientError(() -> createCe("unknown", "m9g.huge"), "Instance type can only be one of [");
    }

    @Test
    void createComputeEnvironment_managedWithoutComputeResources_refused() {
        start();
        clientError(() -> batch.createComputeEnvironment(b -> b.computeEnvironmentName("x").type("MANAGED")),
                "computeResources is required");
    }

    @Test
    void createComputeEnvironment_fiftyFirst_quotaRefused() {
        start();
        for (int i = 0; i < 50; i++) {
            createCe("ce-" + i, "m8g");
        }
        clientError(() -> createCe("ce-50", "m8g"), "(50)");
    }

    @Test
    void createComputeEnvironment_fargate_valid() {
        start();
        batch.createComputeEnvironment(b -> b.computeEnvironmentName("fg").type("MANAGED")
                .computeResources(ComputeResource.builder().type(CRType.FARGATE).maxvCpus(16).subnets(SUBNET_A).build()));
        idle();
        assertThat(batch.describeComputeEnvironments(b -> b.computeEnvironments("fg")).computeEnvironments().get(0)
                .status()).isEqualTo(CEStatus.VALID);
    }

    @Test
    void describeComputeEnvironments_paging_followsNextToken() {
        start();
        createCe("a", "m8g");
        createCe("b", "m8g");
        createCe("c", "m8g");
        var first = batch.describeComputeEnvironments(b -> b.maxResults(2));
        assertThat(first.computeEnvironments()).hasSize(2);
        var second = batch.describeComputeEnvironments(b -> b.maxResults(2).nextToken(first.nextToken()));
        assertThat(second.computeEnvironments()).extracting(ComputeEnvironmentDetail::computeEnvironmentName)
                .containsExactly("c");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void updateComputeEnvironment_bestFitInstanceTypes_refusedInPlace() {
        start();
        batch.createComputeEnvironment(ce("bf", "BEST_FIT", "m8g.large"));
        batch.updateComputeEnvironment(b -> b.computeEnvironment("bf").computeResources(r -> r.maxvCpus(64)));
        clientError(() -> batch.updateComputeEnvironment(b -> b.computeEnvironment("bf")
                .computeResources(r -> r.instanceTypes("m8g.xlarge"))), "BEST_FIT");
    }

    @Test
    void updateComputeEnvironment_progressiveInstanceTypes_updatingThenValid() {
        start(null, SimClock.Mode.MANUAL);
        createCe("bfp", "m8g.large");
        cloud.clock().advance(Duration.ofMinutes(1));
        batch.updateComputeEnvironment(b -> b.computeEnvironment("bfp").computeResources(r -> r.instanceTypes("m8g.xlarge")));
        var d = batch.describeComputeEnvironments(b -> b.computeEnvironments("bfp")).computeEnvironments().get(0);
        assertThat(d.status()).isEqualTo(CEStatus.UPDATING);
        cloud.clock().advance(Duration.ofMinutes(1));
        d = batch.describeComputeEnvironments(b -> b.computeEnvironments("bfp")).computeEnvironments().get(0);
        assertThat(d.status()).isEqualTo(CEStatus.VALID);
        assertThat(d.computeResources().instanceTypes()).containsExactly("m8g.xlarge");
    }

    @Test
    void updateComputeEnvironment_unknown_clientException() {
        start();
        clientError(() -> batch.updateComputeEnvironment(b -> b.computeEnvironment("nope").state(CEState.DISABLED)),
                "does not exist");
    }

    @Test
    void deleteComputeEnvironment_attachedToQueue_refused() {
        start();
        createCe("del", "m8g");
        createQueue("del-q", "del");
        batch.updateComputeEnvironment(b -> b.computeEnvironment("del").state(CEState.DISABLED));
        clientError(() -> batch.deleteComputeEnvironment(b -> b.computeEnvironment("del")),
                "Cannot delete, found existing JobQueue relationship");
    }

    @Test
    void deleteComputeEnvironment_enabled_refused() {
        start();
        createCe("del", "m8g");
        clientError(() -> batch.deleteComputeEnvironment(b -> b.computeEnvironment("del")), "ENABLED");
    }

    @Test
    void deleteComputeEnvironment_disabled_deletingThenGone() {
        start();
        createCe("del", "m8g");
        batch.updateComputeEnvironment(b -> b.computeEnvironment("del").state(CEState.DISABLED));
        batch.deleteComputeEnvironment(b -> b.computeEnvironment("del"));
        idle();
        assertThat(batch.describeComputeEnvironments(b -> b.computeEnvironments("del")).computeEnvironments()).isEmpty();
    }

    // ---------------------------------------------------------------- job queues

    @Test
    void createJobQueue_valid_describesOrderAndTimeLimitActions() {
        start();
        String ceArn = createCe("ce", "m8g");
        batch.createJobQueue(b -> b.jobQueueName("q").priority(10).computeEnvironmentOrder(
                        ComputeEnvironmentOrder.builder().order(1).computeEnvironment(ceArn).build())
                .jobStateTimeLimitActions(JobStateTimeLimitAction.builder().reason("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY")
                        .state("RUNNABLE").maxTimeSeconds(600).action("CANCEL").build())
                .tags(Map.of("team", "batch")));
        var q = batch.describeJobQueues(b -> b.jobQueues("q")).jobQueues().get(0);
        assertThat(q.jobQueueArn()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job-queue/q");
        assertThat(q.statusAsString()).isEqualTo("VALID");
        assertThat(q.computeEnvironmentOrder().get(0).computeEnvironment()).isEqualTo(ceArn);
        assertThat(q.jobStateTimeLimitActions().get(0).maxTimeSeconds()).isEqualTo(600);
        assertThat(q.tags()).containsEntry("team", "batch");
    }

    @Test
    void createJobQueue_duplicate_conflict() {
        start();
        createCe("ce", "m8g");
        createQueue("q", "ce");
        assertThatThrownBy(() -> createQueue("q", "ce")).isInstanceOf(BatchException.class)
                .satisfies(e -> assertThat(((BatchException) e).statusCode()).isEqualTo(409));
    }

    @Test
    void createJobQueue_mixedArchitectures_refused() {
        start();
        createCe("arm", "m8g");
        createCe("x86", "m7i");
        clientError(() -> createQueue("q", "arm", "x86"), "one CPU architecture");
    }

    @Test
    void createJobQueue_fourComputeEnvironments_refused() {
        start();
        for (int i = 0; i < 4; i++) {
            createCe("ce" + i, "m8g");
        }
        clientError(() -> createQueue("q", "ce0", "ce1", "ce2", "ce3"), "at most 3");
    }

    @Test
    void createJobQueue_ec2AndFargate_refused() {
        start();
        createCe("ec2", "m8g");
        batch.createComputeEnvironment(b -> b.computeEnvironmentName("fg").type("MANAGED")
                .computeResources(ComputeResource.builder().type(CRType.FARGATE).maxvCpus(16).subnets(SUBNET_A).build()));
        clientError(() -> createQueue("q", "ec2", "fg"), "Fargate");
    }

    @Test
    void createJobQueue_timeLimitTooShort_refused() {
        start();
        createCe("ce", "m8g");
        clientError(() -> batch.createJobQueue(b -> b.jobQueueName("q").priority(1).computeEnvironmentOrder(
                        ComputeEnvironmentOrder.builder().order(1).computeEnvironment("ce").build())
                .jobStateTimeLimitActions(JobStateTimeLimitAction.builder().reason("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY")
                        .state("RUNNABLE").maxTimeSeconds(60).action("CANCEL").build())), "600");
    }

    @Test
    void createJobQueue_unknownComputeEnvironment_refused() {
        start();
        clientError(() -> createQueue("q", "nope"), "does not exist");
    }

    @Test
    void createJobQueue_fiftyFirst_quotaRefused() {
        start();
        createCe("ce", "m8g");
        for (int i = 0; i < 50; i++) {
            createQueue("q" + i, "ce");
        }
        clientError(() -> createQueue("q50", "ce"), "(50)");
    }

    @Test
    void updateJobQueue_priorityStateAndActions_updated() {
        start();
        createCe("ce", "m8g");
        createCe("x86", "m7i");
        createQueue("q", "ce");
        batch.updateJobQueue(b -> b.jobQueue("q").priority(99).state("DISABLED")
                .jobStateTimeLimitActions(JobStateTimeLimitAction.builder().reason("MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT")
                        .state("RUNNABLE").maxTimeSeconds(900).action("CANCEL").build()));
        var q = batch.describeJobQueues(b -> b.jobQueues("q")).jobQueues().get(0);
        assertThat(q.priority()).isEqualTo(99);
        assertThat(q.stateAsString()).isEqualTo("DISABLED");
        assertThat(q.jobStateTimeLimitActions()).hasSize(1);
        clientError(() -> batch.updateJobQueue(b -> b.jobQueue("q").computeEnvironmentOrder(
                ComputeEnvironmentOrder.builder().order(1).computeEnvironment("ce").build(),
                ComputeEnvironmentOrder.builder().order(2).computeEnvironment("x86").build())), "architecture");
    }

    @Test
    void deleteJobQueue_enabledRefused_disabledDeleted() {
        start();
        createCe("ce", "m8g");
        createQueue("q", "ce");
        clientError(() -> batch.deleteJobQueue(b -> b.jobQueue("q")), "ENABLED");
        batch.updateJobQueue(b -> b.jobQueue("q").state("DISABLED"));
        batch.deleteJobQueue(b -> b.jobQueue("q"));
        idle();
        assertThat(batch.describeJobQueues(b -> b.jobQueues("q")).jobQueues()).isEmpty();
        batch.updateComputeEnvironment(b -> b.computeEnvironment("ce").state(CEState.DISABLED));
        batch.deleteComputeEnvironment(b -> b.computeEnvironment("ce"));
    }

    // ---------------------------------------------------------------- job definitions

    @Test
    void registerJobDefinition_twice_revisionsAndRefs() {
        start();
        var r1 = batch.registerJobDefinition(jobDef("app").build());
        var r2 = batch.registerJobDefinition(jobDef("app").build());
        assertThat(r1.revision()).isEqualTo(1);
        assertThat(r2.revision()).isEqualTo(2);
        assertThat(r2.jobDefinitionArn()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job-definition/app:2");
        assertThat(batch.describeJobDefinitions(b -> b.jobDefinitionName("app")).jobDefinitions()).hasSize(2);
        assertThat(batch.describeJobDefinitions(b -> b.jobDefinitions("app:1")).jobDefinitions().get(0).revision())
                .isEqualTo(1);
        assertThat(batch.describeJobDefinitions(b -> b.jobDefinitions(r2.jobDefinitionArn())).jobDefinitions().get(0)
                .containerProperties().image()).endsWith("batch-arm64-demo:latest");
        batch.deregisterJobDefinition(b -> b.jobDefinition("app:1"));
        assertThat(batch.describeJobDefinitions(b -> b.jobDefinitionName("app").status("INACTIVE")).jobDefinitions())
                .extracting(d -> d.revision()).containsExactly(1);
        assertThat(batch.describeJobDefinitions(b -> b.jobDefinitionName("app").status("ACTIVE")).jobDefinitions())
                .extracting(d -> d.revision()).containsExactly(2);
    }

    @Test
    void registerJobDefinition_reservedEnvironmentName_refused() {
        start();
        clientError(() -> batch.registerJobDefinition(jobDef("app").containerProperties(
                jobDef("app").build().containerProperties().toBuilder()
                        .environment(KeyValuePair.builder().name("AWS_BATCH_JOB_ID").value("x").build()).build()).build()),
                "AWS_BATCH");
    }

    @Test
    void registerJobDefinition_elevenAttempts_refused() {
        start();
        clientError(() -> batch.registerJobDefinition(jobDef("app").retryStrategy(r -> r.attempts(11)).build()),
                "between 1 and 10");
    }

    @Test
    void registerJobDefinition_sixEvaluateOnExit_refused() {
        start();
        List<EvaluateOnExit> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(EvaluateOnExit.builder().onExitCode(Integer.toString(i)).action("EXIT").build());
        }
        clientError(() -> batch.registerJobDefinition(jobDef("app").retryStrategy(r -> r.attempts(2).evaluateOnExit(six))
                .build()), "at most 5");
    }

    @Test
    void registerJobDefinition_over24KiB_refused() {
        start();
        clientError(() -> batch.registerJobDefinition(jobDef("big").parameters(Map.of("p", "x".repeat(25_000))).build()),
                "24 KiB");
    }

    @Test
    void registerJobDefinition_withoutImage_refused() {
        start();
        clientError(() -> batch.registerJobDefinition(b -> b.jobDefinitionName("x").type("container")
                .containerProperties(c -> c.command("true"))), "image");
    }

    @Test
    void deregisterJobDefinition_unknown_refused() {
        start();
        clientError(() -> batch.deregisterJobDefinition(b -> b.jobDefinition("nope:1")), "does not exist");
    }

    // ---------------------------------------------------------------- jobs

    @Test
    void submitJob_seedFlow_succeedsWithExitZeroAndLog() {
        start();
        setUpArm();
        String id = submit("arm64-demo-1", b -> { });
        idle();
        JobDetail j = job(id);
        assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(j.container().exitCode()).isZero();
        assertThat(j.jobQueue()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job-queue/arm-q");
        assertThat(j.jobDefinition()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job-definition/app:1");
        assertThat(j.attempts()).hasSize(1);
        assertThat(j.container().logStreamName()).startsWith("app/default/");
        assertThat(j.createdAt()).isLessThanOrEqualTo(j.startedAt());
        assertThat(j.startedAt()).isLessThan(j.stoppedAt());
    }

    @Test
    void submitJob_retryStrategyAndTags_echoedInDescribeJobs() {
        start("demo", SimClock.Mode.VIRTUAL);
        setUpArm();
        String id = submit("demo-1", b -> b.retryStrategy(RetryStrategy.builder().attempts(3).evaluateOnExit(
                        EvaluateOnExit.builder().onStatusReason("Host EC2*").action("RETRY").build(),
                        EvaluateOnExit.builder().onReason("*").action("EXIT").build()).build())
                .tags(Map.of("k", "v")).propagateTags(true).parameters(Map.of("gboRequestId", "r1"))
                .timeout(t -> t.attemptDurationSeconds(3600)));
        idle();
        JobDetail j = job(id);
        assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(j.attempts()).hasSize(2);
        assertThat(j.attempts().get(0).statusReason()).startsWith("Host EC2 (instance i-");
        assertThat(j.retryStrategy().attempts()).isEqualTo(3);
        assertThat(j.tags()).containsEntry("k", "v");
        assertThat(j.propagateTags()).isTrue();
        assertThat(j.parameters()).containsEntry("gboRequestId", "r1");
        assertThat(j.timeout().attemptDurationSeconds()).isEqualTo(3600);
    }

    @Test
    void submitJob_containerOverridesAndParameters_applied() {
        start();
        setUpArm();
        batch.registerJobDefinition(jobDef("param").parameters(Map.of("input", "default.txt"))
                .containerProperties(jobDef("param").build().containerProperties().toBuilder()
                        .command("python", "/app/app.py", "Ref::input").build()).build());
        String id = batch.submitJob(b -> b.jobName("p").jobQueue("arm-q").jobDefinition("param")
                .parameters(Map.of("input", "s3://b/k"))
                .containerOverrides(o -> o.environment(KeyValuePair.builder().name("MODE").value("fast").build())
                        .resourceRequirements(ResourceRequirement.builder().type(ResourceType.MEMORY).value("4096").build())))
                .jobId();
        JobDetail j = job(id);
        assertThat(j.container().command()).containsExactly("python", "/app/app.py", "s3://b/k");
        assertThat(j.container().environment()).extracting(KeyValuePair::name).contains("MODE");
        assertThat(j.container().resourceRequirements()).extracting(ResourceRequirement::value).contains("1", "4096");
    }

    @Test
    void submitJob_arrayJob_childrenListedByArrayJobId() {
        start();
        setUpArm();
        String id = submit("arr", b -> b.arrayProperties(ArrayProperties.builder().size(3).build()));
        idle();
        JobDetail parent = job(id);
        assertThat(parent.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(parent.arrayProperties().size()).isEqualTo(3);
        assertThat(parent.arrayProperties().statusSummary()).containsEntry("SUCCEEDED", 3);
        List<JobSummary> children = batch.listJobs(b -> b.arrayJobId(id).jobStatus(JobStatus.SUCCEEDED)).jobSummaryList();
        assertThat(children).extracting(JobSummary::jobId).containsExactly(id + ":0", id + ":1", id + ":2");
        assertThat(children.get(2).arrayProperties().index()).isEqualTo(2);
    }

    @Test
    void submitJob_arraySizeOutOfRange_refused() {
        start();
        setUpArm();
        clientError(() -> submit("a", b -> b.arrayProperties(p -> p.size(1))), "between 2 and 10000");
        clientError(() -> submit("a", b -> b.arrayProperties(p -> p.size(10_001))), "between 2 and 10000");
    }

    @Test
    void submitJob_twentyOneDependencies_refused() {
        start();
        setUpArm();
        List<software.amazon.awssdk.services.batch.model.JobDependency> deps = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            deps.add(software.amazon.awssdk.services.batch.model.JobDependency.builder().jobId("x" + i).build());
        }
        clientError(() -> submit("d", b -> b.dependsOn(deps)), "at most 20");
    }

    @Test
    void submitJob_unknownDependency_refused() {
        start();
        setUpArm();
        clientError(() -> submit("d", b -> b.dependsOn(d -> d.jobId("nope"))), "does not exist");
    }

    @Test
    void submitJob_dependsOn_runsAfterDependency() {
        start();
        setUpArm();
        String a = submit("a", b -> { });
        String c = submit("c", b -> b.dependsOn(d -> d.jobId(a)));
        idle();
        assertThat(job(c).startedAt()).isGreaterThan(job(a).stoppedAt());
        assertThat(job(c).dependsOn().get(0).jobId()).isEqualTo(a);
    }

    @Test
    void submitJob_over30KiB_refused() {
        start();
        setUpArm();
        clientError(() -> submit("big", b -> b.parameters(Map.of("p", "x".repeat(31_000)))), "30 KiB");
    }

    @Test
    void submitJob_badJobName_refused() {
        start();
        setUpArm();
        clientError(() -> submit("bad name", b -> { }), "jobName");
    }

    @Test
    void submitJob_unknownQueueOrDefinition_refused() {
        start();
        setUpArm();
        clientError(() -> batch.submitJob(b -> b.jobName("x").jobQueue("nope").jobDefinition("app")), "does not exist");
        clientError(() -> batch.submitJob(b -> b.jobName("x").jobQueue("arm-q").jobDefinition("nope")), "does not exist");
    }

    @Test
    void submitJob_inactiveRevision_refusedButNameUsesLatestActive() {
        start();
        setUpArm();
        batch.registerJobDefinition(jobDef("app").build());
        batch.deregisterJobDefinition(b -> b.jobDefinition("app:2"));
        clientError(() -> batch.submitJob(b -> b.jobName("x").jobQueue("arm-q").jobDefinition("app:2")), "INACTIVE");
        String id = batch.submitJob(b -> b.jobName("x").jobQueue("arm-q").jobDefinition("app")).jobId();
        assertThat(job(id).jobDefinition()).endsWith("app:1");
    }

    @Test
    void submitJob_disabledQueue_refused() {
        start();
        setUpArm();
        batch.updateJobQueue(b -> b.jobQueue("arm-q").state("DISABLED"));
        clientError(() -> submit("x", b -> { }), "not ENABLED");
    }

    @Test
    void submitJob_reservedEnvironmentOverride_refused() {
        start();
        setUpArm();
        clientError(() -> submit("x", b -> b.containerOverrides(o -> o.environment(
                KeyValuePair.builder().name("AWS_BATCH_CE_NAME").value("x").build()))), "AWS_BATCH");
    }

    @Test
    void submitJob_above50PerSecond_tooManyRequests() {
        start(null, SimClock.Mode.MANUAL);
        setUpArm();
        for (int i = 0; i < 50; i++) {
            submit("t" + i, b -> { });
        }
        assertThatThrownBy(() -> submit("t50", b -> { })).isInstanceOf(BatchException.class)
                .satisfies(e -> {
                    BatchException b = (BatchException) e;
                    assertThat(b.statusCode()).isEqualTo(429);
                    assertThat(b.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
                });
        cloud.clock().advance(Duration.ofSeconds(1));
        submit("after", b -> { });
    }

    @Test
    void submitJob_concurrentClients_allJobsRecordedOnce() throws Exception {
        start("{\"timing\":{\"submitJobTps\":100000}}", SimClock.Mode.VIRTUAL);
        setUpArm();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(pool.submit(() -> submit("c" + n, b -> { })));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        idle();
        assertThat(ids).doesNotHaveDuplicates().hasSize(200);
        for (int i = 0; i < ids.size(); i += 50) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 50));
            assertThat(batch.describeJobs(b -> b.jobs(chunk)).jobs()).hasSize(chunk.size())
                    .allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED));
        }
    }

    @Test
    void describeJobs_moreThan100_refused() {
        start();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("id" + i);
        }
        clientError(() -> batch.describeJobs(b -> b.jobs(ids)), "at most 100");
    }

    @Test
    void describeJobs_unknownIds_omitted() {
        start();
        assertThat(batch.describeJobs(b -> b.jobs("nope")).jobs()).isEmpty();
    }

    @Test
    void listJobs_statusFiltersAndPaging_work() {
        start(null, SimClock.Mode.MANUAL);
        setUpArm();
        cloud.clock().advance(Duration.ofMinutes(1));
        long t0 = cloud.clock().millis();
        String a = submit("alpha-1", b -> { });
        cloud.clock().advance(Duration.ofSeconds(2));
        String b2 = submit("alpha-2", b -> { });
        String c = submit("beta-1", b -> { });
        assertThat(batch.listJobs(b -> b.jobQueue("arm-q")).jobSummaryList()).isEmpty(); // default RUNNING
        assertThat(batch.listJobs(b -> b.jobQueue("arm-q").jobStatus(JobStatus.SUBMITTED)).jobSummaryList())
                .extracting(JobSummary::jobId).containsExactlyInAnyOrder(b2, c);
        assertThat(batch.listJobs(b -> b.jobQueue("arm-q").filters(KeyValuesPair.builder().name("JOB_NAME")
                .values("alpha*").build())).jobSummaryList()).extracting(JobSummary::jobId)
                .containsExactlyInAnyOrder(a, b2);
        assertThat(batch.listJobs(b -> b.jobQueue("arm-q").filters(KeyValuesPair.builder().name("AFTER_CREATED_AT")
                .values(Long.toString(t0)).build())).jobSummaryList()).extracting(JobSummary::jobId)
                .containsExactlyInAnyOrder(b2, c);
        assertThat(batch.listJobs(b -> b.jobQueue("arm-q").filters(KeyValuesPair.builder().name("BEFORE_CREATED_AT")
                .values(Long.toString(t0 + 1)).build())).jobSummaryList()).extracting(JobSummary::jobId)
                .containsExactly(a);
        var page1 = batch.listJobs(b -> b.jobQueue("arm-q").maxResults(2).filters(KeyValuesPair.builder()
                .name("JOB_NAME").values("*").build()));
        assertThat(page1.jobSummaryList()).hasSize(2);
        var page2 = batch.listJobs(b -> b.jobQueue("arm-q").maxResults(2).nextToken(page1.nextToken())
                .filters(KeyValuesPair.builder().name("JOB_NAME").values("*").build()));
        assertThat(page2.jobSummaryList()).hasSize(1);
        clientError(() -> batch.listJobs(b -> b.jobStatus(JobStatus.RUNNING)), "jobQueue");
    }

    @Test
    void cancelJob_submittedJob_failedAndCancelled() {
        start(null, SimClock.Mode.MANUAL);
        setUpArm();
        String id = submit("c", b -> { });
        batch.cancelJob(b -> b.jobId(id).reason("changed my mind"));
        JobDetail j = job(id);
        assertThat(j.status()).isEqualTo(JobStatus.FAILED);
        assertThat(j.statusReason()).isEqualTo("changed my mind");
        assertThat(j.isCancelled()).isTrue();
        clientError(() -> batch.cancelJob(b -> b.jobId("nope").reason("x")), "does not exist");
    }

    @Test
    void terminateJob_runningJob_failedAndTerminated() {
        start("{\"jobs\":[{\"jobName\":\"*\",\"attempts\":[\"hang\"]}]}", SimClock.Mode.VIRTUAL);
        setUpArm();
        String id = submit("t", b -> { });
        idle();
        assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(batch.describeComputeEnvironments(b -> b.computeEnvironments("arm-ce")).computeEnvironments().get(0)
                .computeResources().desiredvCpus()).isEqualTo(1);
        batch.terminateJob(b -> b.jobId(id).reason("operator"));
        JobDetail j = job(id);
        assertThat(batch.describeComputeEnvironments(b -> b.computeEnvironments("arm-ce")).computeEnvironments().get(0)
                .computeResources().desiredvCpus()).isZero();
        assertThat(j.status()).isEqualTo(JobStatus.FAILED);
        assertThat(j.isTerminated()).isTrue();
        clientError(() -> batch.terminateJob(b -> b.jobId("nope").reason("x")), "does not exist");
    }

    // ---------------------------------------------------------------- tags

    @Test
    void tagResource_everyKind_listedAndUntagged() {
        start();
        setUpArm();
        String id = submit("tagged", b -> { });
        List<String> arns = List.of(
                "arn:aws:batch:us-east-1:123456789012:compute-environment/arm-ce",
                "arn:aws:batch:us-east-1:123456789012:job-queue/arm-q",
                "arn:aws:batch:us-east-1:123456789012:job-definition/app:1",
                "arn:aws:batch:us-east-1:123456789012:job/" + id);
        for (String arn : arns) {
            batch.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
            assertThat(batch.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsEntry("a", "1").containsEntry("b", "2");
            batch.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
            assertThat(batch.listTagsForResource(b -> b.resourceArn(arn)).tags()).doesNotContainKey("a").containsKey("b");
        }
    }

    @Test
    void tagResource_limits_refused() {
        start();
        setUpArm();
        String arn = "arn:aws:batch:us-east-1:123456789012:job-queue/arm-q";
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        clientError(() -> batch.tagResource(b -> b.resourceArn(arn).tags(many)), "at most 50");
        clientError(() -> batch.tagResource(b -> b.resourceArn(arn).tags(Map.of("k".repeat(129), "v"))), "128");
        clientError(() -> batch.tagResource(b -> b.resourceArn(arn).tags(Map.of("k", "v".repeat(257)))), "256");
        clientError(() -> batch.listTagsForResource(b -> b.resourceArn("arn:aws:batch:us-east-1:123456789012:job-queue/nope")),
                "does not exist");
    }

    // ---------------------------------------------------------------- scenario API faults

    @Test
    void submitJob_scenarioServerFault_serverExceptionOnce() {
        start("{\"apiFaults\":[{\"service\":\"batch\",\"operation\":\"SubmitJob\",\"error\":\"server\",\"count\":1}]}",
                SimClock.Mode.VIRTUAL);
        setUpArm();
        assertThatThrownBy(() -> submit("x", b -> { })).isInstanceOf(ServerException.class)
                .satisfies(e -> assertThat(((ServerException) e).statusCode()).isEqualTo(500));
        submit("y", b -> { });
    }

    @Test
    void describeJobs_scenarioThrottle_tooManyRequests() {
        start("{\"apiFaults\":[{\"service\":\"batch\",\"operation\":\"Describe*\",\"error\":\"throttle\",\"afterCalls\":1,\"count\":1}]}",
                SimClock.Mode.VIRTUAL);
        batch.describeJobs(b -> b.jobs("a"));
        assertThatThrownBy(() -> batch.describeJobs(b -> b.jobs("a"))).isInstanceOf(BatchException.class)
                .satisfies(e -> assertThat(((BatchException) e).statusCode()).isEqualTo(429));
        batch.describeJobs(b -> b.jobs("a"));
    }

    @Test
    void createComputeEnvironment_ceInvalidScenario_invalidWithStatusReason() {
        start("ce-invalid", SimClock.Mode.VIRTUAL);
        createCe("ce", "m8g.large");
        idle();
        var d = batch.describeComputeEnvironments(b -> b.computeEnvironments("ce")).computeEnvironments().get(0);
        assertThat(d.status()).isEqualTo(CEStatus.INVALID);
        assertThat(d.statusReason()).startsWith("CLIENT_ERROR - ");
    }

    @Test
    void allocationStrategyEnum_sdkRoundTrip_bestFitDefault() {
        start();
        batch.createComputeEnvironment(b -> b.computeEnvironmentName("d").type("MANAGED").computeResources(r -> r
                .type(CRType.EC2).maxvCpus(4).instanceTypes("m8g").subnets(SUBNET_A).instanceRole("ecsInstanceRole")));
        assertThat(batch.describeComputeEnvironments(b -> b.computeEnvironments("d")).computeEnvironments().get(0)
                .computeResources().allocationStrategy()).isEqualTo(CRAllocationStrategy.BEST_FIT);
    }
}
