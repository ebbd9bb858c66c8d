package dev.gbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions' CloudWatch Embedded Metric Format lines (what CloudWatch would extract from their log
 * streams), read back from the log the local run wrote: each line is validated as EMF ({@code _aws.Timestamp},
 * {@code _aws.CloudWatchMetrics[]} with {@code Namespace}, {@code Dimensions} and {@code Metrics}, every
 * dimension and metric value present as a member of the line) and aggregated per metric and dimension set, so
 * {@code gbo run} and {@code gbo simulate} show what the dashboard of template.yaml will show (docs/metrics.md).
 */
final class EmfSummary {
    /** A line that claims to be EMF but is not well formed: its number in the log and what is wrong. */
    record Problem(int line, String what) {
    }

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    /** metric name -> dimension set ("Family=m8g,Reason=refused"; "" for the total) -> values, per namespace. */
    private final Map<String, Map<String, List<Double>>> series = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int wellFormed;

    private EmfSummary() {
    }

    static EmfSummary read(Path log) {
        try {
            return Files.exists(log) ? parse(Files.readAllLines(log, StandardCharsets.UTF_8)) : parse(List.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static EmfSummary parse(List<String> lines) {
        EmfSummary s = new EmfSummary();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("{") || !line.contains("\"_aws\"")) {
                continue; // the functions' other log lines
            }
            JsonNode root = Json.parseOrNull(line);
            if (root == null || !root.isObject()) {
                s.problems.add(new Problem(i + 1, "not a JSON object"));
                continue;
            }
            List<String> found = new ArrayList<>();
            Map<String, Map<String, List<Double>>> parsed = new TreeMap<>();
            validate(root, found, parsed);
            if (found.isEmpty()) {
                s.wellFormed++;
                parsed.forEach((metric, bySet) -> bySet.forEach((set, values) ->
                        s.series.computeIfAbsent(metric, k -> new TreeMap<>()).computeIfAbsent(set, k -> new ArrayList<>())
                                .addAll(values)));
            } else {
                s.problems.add(new Problem(i + 1, String.join("; ", found)));
            }
        }
        return s;
    }

    private static void validate(JsonNode root, List<String> problems, Map<String, Map<String, List<Double>>> out) {
        JsonNode aws = root.get("_aws");
        if (aws == null || !aws.isObject()) {
            problems.add("_aws is not an object");
            return;
        }
        JsonNode ts = aws.get("Timestamp");
        if (ts == null || !ts.isIntegralNumber() || ts.asLong() < 0) {
            problems.add("_aws.Timestamp is not epoch milliseconds");
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray() || directives.isEmpty()) {
            problems.add("_aws.CloudWatchMetrics is not a non-empty array");
            return;
        }
        for (int d = 0; d < directives.size(); d++) {
            JsonNode directive = directives.get(d);
            String at = "_aws.CloudWatchMetrics[" + d + "]";
            JsonNode ns = directive.get("Namespace");
            if (ns == null || !ns.isTextual() || ns.asText().isBlank()) {
                problems.add(at + ".Namespace is missing");
            }
            List<String> sets = new ArrayList<>();
            JsonNode dims = directive.get("Dimensions");
            if (dims == null || !dims.isArray()) {
                problems.add(at + ".Dimensions is not an array");
            } else {
                for (JsonNode set : dims) {
                    if (!set.isArray() || set.size() > 30) {
                        problems.add(at + ".Dimensions holds a set that is not an array of at most 30 names");
                        continue;
                    }
                    List<String> parts = new ArrayList<>();
                    for (JsonNode key : set) {
                        JsonNode value = key.isTextual() ? root.get(key.asText()) : null;
                        if (value == null || !value.isTextual()) {
                            problems.add("dimension " + key + " has no string member");
                        } else {
                            parts.add(key.asText() + "=" + value.asText());
                        }
                    }
                    sets.add(String.join(",", parts));
                }
            }
            JsonNode metrics = directive.get("Metrics");
            if (metrics == null || !metrics.isArray() || metrics.isEmpty()) {
                problems.add(at + ".Metrics is not a non-empty array");
                continue;
            }
            for (JsonNode m : metrics) {
                JsonNode name = m.get("Name");
                if (name == null || !name.isTextual() || name.asText().isBlank()) {
                    problems.add(at + ".Metrics has an entry without Name");
                    continue;
                }
                JsonNode unit = m.get("Unit");
                if (unit != null && !UNITS.contains(unit.asText())) {
                    problems.add("metric " + name.asText() + " has unit '" + unit.asText() + "', not a CloudWatch unit");
                }
                List<Double> values = values(root.get(name.asText()));
                if (values == null) {
                    problems.add("metric " + name.asText() + " has no numeric member");
                    continue;
                }
                for (String set : sets) {
                    out.computeIfAbsent(name.asText(), k -> new TreeMap<>()).computeIfAbsent(set, k -> new ArrayList<>())
                            .addAll(values);
                }
            }
        }
    }

    private static List<Double> values(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return List.of(v.asDouble());
        }
        if (v.isArray() && !v.isEmpty()) {
            List<Double> values = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.isNumber()) {
                    return null;
                }
                values.add(x.asDouble());
            }
            return values;
        }
        return null;
    }

    int wellFormed() {
        return wellFormed;
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The values of {@code metric} per dimension set with exactly these dimension names (none: the total). */
    Map<String, List<Double>> by(String metric, String... dimensionNames) {
        Map<String, List<Double>> result = new TreeMap<>();
        series.getOrDefault(metric, Map.of()).forEach((set, values) -> {
            List<String> names = set.isEmpty() ? List.of()
                    : java.util.Arrays.stream(set.split(",")).map(p -> p.substring(0, p.indexOf('='))).toList();
            if (names.equals(List.of(dimensionNames))) {
                result.put(set, values);
            }
        });
        return result;
    }

    /** The rows of the summary table: what the dashboard's widgets show. */
    List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("family chosen", counts("CapacityDecisions", "Family")));
        rows.add(row("fallbacks", counts("Fallbacks", "Family", "Reason")));
        rows.add(row("jobs submitted", counts("JobsSubmitted", "Family")));
        rows.add(row("jobs verified", counts("JobsVerified", "Family")));
        rows.add(row("jobs failed", counts("JobsFailed", "FailureClass")));
        rows.add(row("attempts", counts("Attempts", "Family")));
        rows.add(row("Spot/host losses", counts("AttemptsLost", "Family")));
        rows.add(row("RUNNABLE wait", waits()));
        rows.add(row("function errors", counts("FunctionErrors", "FailureClass")));
        rows.add(row("SDK throttles", counts("SdkThrottles", "Service")));
        rows.add(row("EMF lines", wellFormed + " well-formed" + (problems.isEmpty() ? ""
                : ", " + problems.size() + " malformed (line " + problems.get(0).line() + ": " + problems.get(0).what() + ")")));
        return rows;
    }

    private static String[] row(String name, String value) {
        return new String[] {name, value.isEmpty() ? "-" : value};
    }

    private String counts(String metric, String... dimensions) {
        List<String> parts = new ArrayList<>();
        by(metric, dimensions).forEach((set, values) -> {
            double sum = values.stream().mapToDouble(Double::doubleValue).sum();
            if (sum != 0) {
                parts.add(set.replaceAll("[A-Za-z]+=", "").replace(",", ": ") + " " + number(sum));
            }
        });
        return String.join(", ", parts);
    }

    private String waits() {
        List<String> parts = new ArrayList<>();
        by("RunnableWait", "Queue").forEach((set, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            parts.add(set.substring("Queue=".length()) + ": " + sorted.size() + (sorted.size() == 1 ? " wait " : " waits, p50 ")
                    + (sorted.size() == 1 ? "" : seconds(percentile(sorted, 50)) + ", p90 " + seconds(percentile(sorted, 90))
                    + ", max ") + seconds(sorted.get(sorted.size() - 1)));
        });
        return String.join("; ", parts);
    }

    /** Nearest-rank percentile of sorted values, as CloudWatch's pNN of the raw values would approximate it. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String seconds(double s) {
        return s >= 120 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.0f s", s);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Prints the metrics table, as {@code gbo run} does after its summary. */
    void print(String title, PrintStream out) {
        List<String[]> rows = rows();
        out.println(title);
        Tables.print(out, rows);
    }
}
