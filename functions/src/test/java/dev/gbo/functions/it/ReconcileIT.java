package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.CleanupHandler;
import dev.gbo.model.Fixtures;
import dev.gbo.functions.ReconcileHandler;
import dev.gbo.functions.SubmitHandler;
import dev.gbo.functions.errors.BatchJobRetryable;
import dev.gbo.functions.errors.JobStillRunning;
import dev.gbo.functions.errors.UnverifiedVerdict;
import dev.gbo.functions.it.LocalCloudIT.Fixture;
import dev.gbo.testkit.LocalCloudExtension;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * ReconcileHandler (after the callback wait timed out) with real Batch and CloudWatch Logs clients. The clock is
 * MANUAL (scenarios/happy-m9g.json) so a job can be caught while it still runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileIT {
    @RegisterExtension
    static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("happy-m9g").clock(SimClock.Mode.MANUAL);
    Fixture fx;
    BatchClient batch;

    @BeforeAll
    void start() {
        fx = new Fixture(CLOUD);
        batch = fx.batch();
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
                .hasMessageContaining("gbo terminates it");
    }

    @Test
    void handleRequest_attemptNeverSubmitted_throwsBatchJobRetryable() {
        ObjectNode state = fx.readyState("rec3", "reconcile-missing");

        assertThatThrownBy(() -> Fixture.invoke(new ReconcileHandler(fx.env("rec3")), timedOut(state, 0)))
                .isInstanceOf(BatchJobRetryable.class)
                .hasMessageContaining("never submitted")
                .hasMessageContaining("logical attempt 1");
    }

    /** VerifyJob's payload: {@code {action: verify, request, capacity, queue, attempt, notice, executionName}}. */
    static ObjectNode confirm(ObjectNode readyState, JsonNode notice, String executionName) {
        ObjectNode payload = readyState.deepCopy().put("action", "verify").put("attempt", 0);
        payload.set("notice", notice);
        payload.put("executionName", executionName);
        return payload;
    }

    @Test
    void handleRequest_verifyEmptyOutput_throwsUnverifiedVerdictAndTrustsNothing() {
        ObjectNode state = fx.readyState("cnf1", "confirm-empty");

        assertThatThrownBy(() -> Fixture.invoke(new ReconcileHandler(fx.env("cnf1")),
                confirm(state, com.fasterxml.jackson.databind.node.TextNode.valueOf(""), "confirm-empty")))
                .isInstanceOf(UnverifiedVerdict.class)
                .hasMessageContaining("not a gbo notice");
    }

    @Test
    void handleRequest_verifyForgedSuccessOfRunningJob_throwsUnverifiedVerdictNamingBatchStatus() {
        ObjectNode state = fx.readyState("cnf2", "confirm-forged");
        String jobId = submit("cnf2", state, "confirm-forged");
        fx.settle(Duration.ofSeconds(90));
        ObjectNode forged = dev.gbo.model.support.Json.object().put("jobId", jobId).put("status", "SUCCEEDED")
                .put("architecture", "aarch64");

        assertThatThrownBy(() -> Fixture.invoke(new ReconcileHandler(fx.env("cnf2")), confirm(state, forged, "confirm-forged")))
                .isInstanceOf(UnverifiedVerdict.class)
                .hasMessageContaining(jobId)
                .hasMessageContaining("AWS Batch says it is still");
    }

    @Test
    void handleRequest_verifyJobOfAnotherRequest_throwsUnverifiedVerdict() {
        ObjectNode other = fx.readyState("cnf3", "confirm-other");
        String jobId = submit("cnf3", other, "confirm-other");
        fx.settle(Duration.ofMinutes(10));
        ObjectNode mine = fx.readyState("cnf3", "confirm-mine");

        assertThatThrownBy(() -> Fixture.invoke(new ReconcileHandler(fx.env("cnf3")),
                confirm(mine, dev.gbo.model.support.Json.object().put("jobId", jobId), "confirm-mine")))
                .isInstanceOf(UnverifiedVerdict.class)
                .hasMessageContaining("belongs to request");
    }

    @Test
    void handleRequest_verifyRealSuccess_returnsVerdictRecomputedFromBatch() {
        ObjectNode state = fx.readyState("cnf4", "confirm-real");
        String jobId = submit("cnf4", state, "confirm-real");
        fx.settle(Duration.ofMinutes(10));
        ObjectNode claim = dev.gbo.model.support.Json.object().put("jobId", jobId).put("architecture", "forged-arch");

        JsonNode verdict = Fixture.invoke(new ReconcileHandler(fx.env("cnf4")), confirm(state, claim, "confirm-real"));

        assertThat(verdict.get("jobId").asText()).isEqualTo(jobId);
        assertThat(verdict.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(verdict.get("architecture").asText()).as("from the job's log, not the claim").isEqualTo("aarch64");
    }

    /** "Step Functions Execution Status Change" as AWS puts it on the default bus. */
    static ObjectNode executionEnded(String executionName, String status, JsonNode input) {
        ObjectNode event = dev.gbo.model.support.Json.object().put("version", "0").put("id", "e-" + executionName)
                .put("detail-type", "Step Functions Execution Status Change").put("source", "aws.states");
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", "arn:aws:states:us-east-1:123456789012:execution:gbo-orchestrator:" + executionName)
                .put("stateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:gbo-orchestrator")
                .put("name", executionName).put("status", status).put("input", dev.gbo.model.support.Json.toJson(input));
        detail.putObject("inputDetails").put("included", true);
        return event;
    }

    @Test
    void cleanup_executionAborted_terminatesItsRunningJobOnlyWithReasonNamingExecution() {
        ObjectNode state = fx.readyState("cln1", "cleanup-aborted");
        String mine = submit("cln1", state, "cleanup-aborted");
        ObjectNode sameRequestOtherExecution = state.deepCopy();
        String other = Fixture.invoke(new SubmitHandler(fx.env("cln1")),
                Fixture.submitPayload(sameRequestOtherExecution, 1, "cleanup-other", "token-other")).get("jobId").asText();
        fx.settle(Duration.ofSeconds(90));
        JsonNode input = Fixtures.event("console-input.json");

        JsonNode out = Fixture.invoke(new CleanupHandler(fx.env("cln1")), executionEnded("cleanup-aborted", "ABORTED", input));
        fx.settle(Duration.ofSeconds(30));

        assertThat(out.get("terminated")).extracting(n -> n.get("jobId").asText()).containsExactly(mine);
        var job = batch.describeJobs(b -> b.jobs(mine)).jobs().get(0);
        assertThat(job.statusAsString()).isEqualTo("FAILED");
        assertThat(job.statusReason()).contains("cleanup-aborted").contains("ABORTED");
        assertThat(batch.describeJobs(b -> b.jobs(other)).jobs().get(0).statusAsString()).isNotEqualTo("FAILED");
    }

    @Test
    void cleanup_duplicateOrSucceededEvents_changeNothing() {
        ObjectNode state = fx.readyState("cln2", "cleanup-dup");
        submit("cln2", state, "cleanup-dup");
        fx.settle(Duration.ofSeconds(90));
        JsonNode input = Fixtures.event("console-input.json");
        CleanupHandler cleanup = new CleanupHandler(fx.env("cln2"));

        assertThat(Fixture.invoke(cleanup, executionEnded("cleanup-dup", "SUCCEEDED", input)).has("ignored")).isTrue();
        assertThat(Fixture.invoke(cleanup, executionEnded("cleanup-dup", "TIMED_OUT", input)).get("terminated")).hasSize(1);
        fx.settle(Duration.ofSeconds(30));
        assertThat(Fixture.invoke(cleanup, executionEnded("cleanup-dup", "TIMED_OUT", input)).get("terminated")).isEmpty();
    }
}
