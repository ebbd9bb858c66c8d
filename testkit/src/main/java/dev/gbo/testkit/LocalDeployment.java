package dev.gbo.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.PermissionReport;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.deploy.DeployReport;
import dev.gbo.local.deploy.TemplateDeployer;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.local.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The orchestrator deployed into a fresh local cloud: the cloud, {@code template.yaml} deployed with
 * parameters that fit the scenario's world, the demo image in ECR, and a record of every
 * "Batch Job State Change" the fleet emitted. The public way for the CLI, the benchmarks and tests to
 * run the whole product locally:
 *
 * <pre>{@code
 * try (LocalDeployment local = LocalDeployment.start(home, LocalDeployment.loadScenario(file), 0, null, null);
 *      SfnClient sfn = local.sfn()) {
 *     sfn.startExecution(r -> r.stateMachineArn(local.stateMachineArn()).input(request));
 * }
 * }</pre>
 */
public final class LocalDeployment implements AutoCloseable {
    public static final String NAME_PREFIX = "gbo";
    public static final String STACK_NAME = "gbo";
    public static final String SECURITY_GROUP = "sg-0123456789abcdef0";
    public static final String IMAGE_REPOSITORY = "batch-arm64-demo";

    private final LocalCloud cloud;
    private final DeployReport report;
    private final Map<String, String> parameters;
    private final List<JsonNode> batchEvents = new ArrayList<>();
    private final AwsClients aws;

    private LocalDeployment(LocalCloud cloud, DeployReport report, Map<String, String> parameters) {
        this.cloud = cloud;
        this.report = report;
        this.parameters = parameters;
        this.aws = new AwsClients(cloud.region(), cloud.endpoint().toString());
    }

    /** The scenario in {@code file}; an {@link IllegalArgumentException} names what is wrong with it. */
    public static Scenario loadScenario(Path file) {
        return ScenarioLoader.load(file);
    }

    /**
     * Starts a local cloud for {@code scenario} on {@code port} (0 = any), deploys template.yaml and
     * the demo image. {@code bucket} is the input bucket the S3 rule listens on (null = a default).
     */
    public static LocalDeployment start(Path home, Scenario scenario, int port, Double realTimeSpeed, String bucket) {
        return start(home, scenario, port, realTimeSpeed, bucket, "");
    }

    /**
     * As above, with the template's ScheduleExpression ("" = no schedule rule); IAM is enforced.
     */
    public static LocalDeployment start(Path home, Scenario scenario, int port, Double realTimeSpeed, String bucket,
                                 String scheduleExpression) {
        return start(home, scenario, port, realTimeSpeed, bucket, scheduleExpression, true, null);
    }

    /**
     * As above; {@code iam} false switches IAM enforcement off ({@code --no-iam}): every call is allowed and
     * {@link #permissionReport()} lists what would have been refused.
     */
    public static LocalDeployment start(Path home, Scenario scenario, int port, Double realTimeSpeed, String bucket,
                                 String scheduleExpression, boolean iam) {
        return start(home, scenario, port, realTimeSpeed, bucket, scheduleExpression, iam, null);
    }

    /** As above with IAM enforced, durable when {@code stateDir} is not null (see the full overload). */
    public static LocalDeployment start(Path home, Scenario scenario, int port, Double realTimeSpeed, String bucket,
                                 String scheduleExpression, Path stateDir) {
        return start(home, scenario, port, realTimeSpeed, bucket, scheduleExpression, true, stateDir);
    }

