package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole orchestrator — template.yaml, the state machine, the real handlers — on the embedded
 * local cloud, once per bundled scenario, checking each outcome through what the run recorded.
 */
class ScenariosIT {
    private static final Path HOME = Path.of("").toAbsolutePath();

    @TempDir
    Path reports;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private RunRecord run(String scenario, String event) throws Exception {
        LocalRun.Options options = new LocalRun.Options(HOME, HOME.resolve("scenarios/" + scenario + ".json"),
                HOME.resolve("events/" + event + ".json"), reports, true);
        return new LocalRun(options, new PrintStream(buffer, true, StandardCharsets.UTF_8)).execute();
    }

    @Test
    void demo_m9gNotOfferedAndSpotLoss_fallsBackToM8gAndSucceedsOnSecondAttempt() throws Exception {
        RunRecord run = run("demo", "s3-object-created");

        assertThat(run.status()).as("cause: %s", run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.summary().family()).isEqualTo("m8g");
        assertThat(run.summary().skipped()).anySatisfy(s -> assertThat(s).startsWith("m9g"));
        assertThat(run.summary().attempts()).isEqualTo(2);
        assertThat(run.attempts()).extracting(RunRecord.JobAttempt::status).containsExactly("FAILED", "SUCCEEDED");
        assertThat(run.attempts().get(0).failureClass()).startsWith("RETRYABLE");
        assertThat(run.output()).contains("aarch64");
        assertThat(run.jobEvents()).extracting(RunRecord.JobStatusChange::status).contains("RUNNABLE", "RUNNING", "SUCCEEDED");
    }

