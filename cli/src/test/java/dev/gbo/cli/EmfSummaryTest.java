package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines that claim to be EMF but are not well formed are reported, with their line and what is wrong, and not counted. */
class EmfSummaryTest {
    @TempDir
    Path reports;

    @Test
    void malformedEmf_isReportedWithItsLineAndReason() throws Exception {
        Path log = reports.resolve("functions.log");
        Files.write(log, List.of(
                "{\"time\":\"2026-01-01T00:00:00Z\",\"level\":\"INFO\",\"event\":\"submit.job\"}",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"gbo\",\"Dimensions\":[[\"Family\"],[]],"
                        + "\"Metrics\":[{\"Name\":\"JobsSubmitted\",\"Unit\":\"Count\"}]}]},\"Family\":\"m8g\",\"JobsSubmitted\":1}",
                "{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"gbo\",\"Dimensions\":[[\"Family\"]],"
                        + "\"Metrics\":[{\"Name\":\"JobsSubmitted\",\"Unit\":\"Count\"}]}]},\"JobsSubmitted\":1}",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Dimensions\":[[]],"
                        + "\"Metrics\":[{\"Name\":\"JobsVerified\",\"Unit\":\"Counts\"}]}]}}",
                "{\"_aws\": {\"Timestamp\": 1, truncated"));

        EmfSummary emf = EmfSummary.read(log);

        assertThat(emf.wellFormed()).isEqualTo(1);
        assertThat(emf.problems()).extracting(EmfSummary.Problem::line).containsExactly(3, 4, 5);
        assertThat(emf.problems().get(0).what()).contains("_aws.Timestamp").contains("dimension \"Family\" has no string member");
        assertThat(emf.problems().get(1).what()).contains("Namespace is missing").contains("'Counts'")
                .contains("metric JobsVerified has no numeric member");
        assertThat(emf.problems().get(2).what()).isEqualTo("not a JSON object");
        assertThat(emf.by("JobsSubmitted", "Family")).containsOnlyKeys("Family=m8g"); // malformed lines are not counted
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        emf.print("metrics:", new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1 well-formed, 3 malformed (line 3: _aws.Timestamp");
    }
}
