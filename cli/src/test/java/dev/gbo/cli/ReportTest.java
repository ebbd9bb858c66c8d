package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A run with every kind of bar: states ok, caught and failed; each job status; a failed and a succeeded attempt. */
    private static RunRecord run() {
        List<RunRecord.StateSpan> states = List.of(
                new RunRecord.StateSpan("Capacity", "Task", at(0), at(10), "ok"),
                new RunRecord.StateSpan("WaitForQueue", "Wait", at(10), at(25), "ok"),
                new RunRecord.StateSpan("IsQueueReady", "Choice", at(25), at(26), "ok"),
                new RunRecord.StateSpan("SubmitAndWait", "Task", at(26), at(300), "caught"),
                new RunRecord.StateSpan("Failed", "Fail", at(300), at(300), "failed"));
        List<RunRecord.JobStatusChange> changes = List.of(
                new RunRecord.JobStatusChange(at(30), "j1", "gbo-job-a0", "PENDING", null),
                new RunRecord.JobStatusChange(at(32), "j1", "gbo-job-a0", "RUNNABLE", null),
                new RunRecord.JobStatusChange(at(80), "j1", "gbo-job-a0", "STARTING", null),
                new RunRecord.JobStatusChange(at(95), "j1", "gbo-job-a0", "RUNNING", null),
                new RunRecord.JobStatusChange(at(290), "j1", "gbo-job-a0", "FAILED", "Essential container in task exited"));
        List<RunRecord.JobAttempt> attempts = List.of(
                new RunRecord.JobAttempt("j1", "gbo-job-a0", 1, at(95), at(180), "FAILED", "Host EC2 terminated", null,
                        "RETRYABLE_HOST_LOSS"),
                new RunRecord.JobAttempt("j1", "gbo-job-a0", 2, at(200), at(290), "SUCCEEDED", null, 0, "SUCCEEDED"));
        RunRecord.Summary summary = new RunRecord.Summary("m8g", "why", List.of(), "gbo-m8g", "j1", 2,
                List.of("RETRYABLE_HOST_LOSS"), "ApplicationFailed");
        return new RunRecord("test", "event.json", T0, at(300), "arn:exec", "FAILED", "ApplicationFailed", "cause", null,
                states, attempts, changes, summary);
    }

    @Test
    void timeline_everyBarColour_hasALegendEntryWithItsLabel() {
        String svg = Report.timeline(run());

        Set<String> barKinds = new LinkedHashSet<>();
        Matcher bars = Pattern.compile("data-kind=\"([A-Z_]+)\"").matcher(svg);
        while (bars.find()) {
            barKinds.add(bars.group(1));
        }
        assertThat(barKinds).hasSizeGreaterThanOrEqualTo(8);
        List<String> legend = new ArrayList<>();
        Matcher entries = Pattern.compile("<g class=\"legend\"><rect [^>]*fill=\"(#[0-9a-f]{6})\"[^>]*/>(?:<rect [^>]*url\\(#hatch\\)[^>]*/>)?"
                + "<text [^>]*>([^<]+)</text></g>").matcher(svg);
        while (entries.find()) {
            legend.add(entries.group(1) + " " + entries.group(2));
        }
        for (String kind : barKinds) {
            Report.Kind k = Report.Kind.valueOf(kind);
            assertThat(legend).as("legend of %s", kind).contains(k.colour + " " + k.label);
        }
        assertThat(legend).hasSameSizeAs(barKinds);
    }

    @Test
    void timeline_failures_notByColourAlone() {
        String svg = Report.timeline(run());

        assertThat(svg).contains("<pattern id=\"hatch\"");
        assertThat(svg).containsPattern("data-kind=\"ATTEMPT_FAILED\"><title>[^<]*</title></rect><rect [^>]*fill=\"url\\(#hatch\\)\"");
        assertThat(svg).containsPattern("data-kind=\"CAUGHT_STATE\"><title>[^<]*</title></rect><rect [^>]*fill=\"url\\(#hatch\\)\"");
        assertThat(svg).doesNotContainPattern("data-kind=\"ATTEMPT_SUCCEEDED\"><title>[^<]*</title></rect><rect [^>]*url\\(#hatch\\)");
        assertThat(svg).contains(">job gbo-job-a0 #1 failed<").contains(">job gbo-job-a0 #2 ok<");
        assertThat(svg).contains(">FAILED RETRYABLE_HOST_LOSS<").contains(">SUCCEEDED<").contains(">RUNNING<");
        assertThat(svg).contains(">Attempt FAILED<").contains(">Job RUNNABLE<");
    }

    @Test
    void html_embedsTheTimelineWithItsLegend() {
        RunRecord run = run();

        String html = Report.html(run, Report.timeline(run));

        assertThat(html).contains("<h2>Timeline</h2><svg").contains(">Legend<").contains("RETRYABLE_HOST_LOSS");
    }
}
