package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions' EMF lines from a real run of the demo scenario (m9g not offered: fallback to m8g; the first
 * attempt lost to Spot), parsed and summarised as {@code gbo run} prints them.
 */
class EmfSummaryIT {
    private static final Path HOME = Path.of("").toAbsolutePath();

    @TempDir
    Path reports;

    @Test
    void demoRun_emfLinesAreWellFormedAndShowFamilyFallbackAndRunnableWait() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        PrintStream stdout = new PrintStream(console, true, StandardCharsets.UTF_8);
        int code;
        System.setOut(stdout); // as on a terminal: Gbo sends the functions' stdout to reports/functions.log
        try {
            code = new Gbo(stdout, System.err, HOME).run("run", "--scenario", "scenarios/demo.json",
                    "--event", "events/s3-object-created.json", "--report", reports.toString(), "--quiet");
        } finally {
            System.setOut(previous);
        }
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();

        EmfSummary emf = EmfSummary.read(reports.resolve("functions.log"));
        assertThat(emf.problems()).isEmpty();
        assertThat(emf.wellFormed()).isGreaterThanOrEqualTo(5);
        assertThat(emf.by("CapacityDecisions", "Family")).containsOnlyKeys("Family=m8g");
        assertThat(emf.by("Fallbacks", "Family", "Reason")).containsOnlyKeys("Family=m9g,Reason=not-offered");
        assertThat(emf.by("JobsSubmitted", "Family")).containsOnlyKeys("Family=m8g");
        assertThat(emf.by("JobsVerified", "Family").get("Family=m8g")).containsExactly(1.0);
        assertThat(emf.by("AttemptsLost", "Family").get("Family=m8g")).containsExactly(1.0);
        assertThat(emf.by("Attempts", "Family").get("Family=m8g")).containsExactly(2.0);
        List<Double> waits = emf.by("RunnableWait", "Queue").values().iterator().next();
        assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w).isPositive());
        assertThat(emf.by("RunnableWait")).hasSize(1); // the total, for the dashboard's p90

        assertThat(out).contains("metrics (from the functions' EMF lines")
                .containsPattern("family chosen +\\| m8g 1")
                .containsPattern("fallbacks +\\| m9g: not-offered 1")
                .containsPattern("RUNNABLE wait +\\| gbo-m8g-\\S+: 2 waits, p50 \\d+")
                .contains("well-formed");
    }
}
