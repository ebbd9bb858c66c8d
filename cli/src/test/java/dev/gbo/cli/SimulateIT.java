package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gbo simulate} end to end on the local cloud: a run replays to the same outcome digest, and a
 * short campaign with every fault kind ends with no violation (CI's campaign; the long one is
 * {@code bench/run simulate}).
 */
class SimulateIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final String CI_FAULTS = "all";

    @TempDir
    Path reports;

    @Test
    void sameRunSeed_twice_givesTheSameOutcomes() {
        Set<String> kinds = SimPlan.parseKinds("all");
        long runSeed = SimPlan.runSeed(1, 2);
        SimPlan.LambdaCrash crash = SimPlan.LambdaCrash.probe();
        assertThat(crash).as("the scenario loader accepts lambdaFaults").isNotNull();
        SimPlan plan = SimPlan.generate(runSeed, 4, kinds, crash);

        SimRun.Result first = SimRun.run(HOME, plan);
        SimRun.Result second = SimRun.run(HOME, SimPlan.generate(runSeed, 4, kinds, crash));

        assertThat(first.observation().executions()).hasSize(4);
        assertThat(first.observation().settled()).isTrue();
        assertThat(second.observation().digest()).as("digest of run %d", runSeed).isEqualTo(first.observation().digest());
        assertThat(second.observation()).isEqualTo(first.observation());
    }

    @Test
    void shortCampaign_everyFaultKind_noViolation() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Gbo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), HOME)
                .run("simulate", "--runs", "12", "--seed", "11", "--concurrency", "4", "--faults", CI_FAULTS, "--report", reports.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("stdout:%n%s%nstderr:%n%s", text, err).isEqualTo(ExitCodes.OK);
        assertThat(text).contains("| runs ", "12 (seed 11)", "| executions ", "48", "| violations", "| wall time")
                .doesNotContain("VIOLATION").doesNotContain("unavailable");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("12/12 runs");
    }

    @Test
    void badOptions_areUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Gbo gbo = new Gbo(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), HOME);

        assertThat(gbo.run("simulate", "--faults", "spot,sparks")).isEqualTo(ExitCodes.USAGE);
        assertThat(gbo.run("simulate", "--seed", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown fault kind 'sparks'").contains("invalid value for option '--seed': 'x' is not a long");
    }
}
