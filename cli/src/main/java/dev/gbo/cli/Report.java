package dev.gbo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTML report of a run, with an SVG timeline of the states and the job attempts. */
final class Report {
    private static final int LABEL_WIDTH = 230;
    private static final int PLOT_WIDTH = 760;
    private static final int ROW = 26;

    private Report() {
    }

    static void write(RunRecord run, Path html, Path svg) throws IOException {
        String picture = timeline(run);
        if (html.getParent() != null) {
            Files.createDirectories(html.getParent());
        }
        Files.writeString(html, html(run, picture));
        if (svg != null) {
            Files.writeString(svg, picture);
        }
    }

    static String html(RunRecord run, String picture) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>gbo run: ")
                .append(esc(run.status())).append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}")
                .append("th{background:#f3f3f3}.ok{color:#1a7f37}.bad{color:#c62828}code{background:#f6f6f6;padding:1px 4px}")
                .append("</style></head><body>");
        b.append("<h1>Graviton Batch Orchestrator run: <span class=\"").append(run.succeeded() ? "ok" : "bad").append("\">")
                .append(esc(run.status())).append("</span></h1>");
        b.append("<p>Scenario <code>").append(esc(run.scenario())).append("</code>, trigger <code>")
                .append(esc(run.trigger())).append("</code>, simulated time ").append(human(run.simulated()))
                .append(".</p>");
        RunRecord.Summary s = run.summary();
        b.append("<table>");
        row(b, "Execution", run.executionArn());
        row(b, "Family chosen", s.family() == null ? "-" : s.family() + " (" + s.familyReason() + ")");
        row(b, "Families skipped", s.skipped().isEmpty() ? "-" : String.join("; ", s.skipped()));
        row(b, "Job queue", s.queue());
        row(b, "Job", s.jobId());
        row(b, "Attempts", Integer.toString(s.attempts()));
        row(b, "Failure classes", s.failureClasses().isEmpty() ? "-" : String.join(", ", s.failureClasses()));
        row(b, "Result", s.result());
        if (run.error() != null) {
            row(b, "Error", run.error());
            row(b, "Cause", run.cause());
        }
        b.append("</table><h2>Timeline</h2>").append(picture);
        b.append("<h2>Job status changes</h2><table><tr><th>time</th><th>job</th><th>status</th><th>reason</th></tr>");
        for (RunRecord.JobStatusChange c : run.jobEvents()) {
            b.append("<tr><td>").append(offset(run, c.at())).append("</td><td>").append(esc(c.jobName()))
                    .append("</td><td>").append(esc(c.status())).append("</td><td>")
                    .append(esc(c.reason() == null ? "" : c.reason())).append("</td></tr>");
        }
        b.append("</table><h2>States</h2><table><tr><th>entered</th><th>state</th><th>type</th><th>outcome</th></tr>");
        for (RunRecord.StateSpan st : run.states()) {
            b.append("<tr><td>").append(offset(run, st.entered())).append("</td><td>").append(esc(st.name()))
                    .append("</td><td>").append(esc(st.type())).append("</td><td>").append(esc(st.outcome()))
                    .append("</td></tr>");
        }
        b.append("</table>");
        if (run.output() != null) {
            b.append("<h2>Output</h2><pre>").append(esc(run.output())).append("</pre>");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    /** An SVG Gantt chart: one lane per state name, one per job attempt; x is simulated time. */
    static String timeline(RunRecord run) {
        Instant t0 = run.started();
        long total = Math.max(1, run.simulated().toMillis());
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        for (RunRecord.StateSpan st : run.states()) {
            String color = switch (st.outcome()) {
                case "failed", "timed out" -> "#e57373";
                case "caught" -> "#ffb74d";
                default -> st.type().equals("Wait") ? "#b0bec5" : st.type().equals("Task") ? "#64b5f6" : "#90caf9";
            };
            lanes.computeIfAbsent("state " + st.name(), k -> new ArrayList<>())
                    .add(bar(t0, total, st.entered(), st.exited() == null ? run.finished() : st.exited(), color,
                            st.name() + " (" + st.type() + "): " + st.outcome()));
        }
        Map<String, List<RunRecord.JobStatusChange>> byJob = new LinkedHashMap<>();
        for (RunRecord.JobStatusChange c : run.jobEvents()) {
            byJob.computeIfAbsent(c.jobName(), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<RunRecord.JobStatusChange>> job : byJob.entrySet()) {
            List<RunRecord.JobStatusChange> changes = job.getValue();
            for (int i = 0; i < changes.size(); i++) {
                RunRecord.JobStatusChange c = changes.get(i);
                if (c.status().equals("SUCCEEDED") || c.status().equals("FAILED")) {
                    continue;
                }
                java.time.Instant end = i + 1 < changes.size() ? changes.get(i + 1).at() : run.finished();
                String color = switch (c.status()) {
                    case "RUNNABLE" -> "#cfd8dc";
                    case "STARTING" -> "#ffe082";
                    case "RUNNING" -> "#81d4fa";
                    default -> "#eceff1";
                };
                lanes.computeIfAbsent("job " + shortName(job.getKey()) + " status", k -> new ArrayList<>())
                        .add(bar(t0, total, c.at(), end, color, c.status()));
            }
        }
        for (RunRecord.JobAttempt a : run.attempts()) {
            if (a.started() == null) {
                continue;
            }
            String color = "SUCCEEDED".equals(a.status()) ? "#66bb6a" : "#ef5350";
            lanes.computeIfAbsent("job " + shortName(a.jobName()) + " #" + a.attempt(), k -> new ArrayList<>())
                    .add(bar(t0, total, a.started(), a.stopped() == null ? run.finished() : a.stopped(), color,
                            "attempt " + a.attempt() + ": " + a.status() + (a.reason() == null ? "" : " - " + a.reason())));
        }
        int height = 40 + lanes.size() * ROW + 30;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(LABEL_WIDTH + PLOT_WIDTH + 70)
                .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">").append(esc(run.status()))
                .append(" in ").append(human(run.simulated())).append(" of simulated time</text>");
        int y = 40;
        for (Map.Entry<String, List<String>> lane : lanes.entrySet()) {
            svg.append("<text x=\"10\" y=\"").append(y + 16).append("\">").append(esc(lane.getKey())).append("</text>");
            svg.append("<line x1=\"").append(LABEL_WIDTH).append("\" x2=\"").append(LABEL_WIDTH + PLOT_WIDTH)
                    .append("\" y1=\"").append(y + ROW - 2).append("\" y2=\"").append(y + ROW - 2)
                    .append("\" stroke=\"#eee\"/>");
            for (String bar : lane.getValue()) {
                svg.append(bar.replace("{Y}", Integer.toString(y + 4)));
            }
            y += ROW;
        }
        for (int i = 0; i <= 4; i++) {
            int x = LABEL_WIDTH + PLOT_WIDTH * i / 4;
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"36\" y2=\"").append(y)
                    .append("\" stroke=\"#ddd\" stroke-dasharray=\"3,3\"/>");
            svg.append("<text x=\"").append(x - 10).append("\" y=\"").append(y + 16).append("\" fill=\"#555\">")
                    .append(human(Duration.ofMillis(total * i / 4))).append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String bar(Instant t0, long total, Instant from, Instant to, String color, String title) {
        long a = Duration.between(t0, from).toMillis();
        long z = Math.max(a, Duration.between(t0, to == null ? from : to).toMillis());
        double x = LABEL_WIDTH + (double) PLOT_WIDTH * a / total;
        double w = Math.max(2.0, (double) PLOT_WIDTH * (z - a) / total);
        return String.format(java.util.Locale.ROOT,
                "<rect x=\"%.1f\" y=\"{Y}\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"><title>%s</title></rect>",
                x, w, ROW - 10, color, esc(title));
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v == null ? "-" : v)).append("</td></tr>");
    }

    private static String offset(RunRecord run, Instant at) {
        return at == null ? "-" : "+" + human(Duration.between(run.started(), at));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() % 1000 == 0 || s >= 10 ? s + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static String shortName(String jobName) {
        return jobName == null ? "?" : jobName.length() > 28 ? jobName.substring(0, 12) + "…" + jobName.substring(jobName.length() - 12) : jobName;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
