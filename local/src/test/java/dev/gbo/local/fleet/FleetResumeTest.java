package dev.gbo.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.durable.Journal;
import dev.gbo.local.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable cloud's Batch after kill -9 and a restart, in process: the first cloud's journal is copied
 * while it runs, right after its changes were fsynced (what a kill -9 leaves), and a second cloud opens
 * the copy and resumes. Jobs go on from the status they had, on the same host and attempt.
 */
class FleetResumeTest {

    /** Every job runs 120 s and succeeds; "pull-*" jobs fail their image pull; "short-*" run 30 s. */
    private static final String SCENARIO = """
            {"jobs":[
              {"jobName":"pull-*","attempts":["noMatchingManifest"]},
              {"jobName":"short-*","attempts":[{"type":"succeed","durationSeconds":30}]},
              {"jobName":"*","attempts":[{"type":"succeed","durationSeconds":120}]}]}""";

    @TempDir
    Path first;
    @TempDir
    Path second;

    private FleetHarness open(Path dir) {
        return new FleetHarness(ScenarioLoader.parse(SCENARIO, "resume.json"), SimClock.Mode.MANUAL, dir);
    }

    /** What kill -9 leaves of a running cloud: the journal as fsynced, copied while the cloud still runs. */
    private Path killed(FleetHarness h) throws IOException {
        h.cloud.durability().awaitDurable();
        Files.copy(first.resolve(Journal.FILE), second.resolve(Journal.FILE));
        return second;
    }

    /** A VALID environment of {@code maxvCpus} m8g.large vCPUs, queue "q", definition "app" (1 vCPU, optional timeout). */
    private static void setUp(FleetHarness h, int maxvCpus, Integer timeoutSeconds) {
        h.call("CreateComputeEnvironment", """
                {"computeEnvironmentName":"ce","type":"MANAGED","state":"ENABLED","computeResources":{
                 "type":"EC2","allocationStrategy":"BEST_FIT_PROGRESSIVE","minvCpus":0,"maxvCpus":%d,
                 "instanceTypes":["m8g.large"],"subnets":["subnet-0123456789abcdef0"],
                 "securityGroupIds":["sg-0123456789abcdef0"],"instanceRole":"ecsInstanceRole"}}""".formatted(maxvCpus));
        h.call("CreateJobQueue", """
                {"jobQueueName":"q","state":"ENABLED","priority":10,
                 "computeEnvironmentOrder":[{"order":1,"computeEnvironment":"ce"}]}""");
        h.call("RegisterJobDefinition", """
                {"jobDefinitionName":"app","type":"container","platformCapabilities":["EC2"]%s,
                 "containerProperties":{"image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest",
                 "command":["python","/app/app.py"],
                 "resourceRequirements":[{"type":"VCPU","value":"1"},{"type":"MEMORY","value":"2048"}]}}"""
                .formatted(timeoutSeconds == null ? "" : ",\"timeout\":{\"attemptDurationSeconds\":" + timeoutSeconds + "}"));
        h.advance(25); // CREATING -> VALID
    }

    private static String submit(FleetHarness h, String name) {
        return h.call("SubmitJob", "{\"jobName\":\"" + name + "\",\"jobQueue\":\"q\",\"jobDefinition\":\"app\"}")
                .get("jobId").asText();
    }

    /** Moves the clock a second at a time until the job has {@code status}. */
    private static void advanceUntil(FleetHarness h, String id, String status) {
        for (int i = 0; i < 600 && !status.equals(h.status(id)); i++) {
            h.advance(1);
        }
        assertThat(h.status(id)).as("status of " + id).isEqualTo(status);
    }