    /**
     * As above: {@code iam} false switches IAM off; durable when {@code stateDir} is not null ({@code gbo serve
     * --state-dir}): the cloud takes back what the directory holds, the template is deployed again over it (same
     * names and ARNs: the deployment is idempotent), and only then does the work left in flight go on.
     */
    public static LocalDeployment start(Path home, Scenario scenario, int port, Double realTimeSpeed, String bucket,
                                 String scheduleExpression, boolean iam, Path stateDir) {
        Path template = home.resolve("template.yaml");
        if (!Files.isRegularFile(template)) {
            throw new IllegalArgumentException("no template.yaml in " + home + "; run gbo from the repository (or set -Dgbo.home)");
        }
        LocalCloud.Builder builder = LocalCloud.builder().port(port).scenario(scenario).iam(iam).stateDir(stateDir)
                .holdInFlight(true);
        if (realTimeSpeed != null) {
            builder.realTime(realTimeSpeed);
        }
        LocalCloud cloud = builder.build().start();
        try {
            String account = cloud.accountId();
            String region = cloud.region();
            Map<String, String> params = new LinkedHashMap<>();
            params.put("NamePrefix", NAME_PREFIX);
            params.put("SubnetIds", scenario.subnets().stream().map(Scenario.Subnet::subnetId).collect(Collectors.joining(",")));
            params.put("SecurityGroupIds", SECURITY_GROUP);
            params.put("InstanceRoleArn", "arn:aws:iam::" + account + ":instance-profile/ecsInstanceRole");
            params.put("JobImage", account + ".dkr.ecr." + region + ".amazonaws.com/" + IMAGE_REPOSITORY + ":latest");
            params.put("InputBucketName", bucket != null ? bucket : "gbo-input-" + account);
            params.put("ScheduleExpression", scheduleExpression);
            DeployReport report = new TemplateDeployer(cloud).deploy(template, STACK_NAME, params);
            LocalDeployment d = new LocalDeployment(cloud, report, params);
            cloud.services().addEventListener((bus, event) -> {
                if ("aws.batch".equals(event.path("source").asText())
                        && "Batch Job State Change".equals(event.path("detail-type").asText())) {
                    synchronized (d.batchEvents) {
                        d.batchEvents.add(event);
                    }
                }
            });
            d.prepareWorld(bucket != null ? bucket : params.get("InputBucketName"));
            cloud.resumeInFlight();
            return d;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    /** The input bucket with EventBridge notifications on, and the demo image (linux/arm64 + amd64) in ECR. */
    private void prepareWorld(String bucket) {
        try (S3Client s3 = s3()) {
            try {
                s3.createBucket(r -> r.bucket(bucket));
            } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException restored) {
                // a durable cloud's state directory already holds it
            }
            s3.putBucketNotificationConfiguration(r -> r.bucket(bucket)
                    .notificationConfiguration(n -> n.eventBridgeConfiguration(e -> { })));
        }
        cloud.putImage(IMAGE_REPOSITORY, "latest", "linux/arm64", "linux/amd64");
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public String scenarioName() {
        return cloud.scenario().name();
    }

    /** One line: what the deployment made. */
    public String summary() {
        long deployed = report.withStatus(DeployReport.Status.DEPLOYED).size();
        long notSimulated = report.withStatus(DeployReport.Status.NOT_SIMULATED).size();
        return "stack '" + report.stackName() + "': " + deployed + " resources deployed, " + notSimulated
                + " not simulated (alarms, resource policies, log groups; see gbo serve for the full report); IAM "
                + (cloud.iamEnforced() ? "enforced" : "off (--no-iam)");
    }

    public DeployReport report() {
        return report;
    }

    /**
     * The least-privilege report so far (docs/iam.md): per role of the template, the grants its principals used
     * and those they never used, and the refused calls.
     */
    public PermissionReport permissionReport() {
        return cloud.permissionReport();
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public String stateMachineArn() {
        return output("StateMachineArn");
    }

    public String projectBus() {
        return output("EventBusName");
    }

    private String output(String name) {
        String v = report.outputs().get(name);
        if (v == null) {
            throw new IllegalStateException("template.yaml has no output '" + name + "'; the local run needs it");
        }
        return v;
    }

    public List<JsonNode> batchEvents() {
        synchronized (batchEvents) {
            return List.copyOf(batchEvents);
        }
    }

    public String startExecution(String input) {
        try (SfnClient sfn = sfn()) {
            return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn()).input(input)).executionArn();
        }
    }

    public SfnClient sfn() {
        return aws.sfn();
    }

    public BatchClient batch() {
        return aws.batch();
    }

    public EventBridgeClient events() {
        return aws.events();
    }

    public S3Client s3() {
        return aws.s3();
    }

    public SimClock clock() {
        return cloud.clock();
    }

    @Override
    public void close() {
        aws.close();
        cloud.close();
    }
}
