package dev.gbo.cli;

import dev.gbo.testkit.LocalDeployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;

/**
 * The task token travels in the job's parameters, so anyone allowed batch:DescribeJobs can read it.
 * These tests steal it, as such a reader would, and try to make a running job's execution succeed.
 */
class CallbackIT {
    private static final Path HOME = Path.of("").toAbsolutePath();

    private static LocalDeployment serveLongJobs() {
        return new Serve(HOME, 0, HOME.resolve("cli/src/test/resources/scenarios/long-job.json"), false, 1.0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    }

    private static JobDetail onlyJob(BatchClient batch) {
        List<JobDetail> jobs = new ArrayList<>();
        for (JobQueueDetail q : batch.describeJobQueuesPaginator(r -> { }).jobQueues()) {
            batch.listJobsPaginator(r -> r.jobQueue(q.jobQueueName()).filters(f -> f.name("JOB_NAME").values("gbo-*")))
                    .jobSummaryList().forEach(s -> jobs.addAll(batch.describeJobs(r -> r.jobs(s.jobId())).jobs()));
        }
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    /**
     * Starts an execution whose job runs an hour; 20 simulated minutes in (job RUNNING) a clock task reads the
     * token from the job, as a DescribeJobs reader would, and calls SendTaskSuccess with {@code output}.
     */
    private static DescribeExecutionResponse forge(LocalDeployment local, String name,
            java.util.function.Function<JobDetail, String> output) {
        try (SfnClient sfn = local.sfn(); BatchClient batch = local.batch()) {
            String execution = sfn.startExecution(r -> r.stateMachineArn(local.stateMachineArn()).name(name)
                    .input("{\"name\": \"" + name + "\", \"vcpus\": 1, \"memoryMiB\": 2048}")).executionArn();
            local.clock().schedule(Duration.ofMinutes(20), "test: forged SendTaskSuccess", () -> {
                JobDetail job = onlyJob(batch);
                assertThat(job.statusAsString()).isEqualTo("RUNNING");
                sfn.sendTaskSuccess(r -> r.taskToken(job.parameters().get("gboTaskToken")).output(output.apply(job)));
            });
            assertThat(local.clock().awaitIdle(Duration.ofSeconds(60))).isTrue();
            return sfn.describeExecution(r -> r.executionArn(execution));
        }
    }

    @Test
    void sendTaskSuccess_emptyJsonStringForRunningJob_failsUnverifiedVerdictAndTerminatesJob() {
        try (LocalDeployment local = serveLongJobs(); BatchClient batch = local.batch()) {
            DescribeExecutionResponse execution = forge(local, "forged-empty", job -> "\"\"");

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("UnverifiedVerdict");
            assertThat(execution.cause()).contains("not a gbo notice").contains("nothing").doesNotContain("software.amazon");
            JobDetail job = onlyJob(batch);
            assertThat(job.statusAsString()).isEqualTo("FAILED");
            assertThat(job.statusReason()).contains("forged-empty").contains("FAILED");
        }
    }

    @Test
    void sendTaskSuccess_forgedNoticeClaimingSuccessOfRunningJob_failsUnverifiedVerdictNamingBatchStatus() {
        try (LocalDeployment local = serveLongJobs(); BatchClient batch = local.batch()) {
            DescribeExecutionResponse execution = forge(local, "forged-notice", job -> "{\"jobId\": \"" + job.jobId()
                    + "\", \"status\": \"SUCCEEDED\", \"architecture\": \"aarch64\", \"verified\": [\"exitCode\"]}");

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("UnverifiedVerdict");
            assertThat(execution.cause()).contains(onlyJob(batch).jobId()).contains("still RUNNING");
            assertThat(onlyJob(batch).statusAsString()).as("terminated by CleanupFunction").isEqualTo("FAILED");
        }
    }

    @Test
    void sendTaskSuccess_notJson_refusedWithInvalidOutputAsAwsDoes() {
        try (LocalDeployment local = serveLongJobs(); SfnClient sfn = local.sfn(); BatchClient batch = local.batch()) {
            sfn.startExecution(r -> r.stateMachineArn(local.stateMachineArn()).name("not-json")
                    .input("{\"name\": \"not-json\"}"));
            String[] token = new String[1];
            local.clock().schedule(Duration.ofMinutes(20), "test: read token", () ->
                    token[0] = onlyJob(batch).parameters().get("gboTaskToken"));
            for (int i = 0; i < 600 && token[0] == null; i++) {
                sleep();
            }
            assertThat(token[0]).isNotNull();

            assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token[0]).output("")))
                    .isInstanceOf(InvalidOutputException.class);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
