package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each invariant checker fed a hand-built good and bad outcome: the checkers can fail. */
class SimInvariantsTest {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    private static final String SM = "arn:aws:states:us-east-1:123456789012:execution:gbo-orchestrator:";
    private static final Set<String> CLASSES = SimInvariants.failureClasses(HOME.resolve("README.md"));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static SimObservation.Execution exec(String name, String status, String error, String cause, Long stop) {
        return new SimObservation.Execution(name, SM + name, status, error, cause, at(0), stop == null ? null : at(stop));
    }

    private static SimObservation.Publication pub(String type, String name) {
        return new SimObservation.Publication("gbo-bus", "Batch Orchestration " + type, SM + name);
    }

    private static SimObservation.Job job(String id, String name, String status, String execution, Long ended) {
        return new SimObservation.Job(id, name, status, execution, at(10), ended == null ? null : at(ended));
    }

    private static SimObservation observation(List<SimObservation.Execution> executions, List<SimObservation.Job> jobs,
                                              List<SimObservation.Publication> pubs) {
        return new SimObservation(executions.size(), T0, at(3600), true, executions, jobs, pubs);
    }

    /** A run where everything holds. */
    private static SimObservation good() {
        return observation(
                List.of(exec("a", "SUCCEEDED", null, null, 300L), exec("b", "FAILED", "OutOfMemory", "killed -- raise memoryMiB", 200L),
                        exec("c", "ABORTED", null, null, 100L)),
                List.of(job("1", "gbo-a-0123456789ab-m9g-a0", "SUCCEEDED", "a", 290L),
                        job("2", "gbo-b-0123456789ac-m9g-a0", "FAILED", "b", 190L),
                        job("3", "gbo-c-0123456789ad-m9g-a0", "FAILED", "c", 150L)),
                List.of(pub("Succeeded", "a"), pub("Failed", "b")));
    }

    private static List<SimInvariants.Violation> check(SimInvariants.Invariant invariant, SimObservation o) {
        return invariant.check(o);
    }

    @Test
    void readmeTable_isParsed_andHoldsTheDocumentedClassesOnly() {
        assertThat(CLASSES).contains("InvalidRequest", "NoArmCapacity", "ComputeEnvironmentInvalid", "BatchJobRetriesExhausted",
                "OutOfMemory", "ApplicationFailed", "VerificationFailed").doesNotContain("error", "ComputeEnvironmentStuck");
    }

    @Test
    void goodRun_hasNoViolation() {
        assertThat(SimInvariants.checkAll(SimInvariants.all(CLASSES), good())).isEmpty();
    }

    @Test
    void terminates_reportsARunningExecution_andAMissingOne_andAnUnsettledRun() {
        SimObservation o = new SimObservation(3, T0, at(3600), false,
                List.of(exec("a", "RUNNING", null, null, null), exec("b", "SUCCEEDED", null, null, 10L)), List.of(), List.of());

        assertThat(check(new SimInvariants.Terminates(), o)).extracting(SimInvariants.Violation::message)
                .anySatisfy(m -> assertThat(m).contains("execution a is still RUNNING"))
                .anySatisfy(m -> assertThat(m).contains("3 executions were started").contains("only 2 exist"))
                .anySatisfy(m -> assertThat(m).contains("did not settle"));
    }

    @Test
    void oneSubmit_reportsTwoJobsWithOneName() {
        SimObservation o = observation(List.of(exec("a", "SUCCEEDED", null, null, 300L)),
                List.of(job("1", "gbo-a-0123456789ab-m9g-a0", "SUCCEEDED", "a", 290L),
                        job("2", "gbo-a-0123456789ab-m9g-a0", "SUCCEEDED", "a", 295L)),
                List.of(pub("Succeeded", "a")));

        assertThat(check(new SimInvariants.OneSubmitPerAttempt(), o)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("2 Batch jobs named gbo-a-0123456789ab-m9g-a0"));
    }