    @Test
    void demo_viaCommandLine_exitsZeroAndWritesTheReport() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Gbo(new PrintStream(buffer, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), HOME)
                .run("demo", "--report", reports.toString());

        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
        assertThat(out).as("the summary on stdout").contains("| family          | m8g").contains("SUCCEEDED").contains("report: ")
                .doesNotContain("> Capacity");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the progress on stderr").contains("> Capacity").contains("-> RUNNING");
        assertThat(reports.resolve("report.html")).exists();
        assertThat(reports.resolve("timeline.svg")).content().contains("<svg").contains("job ");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("IAM is enforced by default, and the demo needs no refused call")
                .contains("gbo: IAM enforced: 0 refused call(s)");
        assertThat(reports.resolve("iam.txt")).as("the least-privilege report").content()
                .contains("SubmitFunctionRole").contains("batch:SubmitJob");
    }

    @Test
    void demo_noIam_runsWithIamOffAndSaysSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Gbo(new PrintStream(buffer, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), HOME)
                .run("demo", "--no-iam", "--quiet", "--report", reports.toString());

        assertThat(code).as("stderr:%n%s", err).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gbo: IAM off (--no-iam)");
    }

    @Test
    void happyM9g_everythingOffered_usesM9gFirstTime() throws Exception {
        RunRecord run = run("happy-m9g", "console-input");

        assertThat(run.status()).as("cause: %s", run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.summary().family()).isEqualTo("m9g");
        assertThat(run.summary().attempts()).isEqualTo(1);
    }

    @Test
    void archMismatch_amd64OnlyImage_failsFastWithoutRetry() throws Exception {
        RunRecord run = run("arch-mismatch", "console-input");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("ArchitectureMismatch");
        assertThat(run.cause()).contains("linux/arm64");
        assertThat(run.attempts()).hasSize(1);
    }

    @Test
    void archMismatch_execFormatError_summaryFailureClassAgreesWithTheVerdict() throws Exception {
        RunRecord run = run("arch-mismatch", "console-input");

        java.util.regex.Matcher verdict = java.util.regex.Pattern.compile(" as ([A-Z_]+):").matcher(run.cause());
        assertThat(verdict.find()).as("the verdict names a failure class: %s", run.cause()).isTrue();
        assertThat(verdict.group(1)).isEqualTo("ARCHITECTURE_EXEC_FORMAT");
        assertThat(run.summary().failureClasses()).containsExactly(verdict.group(1));
        assertThat(run.attempts()).extracting(RunRecord.JobAttempt::failureClass).containsExactly(verdict.group(1));
    }

    @Test
    void capacityTimeLimit_m9gStuckRunnable_cancelledThenFallsBackToM8g() throws Exception {
        RunRecord run = run("capacity-timelimit", "console-input");

        assertThat(run.status()).as("cause: %s", run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.summary().family()).isEqualTo("m8g");
        assertThat(run.summary().failureClasses()).anySatisfy(c -> assertThat(c).startsWith("CAPACITY"));
    }

    @Test
    void duplicateEvents_duplicatedAndReorderedDelivery_resumesOnceAndSucceeds() throws Exception {
        RunRecord run = run("duplicate-events", "submit-batch-job");

        assertThat(run.status()).as("cause: %s", run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.attempts().stream().map(RunRecord.JobAttempt::jobId).distinct()).hasSize(1);
    }

    @Test
    void ceInvalid_computeEnvironmentInvalid_failsWithBatchStatusReason() throws Exception {
        RunRecord run = run("ce-invalid", "console-input");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("ComputeEnvironmentInvalid");
        assertThat(run.cause()).contains("CLIENT_ERROR");
        assertThat(run.attempts()).isEmpty();
    }

    @Test
    void batchRefusesM9g_offeredButRefusedByBatch_fallsBackToM8g() throws Exception {
        RunRecord run = run("batch-refuses-m9g", "scheduled-event");

        assertThat(run.status()).as("cause: %s", run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.summary().family()).isEqualTo("m8g");
        assertThat(run.summary().skipped()).anySatisfy(s -> assertThat(s).startsWith("m9g").containsIgnoringCase("refused"));
    }

    @Test
    void arrayJob_fanOutOfThree_parentVerdictCoversEveryChild() throws Exception {
        RunRecord run = run("happy-m9g", "console-input-array");

        assertThat(run.status()).as("cause: %s", run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.summary().jobId()).contains("array of 3").doesNotContain(":");
        assertThat(run.attempts()).extracting(RunRecord.JobAttempt::jobId)
                .allSatisfy(id -> assertThat(id).matches(".+:[0-2]")).hasSize(3);
        assertThat(run.output()).contains("arrayChildren");
    }

    private RunRecord runInline(String scenarioJson, String event) throws Exception {
        return runInline(scenarioJson, HOME.resolve("events/" + event + ".json"));
    }

    private RunRecord runInline(String scenarioJson, Path event) throws Exception {
        Path scenario = Files.writeString(reports.resolve("scenario.json"), scenarioJson);
        LocalRun.Options options = new LocalRun.Options(HOME, scenario, event, reports, true);
        return new LocalRun(options, new PrintStream(buffer, true, StandardCharsets.UTF_8)).execute();
    }

    @Test
    void agentErrorEveryAttempt_retryBudgetOfTwo_retriedWithBackoffThenRetriesExhausted() throws Exception {
        String request = Files.readString(HOME.resolve("events/console-input.json")).replaceFirst("\\{", "{\"retry\": {\"attempts\": 2},");
        Path event = Files.writeString(reports.resolve("console-input-retry2.json"), request);
        RunRecord run = runInline("{\"jobs\": [{\"jobName\": \"*\", \"attempts\": [{\"type\": \"agentError\"}]}]}", event);

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("BatchJobRetriesExhausted");
        assertThat(run.cause()).contains("CannotInspectContainerError");
        assertThat(run.attempts().stream().map(RunRecord.JobAttempt::jobName).distinct())
                .as("one job per logical attempt").hasSize(2)
                .allSatisfy(name -> assertThat(name).matches(".*-a[01]"));
        assertThat(run.states()).filteredOn(st -> st.name().equals("SubmitAndWait")).hasSize(2);
    }

    @Test
    void outOfMemory_containerKilled_failsWithOutOfMemory() throws Exception {
        RunRecord run = runInline("{\"jobs\": [{\"jobName\": \"*\", \"attempts\": [{\"type\": \"outOfMemory\"}]}]}", "console-input");

        assertThat(run.error()).isEqualTo("OutOfMemory");
        assertThat(run.cause()).contains("137");
        assertThat(ExitCodes.forError(run.error())).isEqualTo(21);
    }

    @Test
    void applicationExit3_failsWithApplicationFailedNamingTheExitCode() throws Exception {
        RunRecord run = runInline("{\"jobs\": [{\"jobName\": \"*\", \"attempts\": [{\"type\": \"exit\", \"exitCode\": 3}]}]}",
                "console-input");

        assertThat(run.error()).isEqualTo("ApplicationFailed");
        assertThat(run.cause()).contains("3");
        assertThat(run.attempts()).hasSize(1);
    }

    @Test
    void exitZeroWithoutArchInLog_failsVerification() throws Exception {
        RunRecord run = runInline("{\"jobs\": [{\"jobName\": \"*\", \"attempts\": [{\"type\": \"succeed\", \"logLines\": [\"hello\"]}]}]}",
                "console-input");

        assertThat(run.error()).isEqualTo("VerificationFailed");
        assertThat(run.cause()).contains("aarch64");
    }

    @Test
    void invalidRequest_badFields_failsWithoutSubmitting() throws Exception {
        RunRecord run = run("demo", "invalid-request");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("InvalidRequest");
        assertThat(run.attempts()).isEmpty();
    }

    @Test
    void invalidRequest_nullFieldsInConsoleInput_failsNamingEachPathWithoutSubmitting() throws Exception {
        RunRecord run = run("demo", "invalid-null-fields");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("InvalidRequest");
        assertThat(run.cause()).contains("vcpus: null is not allowed; omit the field to use the default 1")
                .contains("retry.attempts: null is not allowed").contains("verify.logContains[0]: null is not allowed");
        assertThat(run.attempts()).isEmpty();
    }

    @Test
    void invalidRequest_nullFieldsInSubmitBatchJobEvent_failsAtDetailPathsWithoutSubmitting() throws Exception {
        RunRecord run = run("demo", "submit-batch-job-null-fields");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("InvalidRequest");
        assertThat(run.cause()).contains("detail.vcpus: null is not allowed").contains("detail.verify: null is not allowed");
        assertThat(run.attempts()).isEmpty();
    }

    @Test
    void run_missingScenarioFile_oneLineErrorAndExitTwo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Gbo(new PrintStream(buffer), new PrintStream(err, true, StandardCharsets.UTF_8), HOME)
                .run("run", "--scenario", "nope.json", "--event", "events/console-input.json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("gbo: run: --scenario nope.json: no such file");
    }

    @Test
    void run_malformedEventJson_oneLineErrorAndExitTwo() throws Exception {
        Path bad = Files.writeString(reports.resolve("bad.json"), "{\"source\": ");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Gbo(new PrintStream(buffer), new PrintStream(err, true, StandardCharsets.UTF_8), HOME)
                .run("run", "--scenario", "scenarios/demo.json", "--event", bad.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1).first().asString().contains("malformed JSON");
    }
}
