package dev.gbo.model.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.errors.ErrorName;
import dev.gbo.model.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobVerifierTest {
    private static final List<String> GOOD_LOG = List.of("{\"arch\": \"aarch64\", \"job_id\": \"4c2b\", \"job_attempt\": \"2\"}");

    private final JobVerifier verifier = new JobVerifier(new FailureClassifier());

    private static JobFacts job(String fixture) {
        return JobFacts.fromEvent(Fixtures.event(fixture).get("detail"));
    }

    private static JobFacts withParameter(String fixture, String key, String value) {
        JsonNode event = Fixtures.event(fixture);
        ((ObjectNode) event.get("detail").get("parameters")).put(key, value);
        return JobFacts.fromEvent(event.get("detail"));
    }

    @Test
    void verify_succeededWithArchLine_verdictLikeContract() {
        Verdict v = verifier.verify(job("job-succeeded.json"), GOOD_LOG);

        assertThat(v.succeeded()).isTrue();
        assertThat(v.status()).isEqualTo("SUCCEEDED");
        assertThat(v.exitCode()).isZero();
        assertThat(v.attempts()).isEqualTo(2);
        assertThat(v.attemptClasses()).containsExactly("RETRYABLE_HOST_LOSS", "SUCCEEDED");
        assertThat(v.architecture()).isEqualTo("aarch64");
        assertThat(v.family()).isEqualTo("m8g");
        assertThat(v.verified()).containsExactly("exitCode", "architecture", "logContains");
        assertThat(v.logStream()).endsWith("0002");
        assertThat(v.toJson().has("error")).isFalse();
        assertThat(v.toJson().fieldNames()).toIterable().contains("jobId", "jobName", "jobArn", "jobQueue", "status",
                "exitCode", "attempts", "attemptClasses", "architecture", "logStream", "family", "verified");
    }

    @Test
    void verify_succeededButLogLacksExpectedText_verificationFailed() {
        Verdict v = verifier.verify(job("job-succeeded.json"), List.of("hello"));

        assertThat(v.error()).isEqualTo("VerificationFailed");
        assertThat(v.cause()).contains("logContains: [\"arch\": \"aarch64\"] not found in 1 log lines")
                .contains("4c2b9f0e-6f4e-4c55-9a61-2b1f0e1d7c11");
        assertThat(v.verified()).containsExactly("exitCode", "architecture");
    }

    @Test
    void verify_succeededButLogStreamUnreadable_verificationFailedNamingStream() {
        Verdict v = verifier.verify(job("job-succeeded.json"), null);

        assertThat(v.error()).isEqualTo("VerificationFailed");
        assertThat(v.cause()).contains("could not be read");
    }

    @Test
    void verify_succeededButJobReportsX86_verificationFailed() {
        Verdict v = verifier.verify(job("job-succeeded.json"), List.of("{\"arch\": \"x86_64\"}", "\"arch\": \"aarch64\""));

        assertThat(v.error()).isEqualTo("VerificationFailed");
        assertThat(v.cause()).contains("reported \"arch\": \"x86_64\"");
    }

    @Test
    void verify_succeededWithoutArchLineOnArmFamily_architectureProvenByFamily() {
        JobFacts job = withParameter("job-succeeded.json", JobFacts.VERIFY, "{\"exitCode\":0,\"architecture\":\"aarch64\"}");

        Verdict v = verifier.verify(job, List.of("done"));

        assertThat(v.succeeded()).isTrue();
        assertThat(v.verified()).containsExactly("exitCode", "architecture");
    }

    @Test
    void verify_spotLossWithBudgetLeft_batchJobRetryable() {
        Verdict v = verifier.verify(job("job-failed-spot.json"), List.of());

        assertThat(v.error()).isEqualTo("BatchJobRetryable");
        assertThat(v.attemptClasses()).containsExactly("RETRYABLE_HOST_LOSS", "RETRYABLE_HOST_LOSS", "RETRYABLE_HOST_LOSS");
        assertThat(v.cause()).contains("logical attempt 0 of 3").contains("Host EC2 (instance i-0c3d4e5f607182930) terminated.")
                .contains("gbo submits logical attempt 1 of 3");
        assertThat(v.errorName()).contains(ErrorName.BatchJobRetryable);
    }

    @ParameterizedTest(name = "gboAttempt {0} of {1} -> {2}")
    @CsvSource({"0, 3, BatchJobRetryable", "1, 3, BatchJobRetryable", "2, 3, BatchJobRetriesExhausted",
            "0, 1, BatchJobRetriesExhausted", "5, 3, BatchJobRetriesExhausted", "8, 10, BatchJobRetryable",
            "9, 10, BatchJobRetriesExhausted"})
    void verify_retryableFailure_budgetDecidesError(int attempt, int max, String error) {
        JsonNode event = Fixtures.event("job-failed-agent.json");
        ObjectNode params = (ObjectNode) event.get("detail").get("parameters");
        params.put(JobFacts.ATTEMPT, String.valueOf(attempt)).put(JobFacts.MAX_ATTEMPTS, String.valueOf(max));

        Verdict v = verifier.verify(JobFacts.fromEvent(event.get("detail")), List.of());

        assertThat(v.error()).isEqualTo(error);
        assertThat(v.failureClass()).isEqualTo("RETRYABLE_AGENT_ERROR");
    }

    @Test
    void verify_budgetSpent_exceptionIsRetriesExhausted() {
        JobFacts job = withParameter("job-failed-spot.json", JobFacts.ATTEMPT, "2");

        Verdict v = verifier.verify(job, List.of());

        assertThat(v.errorName()).contains(ErrorName.BatchJobRetriesExhausted);
        assertThat(v.cause()).contains("all 3 logical attempts");
    }

    @Test
    void verify_cancelledByTimeLimitAction_capacityUnavailableNamingFamily() {
        Verdict v = verifier.verify(job("job-failed-capacity.json"), null);

        assertThat(v.error()).isEqualTo("BatchCapacityUnavailable");
        assertThat(v.attempts()).isZero();
        assertThat(v.cause()).contains("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY").contains("excludes family m8g");
    }

    @Test
    void verify_execFormatErrorInLog_architectureMismatch() {
        Verdict v = verifier.verify(job("job-failed-exec-format.json"), List.of("exec /usr/local/bin/python: exec format error"));

        assertThat(v.error()).isEqualTo("ArchitectureMismatch");
        assertThat(v.cause()).contains("docker buildx build --platform linux/arm64");
    }

    @Test
    void verify_execFormatFixtureWithoutLogs_isOnlyAnApplicationFailure() {
        Verdict v = verifier.verify(job("job-failed-exec-format.json"), null);

        assertThat(v.error()).isEqualTo("ApplicationFailed");
        assertThat(v.errorName()).contains(ErrorName.ApplicationFailed);
    }

    @Test
    void verify_noMatchingManifest_architectureMismatch() {
        Verdict v = verifier.verify(job("job-failed-no-matching-manifest.json"), null);

        assertThat(v.error()).isEqualTo("ArchitectureMismatch");
        assertThat(v.failureClass()).isEqualTo("ARCHITECTURE_NO_ARM64_MANIFEST");
    }

    @Test
    void verify_outOfMemory_outOfMemoryWithFix() {
        Verdict v = verifier.verify(job("job-failed-oom.json"), List.of());

        assertThat(v.error()).isEqualTo("OutOfMemory");
        assertThat(v.exitCode()).isEqualTo(137);
        assertThat(v.cause()).contains("raise memoryMiB");
    }

    @Test
    void verify_nonZeroExit_applicationFailedWithExitCodeAndStream() {
        Verdict v = verifier.verify(job("job-failed-app-exit.json"), List.of("Traceback (most recent call last):"));

        assertThat(v.error()).isEqualTo("ApplicationFailed");
        assertThat(v.cause()).contains("exit code 3").contains("log stream gbo-arm64-demo/default/");
    }

    @Test
    void verdict_hugeCause_truncatedTo32768() {
        Verdict v = new Verdict("j", "n", null, null, "FAILED", 1, 1, List.of(), null, null, null, List.of(), null, 0,
                "APPLICATION_FAILED", "ApplicationFailed", "x".repeat(40_000));

        assertThat(v.cause()).hasSize(Verdict.MAX_CAUSE);
    }

    @Test
    void fromEvent_runningAndRunnable_notTerminalAndGboJob() {
        assertThat(job("job-running.json").terminal()).isFalse();
        assertThat(job("job-runnable.json").terminal()).isFalse();
        assertThat(job("job-runnable.json").isGboJob()).isTrue();
    }

    @Test
    void fromEvent_unknownFieldsAndNoParameters_toleratedAndNotGbo() {
        JsonNode detail = Fixtures.event("job-succeeded.json").get("detail").deepCopy();
        ((ObjectNode) detail).remove("parameters");
        ((ObjectNode) detail).put("someFutureField", 42);

        JobFacts facts = JobFacts.fromEvent(detail);

        assertThat(facts.isGboJob()).isFalse();
        assertThat(facts.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void fromEvent_duplicateDelivery_sameVerdict() {
        assertThat(verifier.verify(job("job-duplicate.json"), GOOD_LOG)).isEqualTo(verifier.verify(job("job-succeeded.json"), GOOD_LOG));
    }
}
