package dev.gbo.cli;

import dev.gbo.testkit.LocalDeployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The orchestrator under a burst, as a platform team uses it against {@code gbo serve}: many executions
 * at once, mixed sizes, through the console, the project bus and S3 uploads, with real SDK clients.
 */
class LoadIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final int[][] SIZES = {{1, 2048}, {2, 4096}, {1, 4096}, {4, 8192}, {2, 2048}, {8, 16384}};

    private static LocalDeployment serve(String scenario, Double realTimeSpeed) {
        return new Serve(HOME, 0, HOME.resolve("scenarios/" + scenario + ".json"), realTimeSpeed != null,
                realTimeSpeed == null ? 1.0 : realTimeSpeed,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    }

    private static String request(int i) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("name", "load-" + i);
        r.put("image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest");
        r.putArray("command").add("python").add("/app/app.py");
        r.put("vcpus", SIZES[i % SIZES.length][0]);
        r.put("memoryMiB", SIZES[i % SIZES.length][1]);
        return r.toString();
    }

    /** Starts {@code n} executions at once: two thirds from the console, one sixth on the bus, one sixth as S3 uploads. */
    private static void burst(LocalDeployment local, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (SfnClient sfn = local.sfn(); var events = local.events(); var s3 = local.s3()) {
            List<Future<?>> started = new ArrayList<>();
            String bucket = local.parameters().get("InputBucketName");
            for (int i = 0; i < n; i++) {
                int k = i;
                started.add(pool.submit(() -> {
                    switch (k % 6) {
                        case 4 -> events.putEvents(r -> r.entries(e -> e.eventBusName("gbo-bus").source("load.test")
                                .detailType("Submit Batch Job").detail(request(k))));
                        case 5 -> s3.putObject(p -> p.bucket(bucket).key("inbox/load-" + k + ".csv"),
                                RequestBody.fromString("id,value\n" + k + ",1\n"));
                        default -> sfn.startExecution(r -> r.stateMachineArn(local.stateMachineArn())
                                .name("load-" + k).input(request(k)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : started) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits (wall time) until every execution of the state machine has ended; returns them by status. */
    private static Map<ExecutionStatus, List<DescribeExecutionResponse>> awaitAll(LocalDeployment local, int n,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SfnClient sfn = local.sfn()) {
            while (true) {
                var executions = sfn.listExecutionsPaginator(r -> r.stateMachineArn(local.stateMachineArn()))
                        .executions().stream().toList();
                boolean done = executions.size() >= n
                        && executions.stream().noneMatch(e -> e.status() == ExecutionStatus.RUNNING);
                if (done || System.nanoTime() > deadline) {
                    return executions.stream()
                            .map(e -> sfn.describeExecution(r -> r.executionArn(e.executionArn())))
                            .collect(Collectors.groupingBy(DescribeExecutionResponse::status));
                }
                Thread.sleep(200);
            }
        }
    }

    private static void assertOneEnvironmentPerFamilyAndNoDuplicateJob(LocalDeployment local) {
        try (BatchClient batch = local.batch()) {
            List<ComputeEnvironmentDetail> ces = batch.describeComputeEnvironmentsPaginator(r -> { })
                    .computeEnvironments().stream().toList();
            Map<String, Long> perFamily = ces.stream().collect(Collectors.groupingBy(
                    c -> c.computeResources().instanceTypes().toString(), Collectors.counting()));
            assertThat(perFamily).allSatisfy((family, count) -> assertThat(count).as(family).isEqualTo(1));
            assertThat(ces).allSatisfy(c -> assertThat(c.computeResources().instanceTypes()).hasSize(1));
            List<JobSummary> jobs = new ArrayList<>();
            for (JobQueueDetail q : batch.describeJobQueuesPaginator(r -> { }).jobQueues()) {
                for (JobStatus status : JobStatus.knownValues()) {
                    batch.listJobsPaginator(r -> r.jobQueue(q.jobQueueName()).jobStatus(status)).jobSummaryList()
                            .forEach(jobs::add);
                }
            }
            Map<String, Long> names = jobs.stream().collect(Collectors.groupingBy(JobSummary::jobName, Collectors.counting()));
            assertThat(names).allSatisfy((name, count) -> assertThat(count).as("jobs named " + name).isEqualTo(1));
        }
    }

    private static String failures(Map<ExecutionStatus, List<DescribeExecutionResponse>> byStatus) {
        Map<String, Integer> errors = new HashMap<>();
        byStatus.forEach((status, list) -> {
            if (status != ExecutionStatus.SUCCEEDED) {
                list.forEach(e -> errors.merge(status + " " + e.error() + ": "
                        + (e.cause() == null ? "" : e.cause().substring(0, Math.min(160, e.cause().length()))), 1, Integer::sum));
            }
        });
        return errors.toString();
    }

    /** A burst of {@code n} on {@code scenario}: every execution succeeds, one environment per family, no job twice. */
    private static void assertBurstSucceeds(String scenario, Double realTimeSpeed, int n, Duration timeout) throws Exception {
        try (LocalDeployment local = serve(scenario, realTimeSpeed)) {
            burst(local, n);

            var byStatus = awaitAll(local, n, timeout);

            assertThat(byStatus.getOrDefault(ExecutionStatus.SUCCEEDED, List.of())).as(failures(byStatus)).hasSize(n);
            assertOneEnvironmentPerFamilyAndNoDuplicateJob(local);
        }
    }

    @Test
    void burst_200MixedSizesOnVirtualClock_allSucceedOneEnvironmentPerFamily() throws Exception {
        assertBurstSucceeds("happy-m9g", null, 200, Duration.ofMinutes(3));
    }

    @Test
    void burst_mixedSizesWithM9gMissing_fallBackToOneM8gEnvironment() throws Exception {
        assertBurstSucceeds("demo", null, 60, Duration.ofMinutes(3));
    }

    @Test
    void burst_200MixedSizesRealTimeSpeed10_allSucceedOneEnvironmentPerFamily() throws Exception {
        assertBurstSucceeds("happy-m9g", 10.0, 200, Duration.ofMinutes(4));
    }

    @Test
    void stopExecution_jobRunning_terminatedWithinASimulatedMinuteNamingTheExecution() throws Exception {
        try (LocalDeployment local = new Serve(HOME, 0, HOME.resolve("cli/src/test/resources/scenarios/long-job.json"), false, 1.0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
                SfnClient sfn = local.sfn(); BatchClient batch = local.batch()) {
            String execution = sfn.startExecution(r -> r.stateMachineArn(local.stateMachineArn()).name("stop-me")
                    .input(request(0))).executionArn();
            // StopExecution 20 simulated minutes in, from a clock task: the job is RUNNING then (it runs an hour).
            local.clock().schedule(Duration.ofMinutes(20), "test: StopExecution",
                    () -> sfn.stopExecution(r -> r.executionArn(execution).error("Operator").cause("stopped by the test")));

            assertThat(local.clock().awaitIdle(Duration.ofSeconds(60))).isTrue();

            DescribeExecutionResponse stopped = sfn.describeExecution(r -> r.executionArn(execution));
            assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
            List<JobSummary> jobs = new ArrayList<>();
            for (JobQueueDetail q : batch.describeJobQueuesPaginator(r -> { }).jobQueues()) {
                batch.listJobsPaginator(r -> r.jobQueue(q.jobQueueName())
                        .filters(f -> f.name("JOB_NAME").values("gbo-load-0-*"))).jobSummaryList().forEach(jobs::add);
            }
            assertThat(jobs).hasSize(1);
            var job = batch.describeJobs(r -> r.jobs(jobs.get(0).jobId())).jobs().get(0);
            assertThat(job.statusAsString()).isEqualTo("FAILED");
            assertThat(job.statusReason()).contains("stop-me").contains("ABORTED");
            long lag = job.stoppedAt() - stopped.stopDate().toEpochMilli();
            assertThat(lag).as("ms from StopExecution to the job's end").isBetween(0L, 60_000L);
        }
    }
}