    @Test
    void noOrphanJobs_reportsAJobStillRunning_andOneEndingPastTheGrace_butNotOneWithinIt() {
        SimObservation o = observation(List.of(exec("a", "ABORTED", null, null, 100L), exec("b", "FAILED", "OutOfMemory", "x", 100L)),
                List.of(job("1", "gbo-a-0123456789ab-m9g-a0", "RUNNING", "a", null),
                        job("2", "gbo-b-0123456789ac-m9g-a0", "FAILED", "b", 100L + 3600),
                        job("3", "gbo-b-0123456789ac-m9g-a1", "FAILED", "b", 100L + 119)),
                List.of(pub("Failed", "b")));

        List<SimInvariants.Violation> v = check(new SimInvariants.NoOrphanJobs(Duration.ofMinutes(2)), o);

        assertThat(v).hasSize(2);
        assertThat(v.get(0).message()).contains("gbo-a-0123456789ab-m9g-a0 is still RUNNING").contains("ended ABORTED");
        assertThat(v.get(1).message()).contains("gbo-b-0123456789ac-m9g-a0 ran on for 1 h");
    }

    @Test
    void documentedFailure_reportsAJavaClassName_anUndocumentedError_andAnEmptyCause() {
        SimObservation o = observation(List.of(
                        exec("a", "FAILED", "software.amazon.awssdk.services.batch.model.BatchException", "Too Many Requests", 10L),
                        exec("b", "FAILED", "ComputeEnvironmentStuck", "still CREATING", 10L),
                        exec("c", "FAILED", "OutOfMemory", " ", 10L),
                        exec("d", "TIMED_OUT", null, null, 10L)),
                List.of(), List.of(pub("Failed", "a"), pub("Failed", "b"), pub("Failed", "c")));

        List<SimInvariants.Violation> v = check(new SimInvariants.DocumentedFailure(CLASSES), o);

        assertThat(v).extracting(SimInvariants.Violation::message).containsExactly(
                "execution a failed with a Java class name as its error: software.amazon.awssdk.services.batch.model.BatchException",
                "execution b failed with 'ComputeEnvironmentStuck', not a failure class of README.md's table " + CLASSES,
                "execution c failed with OutOfMemory and an empty cause");
    }

    @Test
    void publishedOnce_reportsMissingDuplicateAndWrongOutcomes() {
        SimObservation o = observation(List.of(exec("a", "SUCCEEDED", null, null, 10L), exec("b", "FAILED", "OutOfMemory", "x", 10L),
                        exec("c", "SUCCEEDED", null, null, 10L), exec("d", "ABORTED", null, null, 10L)),
                List.of(), List.of(pub("Failed", "b"), pub("Failed", "b"), pub("Failed", "c"),
                        pub("Succeeded", "d"), pub("Failed", "d")));

        List<SimInvariants.Violation> v = check(new SimInvariants.PublishedOnce(), o);

        assertThat(v).extracting(SimInvariants.Violation::message).satisfiesExactly(
                m -> assertThat(m).startsWith("execution a SUCCEEDED but published 0 'Succeeded'"),
                m -> assertThat(m).startsWith("execution b FAILED (OutOfMemory) but published 2 'Failed'"),
                m -> assertThat(m).startsWith("execution c SUCCEEDED but published 0 'Succeeded' and 1 'Failed'"),
                m -> assertThat(m).isEqualTo("execution d ABORTED published 2 outcomes"));
    }

    @Test
    void plan_isAFunctionOfTheRunSeedAndOptions() {
        Set<String> all = SimPlan.parseKinds("all");
        SimPlan a = SimPlan.generate(SimPlan.runSeed(1, 3), 8, all, null);
        SimPlan b = SimPlan.generate(SimPlan.runSeed(1, 3), 8, all, null);
        SimPlan c = SimPlan.generate(SimPlan.runSeed(1, 4), 8, all, null);

        assertThat(a.scenarioJson()).isEqualTo(b.scenarioJson());
        assertThat(a.starts()).isEqualTo(b.starts()).hasSize(8);
        assertThat(c.scenarioJson()).isNotEqualTo(a.scenarioJson());
        assertThat(SimPlan.generate(SimPlan.runSeed(1, 3), 8, SimPlan.parseKinds("none"), null).scenarioJson())
                .doesNotContain("apiFaults", "eventFaults", "jobs", "capacity");
        assertThatThrownBy(() -> SimPlan.parseKinds("spot,sparks")).isInstanceOf(UsageException.class).hasMessageContaining("sparks");
    }
}
