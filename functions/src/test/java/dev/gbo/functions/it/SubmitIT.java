package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.SubmitHandler;
import dev.gbo.functions.it.LocalCloudIT.Fixture;
import dev.gbo.testkit.LocalCloudExtension;
import dev.gbo.functions.job.JobNames;
import dev.gbo.model.support.Hashing;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;

/** JobSubmitter through SubmitHandler with a real BatchClient against the local cloud (scenarios/happy-m9g.json). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmitIT {
    @RegisterExtension
    static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("happy-m9g");
    Fixture fx;
    BatchClient batch;

    @BeforeAll
    void start() {
        fx = new Fixture(CLOUD);
        batch = fx.batch();
    }


    private List<JobSummary> jobsNamed(String queueArn, String jobName) {
        return batch.listJobsPaginator(b -> b.jobQueue(queueArn)
                        .filters(KeyValuesPair.builder().name("JOB_NAME").values(jobName).build()))
                .jobSummaryList().stream().toList();
    }

    @Test
    void handleRequest_sameAttemptTwice_submitsOneJob() {
        Map<String, String> env = fx.env("sub1");
        ObjectNode state = fx.readyState("sub1", "submit-twice");
        SubmitHandler handler = new SubmitHandler(env);
        String token = "fake-token-" + UUID.randomUUID();

        JsonNode first = Fixture.invoke(handler, Fixture.submitPayload(state, 0, "submit-twice", token));
        JsonNode second = Fixture.invoke(handler, Fixture.submitPayload(state, 0, "submit-twice", token));

        String expectedName = JobNames.jobName("sub1", "arm64-demo", "exec-submit-twice", "m9g", 0);
        assertThat(first.get("jobName").asText()).isEqualTo(expectedName);
        assertThat(first.get("submitted").asBoolean()).isTrue();
        assertThat(second.get("submitted").asBoolean()).isFalse();
        assertThat(second.get("jobId").asText()).isEqualTo(first.get("jobId").asText());
        assertThat(jobsNamed(state.get("queue").get("jobQueueArn").asText(), expectedName))
                .singleElement().extracting(JobSummary::jobId).isEqualTo(first.get("jobId").asText());
    }

    @Test
    void handleRequest_secondCallAfterJobTerminal_verifiesExistingJobAndAcknowledgesUnknownToken() {
        Map<String, String> env = fx.env("sub2");
        ObjectNode state = fx.readyState("sub2", "submit-after-end");
        SubmitHandler handler = new SubmitHandler(env);
        JsonNode first = Fixture.invoke(handler, Fixture.submitPayload(state, 0, "submit-after-end", "fake-token-a"));
        fx.idle();
        assertThat(batch.describeJobs(b -> b.jobs(first.get("jobId").asText())).jobs().get(0).statusAsString())
                .isEqualTo("SUCCEEDED");

        JsonNode again = Fixture.invoke(handler, Fixture.submitPayload(state, 0, "submit-after-end", "fake-token-b"));

        assertThat(again.get("submitted").asBoolean()).isFalse();
        assertThat(again.get("jobId").asText()).isEqualTo(first.get("jobId").asText());
        assertThat(again.get("resumed").asBoolean()).as("a token Step Functions never issued is not accepted").isFalse();
        assertThat(jobsNamed(state.get("queue").get("jobQueueArn").asText(), first.get("jobName").asText())).hasSize(1);
    }

    @Test
    void handleRequest_nextAttempt_submitsNewJobWithAttemptInName() {
        Map<String, String> env = fx.env("sub3");
        ObjectNode state = fx.readyState("sub3", "submit-attempts");
        SubmitHandler handler = new SubmitHandler(env);

        JsonNode a0 = Fixture.invoke(handler, Fixture.submitPayload(state, 0, "submit-attempts", "fake-token-0"));
        JsonNode a1 = Fixture.invoke(handler, Fixture.submitPayload(state, 1, "submit-attempts", "fake-token-1"));

        assertThat(a1.get("submitted").asBoolean()).isTrue();
        assertThat(a1.get("jobName").asText()).endsWith("-m9g-a1").isNotEqualTo(a0.get("jobName").asText());
        assertThat(a1.get("jobId").asText()).isNotEqualTo(a0.get("jobId").asText());
    }

    @Test
    void handleRequest_taskToken_carriedInJobParametersAndNeverWrittenToStdout() {
        Map<String, String> env = fx.env("sub4");
        ObjectNode state = fx.readyState("sub4", "submit-secret");
        SubmitHandler handler = new SubmitHandler(env);
        String token = "AQCEAAAAKgAAAAMAAAAA-secret-" + UUID.randomUUID();

        Fixture.Captured<JsonNode> run = Fixture.capturingStdout(() -> {
            JsonNode out = Fixture.invoke(handler, Fixture.submitPayload(state, 0, "submit-secret", token));
            Fixture.invoke(handler, Fixture.submitPayload(state, 0, "submit-secret", token));
            return out;
        });

        JobDetail job = batch.describeJobs(b -> b.jobs(run.value().get("jobId").asText())).jobs().get(0);
        assertThat(job.parameters())
                .containsEntry("gboTaskToken", token)
                .containsEntry("gboRequestId", "exec-submit-secret")
                .containsEntry("gboAttempt", "0")
                .containsEntry("gboMaxAttempts", "3")
                .containsEntry("gboFamily", "m9g")
                .containsEntry("gboExecution", "submit-secret")
                .containsKey("gboVerify");
        assertThat(job.jobQueue()).isEqualTo(state.get("queue").get("jobQueueArn").asText());
        assertThat(job.jobDefinition()).isEqualTo(state.get("queue").get("jobDefinition").asText());
        assertThat(job.retryStrategy().attempts()).isEqualTo(3);
        assertThat(job.timeout().attemptDurationSeconds()).isEqualTo(3600);
        assertThat(run.stdout()).contains("submit.job").contains(Hashing.tokenFingerprint(token));
        assertThat(run.stdout()).doesNotContain(token);
    }
}