    @Test
    void resume_jobRunningAtPersist_exitsAtItsRecordedEndAndSucceeds() throws IOException {
        String id;
        String taskArn;
        long startedAt;
        try (FleetHarness h = open(first)) {
            setUp(h, 16, 3600);
            id = submit(h, "job-1");
            advanceUntil(h, id, "RUNNING");
            h.advance(30); // 30 of its 120 s run before the kill
            taskArn = h.job(id).at("/container/taskArn").asText();
            startedAt = h.job(id).get("startedAt").asLong();
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            assertThat(h.cloud.resumeInFlight().jobs()).isEqualTo(1);
            assertThat(h.status(id)).isEqualTo("RUNNING");
            h.advance(200);
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.get("attempts")).hasSize(1);
            assertThat(job.at("/attempts/0/container/taskArn").asText()).isEqualTo(taskArn);
            assertThat(job.at("/attempts/0/startedAt").asLong()).isEqualTo(startedAt);
            assertThat(job.at("/attempts/0/stoppedAt").asLong()).isEqualTo(startedAt + 120_000);
            assertThat(job.at("/attempts/0/container/exitCode").asInt()).isZero();
            assertThat(h.logs.messages("/aws/batch/job", job.at("/container/logStreamName").asText()))
                    .containsExactly("{\"arch\": \"aarch64\", \"job_id\": \"" + id + "\", \"job_attempt\": \"1\"}");
            assertThat(h.cloud.clock().lastFailure()).isNull();
        }
    }

    @Test
    void resume_jobRunningAtPersist_attemptTimeoutCountsFromItsRecordedStart() throws IOException {
        String id;
        long startedAt;
        try (FleetHarness h = open(first)) {
            setUp(h, 16, 90); // the job would run 120 s
            id = submit(h, "job-1");
            advanceUntil(h, id, "RUNNING");
            h.advance(60);
            startedAt = h.job(id).get("startedAt").asLong();
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            h.cloud.resumeInFlight();
            h.advance(200);
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.at("/attempts/0/statusReason").asText()).isEqualTo("Job attempt duration exceeded timeout");
            assertThat(job.at("/attempts/0/stoppedAt").asLong()).isEqualTo(startedAt + 90_000);
        }
    }

    @Test
    void resume_jobStartingAtPersist_runsOnItsHostThenSucceeds() throws IOException {
        String id;
        String taskArn;
        try (FleetHarness h = open(first)) {
            setUp(h, 16, null);
            id = submit(h, "job-1");
            advanceUntil(h, id, "STARTING");
            taskArn = h.job(id).at("/container/taskArn").asText();
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            h.cloud.resumeInFlight();
            advanceUntil(h, id, "RUNNING");
            advanceUntil(h, id, "SUCCEEDED");
            JsonNode job = h.job(id);
            assertThat(job.at("/attempts/0/container/taskArn").asText()).isEqualTo(taskArn);
            assertThat(job.at("/attempts/0/stoppedAt").asLong() - job.at("/attempts/0/startedAt").asLong()).isEqualTo(120_000);
            assertThat(h.cloud.clock().lastFailure()).isNull();
        }
    }

    @Test
    void resume_jobStartingAtPersistWhosePullFails_failsItsPull() throws IOException {
        String id;
        try (FleetHarness h = open(first)) {
            setUp(h, 16, null);
            id = submit(h, "pull-1");
            advanceUntil(h, id, "STARTING");
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            h.cloud.resumeInFlight();
            h.advance(60);
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("startedAt")).isNull(); // it never ran
            assertThat(job.get("statusReason").asText()).startsWith("CannotPullContainerError");
        }
    }

    @Test
    void resume_jobRunnableAndPlacedAtPersist_keepsItsHostAndSucceeds() throws IOException {
        String id;
        try (FleetHarness h = open(first)) {
            setUp(h, 16, null);
            id = submit(h, "job-1");
            advanceUntil(h, id, "RUNNABLE");
            h.advance(10); // placed: its instance is launching (45 s)
            assertThat(h.status(id)).isEqualTo("RUNNABLE");
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            assertThat(h.cloud.resumeInFlight().jobs()).isEqualTo(1);
            advanceUntil(h, id, "STARTING");
            advanceUntil(h, id, "SUCCEEDED");
            assertThat(h.cloud.clock().lastFailure()).isNull();
        }
    }

    @Test
    void resume_jobsRunnableInLineAtPersist_runInTheOrderTheyLinedUp() throws IOException {
        String a;
        String b;
        String c;
        try (FleetHarness h = open(first)) {
            setUp(h, 1, null); // one job at a time
            a = submit(h, "short-a");
            b = submit(h, "short-b");
            c = submit(h, "short-c");
            advanceUntil(h, a, "RUNNING");
            assertThat(h.status(b)).isEqualTo("RUNNABLE");
            assertThat(h.status(c)).isEqualTo("RUNNABLE");
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            assertThat(h.cloud.resumeInFlight().jobs()).isEqualTo(3);
            advanceUntil(h, c, "SUCCEEDED");
            assertThat(h.status(a)).isEqualTo("SUCCEEDED");
            assertThat(h.status(b)).isEqualTo("SUCCEEDED");
            long aStop = h.job(a).get("stoppedAt").asLong();
            long bStart = h.job(b).get("startedAt").asLong();
            long bStop = h.job(b).get("stoppedAt").asLong();
            long cStart = h.job(c).get("startedAt").asLong();
            assertThat(bStart).isGreaterThanOrEqualTo(aStop);
            assertThat(cStart).isGreaterThanOrEqualTo(bStop);
        }
    }

    @Test
    void resume_arrayJobWithAChildRunningAtPersist_parentKeepsItsStartAndSucceeds() throws IOException {
        String parent;
        long startedAt;
        try (FleetHarness h = open(first)) {
            setUp(h, 16, null);
            parent = h.call("SubmitJob", "{\"jobName\":\"short-array\",\"jobQueue\":\"q\",\"jobDefinition\":\"app\","
                    + "\"arrayProperties\":{\"size\":2}}").get("jobId").asText();
            advanceUntil(h, parent + ":0", "RUNNING");
            startedAt = h.job(parent).get("startedAt").asLong();
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            h.cloud.resumeInFlight();
            assertThat(h.job(parent).get("startedAt").asLong()).isEqualTo(startedAt);
            advanceUntil(h, parent, "SUCCEEDED");
            assertThat(h.job(parent).get("startedAt").asLong()).isEqualTo(startedAt);
            assertThat(h.status(parent + ":1")).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void resume_afterRestart_aNewJobIsPlacedOnTheRestoredEnvironment() throws IOException {
        try (FleetHarness h = open(first)) {
            setUp(h, 16, null);
            killed(h);
        }
        try (FleetHarness h = open(second)) {
            h.cloud.resumeInFlight();
            String id = submit(h, "short-after");
            advanceUntil(h, id, "SUCCEEDED");
            assertThat(h.job(id).at("/container/taskArn").asText()).contains("AWSBatch-ce-");
            assertThat(h.cloud.clock().lastFailure()).isNull();
        }
    }
}
