package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.testkit.AwsClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code gbo serve --state-dir} as a user runs it: a separate JVM from {@code cli/target/gbo.jar}, changed
 * through real SDK clients, killed with SIGKILL while an execution waits for its running Batch job, and
 * started again on the same directory: nothing acknowledged is lost and the execution ends.
 */
class DurableServeIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Pattern ENDPOINT = Pattern.compile("local cloud at (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration STEP = Duration.ofSeconds(180);

    @TempDir
    Path stateDir;

    private final List<Process> started = new ArrayList<>();

    private record Served(Process process, String endpoint, List<String> lines) {
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Served serve() throws IOException, InterruptedException {
        Path jar = HOME.resolve("cli/target/gbo.jar");
        assertThat(jar).as("cli/target/gbo.jar (built in package, before failsafe)").exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgbo.home=" + HOME, "-jar", jar.toString(), "serve", "--port", "0", "--state-dir", stateDir.toString(),
                "--scenario", HOME.resolve("cli/src/test/resources/scenarios/durable.json").toString(),
                "--real-time", "--speed", "30");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        started.add(p);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    queue.add(line);
                }
            } catch (IOException e) {
                // the process died
            }
        });
        String endpoint = null;
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            String line = queue.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                assertThat(p.isAlive()).as("gbo serve exited early: %s", lines).isTrue();
                continue;
            }
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                endpoint = m.group(1);
            }
            if (line.contains("Ctrl-C stops it.")) {
                break;
            }
        }
        assertThat(endpoint).as("endpoint line in %s", lines).isNotNull();
        return new Served(p, endpoint, lines);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", STEP, what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String input() throws IOException {
        return Files.readString(HOME.resolve("events/console-input.json"));
    }

    @Test
    void serve_killedWithSigkillAndStartedAgain_losesNothingAcknowledgedAndTheExecutionEnds() throws Exception {
        Served first = serve();
        assertThat(first.lines()).anyMatch(l -> l.contains("state is durable in") && l.contains("(run 1)"));
        String executionArn;
        List<HistoryEvent> before;
        String jobId;
        int rulesBefore;
        try (AwsClients aws = new AwsClients("us-east-1", first.endpoint());
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .endpointOverride(java.net.URI.create(first.endpoint()))
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                     .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            aws.s3().createBucket(r -> r.bucket("durable-it"));
            aws.s3().putObject(r -> r.bucket("durable-it").key("a/one.txt"), RequestBody.fromString("one"));
            aws.s3().putObject(r -> r.bucket("durable-it").key("a/two.txt"), RequestBody.fromString("two"));
            logs.createLogGroup(r -> r.logGroupName("/durable/it"));
            logs.createLogStream(r -> r.logGroupName("/durable/it").logStreamName("s"));
            logs.putLogEvents(r -> r.logGroupName("/durable/it").logStreamName("s").logEvents(
                    InputLogEvent.builder().timestamp(1_000L).message("first").build(),
                    InputLogEvent.builder().timestamp(2_000L).message("second").build()));
            aws.events().putRule(r -> r.name("durable-it-rule").eventPattern("{\"source\":[\"durable.it\"]}"));
            rulesBefore = aws.events().listRules(r -> r.eventBusName("default")).rules().size();
            String machine = aws.sfn().listStateMachines().stateMachines().get(0).stateMachineArn();
            executionArn = aws.sfn().startExecution(r -> r.stateMachineArn(machine).name("durable-it").input(uncheckedInput()))
                    .executionArn();
            // kill it while the execution waits for its Batch job, which runs
            String[] job = new String[1];
            await("the execution's job RUNNING", () -> {
                for (var q : aws.batch().describeJobQueues(r -> { }).jobQueues()) {
                    for (var s : aws.batch().listJobs(r -> r.jobQueue(q.jobQueueName()).jobStatus("RUNNING")).jobSummaryList()) {
                        job[0] = s.jobId();
                        return true;
                    }
                }
                return false;
            });
            jobId = job[0];
            before = aws.sfn().getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000)).events();
        }
        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Served second = serve();
        assertThat(second.lines()).as("the execution and its RUNNING job resumed")
                .anyMatch(l -> l.contains("(run 2)") && l.contains("resumed 1 executions, 1 Batch jobs"));
        try (AwsClients aws = new AwsClients("us-east-1", second.endpoint());
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .endpointOverride(java.net.URI.create(second.endpoint()))
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                     .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertThat(aws.s3().getObjectAsBytes(r -> r.bucket("durable-it").key("a/one.txt")).asUtf8String()).isEqualTo("one");
            assertThat(aws.s3().getObjectAsBytes(r -> r.bucket("durable-it").key("a/two.txt")).asUtf8String()).isEqualTo("two");
            assertThat(logs.getLogEvents(r -> r.logGroupName("/durable/it").logStreamName("s").startFromHead(true)).events())
                    .extracting(e -> e.message()).containsExactly("first", "second");
            assertThat(aws.events().describeRule(r -> r.name("durable-it-rule")).eventPattern()).contains("durable.it");
            assertThat(aws.events().listRules(r -> r.eventBusName("default")).rules()).hasSize(rulesBefore);
            assertThat(aws.sfn().listStateMachines().stateMachines()).as("the redeploy reuses the persisted stack").hasSize(1);
            JobDetail job = aws.batch().describeJobs(r -> r.jobs(jobId)).jobs().get(0);
            assertThat(job.statusAsString()).isIn("RUNNING", "SUCCEEDED");
            List<HistoryEvent> resumed = aws.sfn().getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000)).events();
            assertThat(resumed.subList(0, before.size())).as("the history before the kill, intact").isEqualTo(before);

            await("the execution's end after the restart", () -> aws.sfn().describeExecution(r -> r.executionArn(executionArn))
                    .status() != ExecutionStatus.RUNNING);
            var done = aws.sfn().describeExecution(r -> r.executionArn(executionArn));
            assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<HistoryEvent> after = aws.sfn().getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000)).events();
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.size()).isGreaterThan(before.size());
            JobDetail ended = aws.batch().describeJobs(r -> r.jobs(jobId)).jobs().get(0);
            assertThat(ended.statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(ended.attempts()).hasSize(1);
            assertThat(ended.attempts().get(0).container().exitCode()).as("it exited, not timed out").isZero();
            // its 120 s (durable.json) count from its start before the kill; a little more when the end came
            // while the restarted serve was still deploying, never its 3600 s attempt timeout
            assertThat(ended.attempts().get(0).stoppedAt() - ended.attempts().get(0).startedAt()).isBetween(120_000L, 600_000L);
        }
    }

    private static String uncheckedInput() {
        try {
            return input();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
