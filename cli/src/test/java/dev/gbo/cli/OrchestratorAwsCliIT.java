package dev.gbo.cli;

import dev.gbo.testkit.LocalDeployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed orchestrator, driven the way a user drives AWS: with the AWS CLI v2 ({@code /usr/bin/aws},
 * Debian's awscli) and {@code --endpoint-url}, against what {@code gbo serve} starts. Fails when the CLI v2
 * is missing on CI (CI=true), skips with a message elsewhere.
 */
class OrchestratorAwsCliIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    Path tmp;

    private LocalDeployment local;
    private String endpoint;

    @BeforeEach
    void serve() throws Exception {
        boolean present = Files.isExecutable(AWS);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("/usr/bin/aws is missing on CI: install the AWS CLI v2 (apt-get install -y awscli)");
        }
        Assumptions.assumeTrue(present, "skipped: /usr/bin/aws (AWS CLI v2) is not installed; apt-get install -y awscli");
        local = new Serve(HOME, 0, HOME.resolve("scenarios/demo.json"), false, 1.0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
        endpoint = local.cloud().endpoint().toString();
        assertThat(run("--version").out()).startsWith("aws-cli/2.");
    }

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    record Result(int code, String out) {
        JsonNode json() {
            return Json.parseOrNull(out);
        }
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(AWS.toString()));
        if (!args[0].startsWith("--")) {
            cmd.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("HOME", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private Result ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        assertThat(r.code()).as("aws %s%n%s", String.join(" ", args), r.out()).isZero();
        return r;
    }

    private void settle() {
        assertThat(local.cloud().clock().awaitIdle(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void startExecution_consoleInput_succeedsWithHistoryAndVerifiedJobLog() throws Exception {
        String sm = ok("stepfunctions", "list-state-machines").json().at("/stateMachines/0/stateMachineArn").asText();
        String exec = ok("stepfunctions", "start-execution", "--state-machine-arn", sm, "--name", "cli-console",
                "--input", "file://events/console-input.json").json().get("executionArn").asText();
        settle();

        JsonNode d = ok("stepfunctions", "describe-execution", "--execution-arn", exec).json();
        assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("SUCCEEDED");
        JsonNode history = ok("stepfunctions", "get-execution-history", "--execution-arn", exec).json().get("events");
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("ExecutionStarted", "TaskScheduled", "TaskSubmitted", "TaskSucceeded", "ExecutionSucceeded");

        JsonNode verdict = Json.parseOrNull(d.get("output").asText()).at("/result/verdict");
        String jobId = verdict.get("jobId").asText();
        JsonNode job = ok("batch", "describe-jobs", "--jobs", jobId).json().at("/jobs/0");
        assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
        String stream = job.at("/container/logStreamName").asText();
        JsonNode logs = ok("logs", "get-log-events", "--log-group-name", "/aws/batch/job", "--log-stream-name", stream,
                "--start-from-head").json();
        assertThat(logs.get("events").toString()).contains("aarch64");
    }

    @Test
    void putEvents_submitBatchJobOnProjectBus_startsAnExecutionThatSucceeds() throws Exception {
        JsonNode event = Json.requireObject(Files.readString(HOME.resolve("events/submit-batch-job.json")), "fixture");
        Path entries = tmp.resolve("entries.json");
        Files.writeString(entries, "[{\"Source\": " + Json.MAPPER.writeValueAsString(event.get("source").asText())
                + ", \"DetailType\": \"Submit Batch Job\", \"EventBusName\": \"" + local.projectBus() + "\", \"Detail\": "
                + Json.MAPPER.writeValueAsString(event.get("detail").toString()) + "}]");

        JsonNode put = ok("events", "put-events", "--entries", "file://" + entries).json();
        assertThat(put.get("FailedEntryCount").asInt()).isZero();
        settle();

        String sm = local.stateMachineArn();
        JsonNode executions = ok("stepfunctions", "list-executions", "--state-machine-arn", sm).json().get("executions");
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void lambdaInvoke_normalizeWithBadRequest_functionErrorNamesTheFields() throws Exception {
        Path payload = tmp.resolve("payload.json");
        Files.writeString(payload, "{\"trigger\": " + Files.readString(HOME.resolve("events/invalid-request.json"))
                + ", \"executionName\": \"cli\"}");
        Path response = tmp.resolve("response.json");

        JsonNode meta = ok("lambda", "invoke", "--function-name", "gbo-normalize", "--cli-binary-format", "raw-in-base64-out",
                "--payload", "file://" + payload, response.toString()).json();

        assertThat(meta.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(meta.get("FunctionError").asText()).isEqualTo("Unhandled");
        JsonNode error = Json.parseOrNull(Files.readString(response));
        assertThat(error.get("errorType").asText()).isEqualTo("dev.gbo.functions.errors.InvalidRequest");
        assertThat(error.get("errorMessage").asText()).contains("vcpus").contains("image");
    }

    @Test
    void describeExecution_unknownArn_awsShapedErrorAndNonZeroExit() throws Exception {
        Result r = run("stepfunctions", "describe-execution", "--execution-arn",
                "arn:aws:states:us-east-1:123456789012:execution:gbo-orchestrator:nope");

        assertThat(r.code()).isNotZero();
        assertThat(r.out()).contains("ExecutionDoesNotExist");
    }
}
