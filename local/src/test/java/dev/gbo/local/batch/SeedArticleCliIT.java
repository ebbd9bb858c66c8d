package dev.gbo.local.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed article's commands, verbatim, through the AWS CLI v2 ({@code /usr/bin/aws}) against the
 * local cloud: from the M9g offerings query to a SUCCEEDED job whose log says aarch64. Fails when
 * the CLI is missing on CI (CI=true), skips with a message elsewhere.
 */
class SeedArticleCliIT {
    static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    Path dir;
    LocalCloud cloud;

    @BeforeEach
    void requireCli() {
        boolean present = Files.isExecutable(AWS);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("/usr/bin/aws is missing on CI: install the AWS CLI v2 (apt-get install -y awscli)");
        }
        Assumptions.assumeTrue(present, "skipped: /usr/bin/aws is not installed (apt-get install -y awscli); "
                + "on CI (CI=true) this test fails instead");
    }

    @Test
    void awsCli_version_isV2() throws Exception {
        Process p = new ProcessBuilder(AWS.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the seed article needs the AWS CLI v2").startsWith("aws-cli/2.");
    }

    @AfterEach
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    record Result(int exit, String out, String err) {
    }

    private Result aws(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(AWS.toString());
        cmd.addAll(List.of(args));
        cmd.add("--endpoint-url");
        cmd.add(cloud.endpoint().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "local-secret");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString());
        env.put("HOME", dir.toString());
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")).trim(),
                Files.readString(dir.resolve("err.txt")).trim());
    }

    private String ok(String... args) throws IOException, InterruptedException {
        Result r = aws(args);
        assertThat(r.exit()).as("aws %s failed: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    // The article's payloads, unchanged (shell variables substituted as the heredocs would).
    static final String COMPUTE_ENVIRONMENT = """
            {
            "computeEnvironmentName": "graviton5-batch-ce",
            "type": "MANAGED",
            "state": "ENABLED",
            "computeResources": {
            "type": "EC2",
            "allocationStrategy": "BEST_FIT_PROGRESSIVE",
            "minvCpus": 0,
            "maxvCpus": 128,
            "instanceTypes": ["m9g.large", "m9g.xlarge", "m9g.2xlarge"],
            "subnets": ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            "securityGroupIds": ["sg-0123456789abcdef0"],
            "instanceRole": "ecsInstanceRole",
            "ec2Configuration": [
            { "imageType": "ECS_AL2023" }
            ],
            "tags": {
            "Name": "graviton5-batch"
            }
            }
            }
            """;

    static final String JOB_QUEUE = """
            {
            "jobQueueName": "graviton5-batch-queue",
            "state": "ENABLED",
            "priority": 10,
            "computeEnvironmentOrder": [
            {
            "order": 1,
            "computeEnvironment": "$COMPUTE_ENV_ARN"
            }
            ],
            "jobQueueType": "ECS"
            }
            """;

    static final String JOB_DEFINITION = """
            {
            "jobDefinitionName": "arm64-demo",
            "type": "container",
            "platformCapabilities": ["EC2"],
            "containerProperties": {
            "image": "$ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com/batch-arm64-demo:latest",
            "command": ["python", "/app/app.py"],
            "resourceRequirements": [
            { "type": "VCPU", "value": "1" },
            { "type": "MEMORY", "value": "2048" }
            ]
            }
            }
            """;

    @Test
    void seedArticle_m9gOffered_jobSucceedsPrintingAarch64() throws Exception {
        cloud = LocalCloud.builder().port(0).scenario(ScenarioLoader.load(Path.of("..", "scenarios", "happy-m9g.json")))
                .build().start();
        String offerings = ok("ec2", "describe-instance-type-offerings", "--region", "us-east-1",
                "--filters", "Name=instance-type,Values=m9g.*", "--query", "InstanceTypeOfferings[].InstanceType",
                "--output", "text");
        assertThat(offerings.split("\\s+")).contains("m9g.large", "m9g.xlarge", "m9g.2xlarge");
        runArticle(COMPUTE_ENVIRONMENT);
    }

    @Test
    void seedArticle_noM9gOffered_fallsBackToM8gAsTheArticleSays() throws Exception {
        cloud = LocalCloud.builder().port(0).scenario(ScenarioLoader.parse(
                "{\"offerings\":{\"*\":[\"m8g\",\"m7g\"]}}", "no-m9g.json")).build().start();
        String offerings = ok("ec2", "describe-instance-type-offerings", "--region", "us-east-1",
                "--filters", "Name=instance-type,Values=m9g.*", "--query", "InstanceTypeOfferings[].InstanceType",
                "--output", "text");
        assertThat(offerings).isEmpty();
        // "If the query returns nothing, ... replace the instance family with M8g"
        runArticle(COMPUTE_ENVIRONMENT.replace("m9g", "m8g"));
    }

    private void runArticle(String computeEnvironment) throws Exception {
        String account = ok("sts", "get-caller-identity", "--query", "Account", "--output", "text");
        assertThat(account).matches("\\d{12}");

        write("compute-environment.json", computeEnvironment);
        ok("batch", "create-compute-environment", "--cli-input-json", "file://compute-environment.json",
                "--region", "us-east-1");

        String ceArn = ok("batch", "describe-compute-environments", "--compute-environments", "graviton5-batch-ce",
                "--region", "us-east-1", "--query", "computeEnvironments[0].computeEnvironmentArn", "--output", "text");
        assertThat(ceArn).isEqualTo("arn:aws:batch:us-east-1:" + account + ":compute-environment/graviton5-batch-ce");

        String queue = JOB_QUEUE.replace("$COMPUTE_ENV_ARN", ceArn);
        write("job-queue.json", queue);
        Result created = aws("batch", "create-job-queue", "--cli-input-json", "file://job-queue.json",
                "--region", "us-east-1");
        if (created.exit() != 0 && created.err().contains("jobQueueType")) {
            // AWS CLI 2.9.19 (Debian 12) predates jobQueueType and refuses it client-side before any request;
            // newer CLIs send it and the local cloud accepts it. Same payload without the newer member:
            write("job-queue.json", queue.replace(",\n\"jobQueueType\": \"ECS\"", ""));
            created = aws("batch", "create-job-queue", "--cli-input-json", "file://job-queue.json",
                    "--region", "us-east-1");
        }
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("arn:aws:batch:us-east-1:" + account + ":job-queue/graviton5-batch-queue");

        write("job-definition.json", JOB_DEFINITION.replace("$ACCOUNT_ID", account).replace("$AWS_REGION", "us-east-1"));
        String registered = ok("batch", "register-job-definition", "--cli-input-json", "file://job-definition.json",
                "--region", "us-east-1");
        assertThat(registered).contains("\"revision\": 1");

        String jobId = ok("batch", "submit-job", "--job-name", "arm64-demo-1", "--job-queue", "graviton5-batch-queue",
                "--job-definition", "arm64-demo", "--region", "us-east-1", "--query", "jobId", "--output", "text");
        assertThat(jobId).matches("[0-9a-f-]{36}");

        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(30))).isTrue();

        String ceTable = ok("batch", "describe-compute-environments", "--compute-environments", "graviton5-batch-ce",
                "--region", "us-east-1", "--query", "computeEnvironments[0].[status,state,statusReason]",
                "--output", "table");
        assertThat(ceTable).contains("VALID").contains("ENABLED");

        String jobTable = ok("batch", "describe-jobs", "--jobs", jobId, "--region", "us-east-1",
                "--query", "jobs[0].[status,container.exitCode]", "--output", "table");
        assertThat(jobTable).contains("SUCCEEDED").containsPattern("\\|\\s+0\\s+\\|");

        String stream = ok("batch", "describe-jobs", "--jobs", jobId, "--region", "us-east-1",
                "--query", "jobs[0].container.logStreamName", "--output", "text");
        assertThat(stream).startsWith("arm64-demo/default/");
        String log = ok("logs", "get-log-events", "--log-group-name", "/aws/batch/job", "--log-stream-name", stream,
                "--start-from-head", "--region", "us-east-1", "--query", "events[].message", "--output", "text");
        assertThat(log).contains("\"arch\": \"aarch64\"").contains("\"job_id\": \"" + jobId + "\"")
                .contains("\"job_attempt\": \"1\"");
    }
}
