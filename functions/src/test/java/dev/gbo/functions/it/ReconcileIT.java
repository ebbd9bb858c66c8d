package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.ReconcileHandler;
import dev.gbo.functions.SubmitHandler;
import dev.gbo.functions.errors.BatchJobRetryable;
import dev.gbo.functions.errors.JobStillRunning;
import dev.gbo.functions.it.LocalCloudIT.Fixture;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * ReconcileHandler (after the callback wait timed out) with real Batch and CloudWatch Logs clients. The clock is
 * MANUAL (scenarios/happy-m9g.json) so a job can be caught while it still runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileIT {
    Fixture fx;
    BatchClient batch;

    @BeforeAll
    void start() {
        fx = Fixture.start(Fixture.SCENARIOS.resolve("happy-m9g.json"), SimClock.Mode.MANUAL);
        batch = fx.batch();
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    /** The branch state Reconcile receives: {request, capacity, queue, attempt, callback, callbackError}. */
    static ObjectNode timedOut(ObjectNode readyState, int attempt) {
        ObjectNode state = readyState.deepCopy();
        state.put("attempt", attempt);
        state.putObject("callback").put("heartbeatSeconds", 5400);
        state.putObject("callbackError").put("Error", "States.HeartbeatTimeout").put("Cause", "");
        return state;
    }

    private String submit(String prefix, ObjectNode state, String executionName) {
        return Fixture.invoke(new SubmitHandler(fx.env(prefix)),
                Fixture.submitPayload(state, 0, executionName, "token-of-" + executionName)).get("jobId").asText();
    }

    @Test
    void handleRequest_terminalJob_returnsSameVerdictAsJobStateChange() {
        ObjectNode state = fx.readyState("rec1", "reconcile-done");
        String jobId = submit("rec1", state, "reconcile-done");
        fx.settle(Duration.ofMinutes(10));
        assertThat(batch.describeJobs(b -> b.jobs(jobId)).jobs().get(0).statusAsString()).isEqualTo("SUCCEEDED");

        JsonNode verdict = Fixture.invoke(new ReconcileHandler(fx.env("rec1")), timedOut(state, 0));

        assertThat(verdict.get("jobId").asText()).isEqualTo(jobId);
        assertThat(verdict.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(verdict.get("failureClass").asText()).isEqualTo("SUCCEEDED");
        assertThat(verdict.get("architecture").asText()).isEqualTo("aarch64");
        assertThat(verdict.get("family").asText()).isEqualTo("m9g");
        assertThat(verdict.get("attempt").asInt()).isZero();
        assertThat(verdict.has("error")).isFalse();
    }

    @Test
    void handleRequest_jobStillRunning_throwsJobStillRunningNamingJob() {
        ObjectNode state = fx.readyState("rec2", "reconcile-running");
        String jobId = submit("rec2", state, "reconcile-running");
        fx.settle(Duration.ofSeconds(90));
        String status = batch.describeJobs(b -> b.jobs(jobId)).jobs().get(0).statusAsString();
        assertThat(status).isIn("RUNNABLE", "STARTING", "RUNNING");
        ReconcileHandler handler = new ReconcileHandler(fx.env("rec2"));

        assertThatThrownBy(() -> Fixture.invoke(handler, timedOut(state, 0)))
                .isInstanceOf(JobStillRunning.class)
                .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("dev.gbo.functions.errors.JobStillRunning"))
                .hasMessageContaining(jobId)
                .hasMessageContaining(status)
                .hasMessageContaining("terminate-job");
    }

    @Test
    void handleRequest_attemptNeverSubmitted_throwsBatchJobRetryable() {
        ObjectNode state = fx.readyState("rec3", "reconcile-missing");

        assertThatThrownBy(() -> Fixture.invoke(new ReconcileHandler(fx.env("rec3")), timedOut(state, 0)))
                .isInstanceOf(BatchJobRetryable.class)
                .hasMessageContaining("never submitted")
                .hasMessageContaining("logical attempt 1");
    }
}
