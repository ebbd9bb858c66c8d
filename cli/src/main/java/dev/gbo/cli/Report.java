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
    private static final int LABEL_WIDTH = 250;
    private static final int PLOT_WIDTH = 760;
    private static final int ROW = 26;
    private static final int WIDTH = LABEL_WIDTH + PLOT_WIDTH + 70;

    /**
     * What a bar of the timeline means: its colour, its legend label and, for the failures, a hatch pattern, so
     * colour is never the only carrier of meaning (the lanes' labels and the bars' own words say it too).
     */
    enum Kind {
        TASK_STATE("Task state", "#64b5f6", false),
        WAIT_STATE("Wait state", "#b0bec5", false),
        OTHER_STATE("Choice, Pass and other states", "#90caf9", false),
        CAUGHT_STATE("State that caught an error", "#ffb74d", true),
        FAILED_STATE("State that failed or timed out", "#e57373", true),
        JOB_WAITING("Job SUBMITTED/PENDING", "#eceff1", false),
        JOB_RUNNABLE("Job RUNNABLE", "#cfd8dc", false),
        JOB_STARTING("Job STARTING", "#ffe082", false),
        JOB_RUNNING("Job RUNNING", "#81d4fa", false),
        ATTEMPT_SUCCEEDED("Attempt SUCCEEDED", "#66bb6a", false),
        ATTEMPT_FAILED("Attempt FAILED", "#ef5350", true);

        final String label;
        final String colour;
        final boolean hatched;

        Kind(String label, String colour, boolean hatched) {
            this.label = label;
            this.colour = colour;
            this.hatched = hatched;
        }
    }

    private record Bar(Kind kind, String svg) {
    }

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
        Map<String, List<Bar>> lanes = new LinkedHashMap<>();
        for (RunRecord.StateSpan st : run.states()) {
            Kind kind = switch (st.outcome()) {
                case "failed", "timed out" -> Kind.FAILED_STATE;
                case "caught" -> Kind.CAUGHT_STATE;
                default -> st.type().equals("Wait") ? Kind.WAIT_STATE : st.type().equals("Task") ? Kind.TASK_STATE : Kind.OTHER_STATE;
            };
            lanes.computeIfAbsent("state " + st.name(), k -> new ArrayList<>())
                    .add(bar(t0, total, st.entered(), st.exited() == null ? run.finished() : st.exited(), kind,
                            "ok".equals(st.outcome()) ? "" : st.outcome(), st.name() + " (" + st.type() + "): " + st.outcome()));
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
                Kind kind = switch (c.status()) {
                    case "RUNNABLE" -> Kind.JOB_RUNNABLE;
                    case "STARTING" -> Kind.JOB_STARTING;
                    case "RUNNING" -> Kind.JOB_RUNNING;
                    default -> Kind.JOB_WAITING;
                };
                lanes.computeIfAbsent("job " + shortName(job.getKey()) + " status", k -> new ArrayList<>())
                        .add(bar(t0, total, c.at(), end, kind, c.status(), c.status()));
            }
        }
        for (RunRecord.JobAttempt a : run.attempts()) {
            if (a.started() == null) {
                continue;
            }
            boolean ok = "SUCCEEDED".equals(a.status());
            String word = ok ? "SUCCEEDED" : "FAILED" + (a.failureClass() == null ? "" : " " + a.failureClass());
            lanes.computeIfAbsent("job " + shortName(a.jobName()) + " #" + a.attempt() + (ok ? " ok" : " failed"), k -> new ArrayList<>())
                    .add(bar(t0, total, a.started(), a.stopped() == null ? run.finished() : a.stopped(),
                            ok ? Kind.ATTEMPT_SUCCEEDED : Kind.ATTEMPT_FAILED, word,
                            "attempt " + a.attempt() + ": " + a.status() + (a.reason() == null ? "" : " - " + a.reason())));
        }
        java.util.Set<Kind> used = java.util.EnumSet.noneOf(Kind.class);
        lanes.values().forEach(bars -> bars.forEach(b -> used.add(b.kind())));
        List<String> legend = legend(used);
        int plotBottom = 40 + lanes.size() * ROW;
        int height = plotBottom + 30 + legend.size() * 22 + 10;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" ")
                .append("patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\" fill=\"#000\" fill-opacity=\"0.35\"/>")
                .append("</pattern></defs>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">").append(esc(run.status()))
                .append(" in ").append(human(run.simulated())).append(" of simulated time</text>");
        int y = 40;
        for (Map.Entry<String, List<Bar>> lane : lanes.entrySet()) {
            svg.append("<text x=\"10\" y=\"").append(y + 16).append("\">").append(esc(lane.getKey())).append("</text>");
            svg.append("<line x1=\"").append(LABEL_WIDTH).append("\" x2=\"").append(LABEL_WIDTH + PLOT_WIDTH)
                    .append("\" y1=\"").append(y + ROW - 2).append("\" y2=\"").append(y + ROW - 2)
                    .append("\" stroke=\"#eee\"/>");
            for (Bar bar : lane.getValue()) {
                svg.append(bar.svg().replace("{Y}", Integer.toString(y + 4)).replace("{TY}", Integer.toString(y + 16)));
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
        int ly = plotBottom + 30;
        for (String row : legend) {
            svg.append(row.replace("{Y}", Integer.toString(ly)).replace("{TY}", Integer.toString(ly + 12)));
            ly += 22;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** The legend: a swatch (hatched for failures) and the label of each kind of bar the timeline shows, in rows. */
    private static List<String> legend(java.util.Set<Kind> used) {
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder("<text x=\"10\" y=\"{TY}\" font-weight=\"bold\">Legend</text>");
        int x = 70;
        for (Kind k : used) {
            int w = 14 + 6 + (int) Math.ceil(k.label.length() * 6.6) + 18;
            if (x + w > WIDTH - 10) {
                rows.add(row.toString());
                row = new StringBuilder();
                x = 70;
            }
            row.append("<g class=\"legend\"><rect x=\"").append(x).append("\" y=\"{Y}\" width=\"14\" height=\"14\" rx=\"2\" fill=\"")
                    .append(k.colour).append("\" stroke=\"#555\" stroke-width=\"0.5\"/>");
            if (k.hatched) {
                row.append("<rect x=\"").append(x).append("\" y=\"{Y}\" width=\"14\" height=\"14\" fill=\"url(#hatch)\"/>");
            }
            row.append("<text x=\"").append(x + 20).append("\" y=\"{TY}\">").append(esc(k.label)).append("</text></g>");
            x += w;
        }
        rows.add(row.toString());
        return rows;
    }

    /** One bar: the kind's colour, its hatch for a failure, and {@code word} written inside when the bar is wide enough. */
    private static Bar bar(Instant t0, long total, Instant from, Instant to, Kind kind, String word, String title) {
        long a = Duration.between(t0, from).toMillis();
        long z = Math.max(a, Duration.between(t0, to == null ? from : to).toMillis());
        double x = LABEL_WIDTH + (double) PLOT_WIDTH * a / total;
        double w = Math.max(2.0, (double) PLOT_WIDTH * (z - a) / total);
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                "<rect x=\"%.1f\" y=\"{Y}\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\" data-kind=\"%s\"><title>%s</title></rect>",
                x, w, ROW - 10, kind.colour, kind.name(), esc(title)));
        if (kind.hatched) {
            b.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"{Y}\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"url(#hatch)\"/>", x, w, ROW - 10));
        }
        if (!word.isEmpty() && w < word.length() * 6.6 + 6 && word.contains(" ")) {
            word = word.substring(0, word.indexOf(' ')); // FAILED without its class when the class does not fit
        }
        if (!word.isEmpty() && w >= word.length() * 6.6 + 6) {
            b.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"{TY}\" font-size=\"10\" fill=\"#000\">%s</text>",
                    x + 3, esc(word)));
        }
        return new Bar(kind, b.toString());
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
