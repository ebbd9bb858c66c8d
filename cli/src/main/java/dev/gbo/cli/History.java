package dev.gbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.verify.FailureClassifier;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Reads a Step Functions execution history (as the SDK returns it) into what the report shows. */
final class History {
    private static final FailureClassifier CLASSIFIER = new FailureClassifier();

    record CapacityFacts(String family, String reason, List<String> skipped, String queue) {
    }

    private History() {
    }

    /** One span per state entry, closed by its exit; an entry still open when the execution ended failed there. */
    static List<RunRecord.StateSpan> spans(List<HistoryEvent> history) {
        record Open(String name, String type, java.time.Instant entered, boolean[] failed, long order) {
        }
        record Closed(RunRecord.StateSpan span, long order) {
        }
        List<Closed> spans = new ArrayList<>();
        List<Open> open = new ArrayList<>();
        for (HistoryEvent e : history) {
            String type = e.typeAsString();
            if (type.endsWith("StateEntered") && e.stateEnteredEventDetails() != null) {
                open.add(new Open(e.stateEnteredEventDetails().name(), type.substring(0, type.length() - "StateEntered".length()),
                        e.timestamp(), new boolean[1], e.id()));
            } else if (type.endsWith("StateExited") && e.stateExitedEventDetails() != null) {
                String name = e.stateExitedEventDetails().name();
                for (int i = open.size() - 1; i >= 0; i--) {
                    Open o = open.get(i);
                    if (o.name().equals(name)) {
                        spans.add(new Closed(new RunRecord.StateSpan(o.name(), o.type(), o.entered(), e.timestamp(),
                                o.failed()[0] ? "caught" : "ok"), o.order()));
                        open.remove(i);
                        break;
                    }
                }
            } else if ((type.equals("TaskFailed") || type.equals("TaskTimedOut") || type.equals("LambdaFunctionFailed")
                    || type.equals("ParallelStateFailed")) && !open.isEmpty()) {
                open.get(open.size() - 1).failed()[0] = true;
            } else if (type.startsWith("Execution") && !type.equals("ExecutionStarted")) {
                for (Open o : open) {
                    String outcome = type.equals("ExecutionSucceeded") ? "ok" : type.equals("ExecutionTimedOut") ? "timed out" : "failed";
                    spans.add(new Closed(new RunRecord.StateSpan(o.name(), o.type(), o.entered(), e.timestamp(), outcome), o.order()));
                }
                open.clear();
            }
        }
        spans.sort(java.util.Comparator.comparingLong(Closed::order));
        return spans.stream().map(Closed::span).toList();
    }

    /**
     * The last capacity decision and queue the execution recorded: in its state data (an exited state's output
     * with {@code capacity} / {@code queue} members) or in the workflow variables {@code capacity} / {@code queue}
     * an exited state assigned (the JSONata orchestrator keeps them there).
     */
    static CapacityFacts capacity(List<HistoryEvent> history) {
        String family = null;
        String reason = null;
        String queue = null;
        List<String> skipped = List.of();
        for (HistoryEvent e : history) {
            if (e.stateExitedEventDetails() == null) {
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode output = Json.MAPPER.createObjectNode();
            if (Json.parseOrNull(e.stateExitedEventDetails().output()) instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                output.setAll(o);
            }
            e.stateExitedEventDetails().assignedVariables().forEach((name, value) -> {
                if (name.equals("capacity") || name.equals("queue")) {
                    JsonNode v = Json.parseOrNull(value);
                    output.set(name, v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v);
                }
            });
            JsonNode capacity = output.path("capacity");
            if (capacity.hasNonNull("family")) {
                family = capacity.get("family").asText();
                reason = capacity.path("reason").asText(null);
                List<String> s = new ArrayList<>();
                for (JsonNode k : capacity.path("skipped")) {
                    s.add(k.path("family").asText() + ": " + k.path("reason").asText());
                }
                skipped = s;
            }
            JsonNode q = output.path("queue");
            if (q.hasNonNull("jobQueue")) {
                queue = q.get("jobQueue").asText();
            }
        }
        return new CapacityFacts(family, reason, skipped, queue);
    }

    /** A one-line summary of a successful execution's verdict. */
    static String verdict(String output) {
        JsonNode root = Json.parseOrNull(output);
        if (root == null) {
            return "no output";
        }
        JsonNode v = root.has("result") ? root.get("result") : root;
        if (v.has("verdict")) {
            v = v.get("verdict");
        }
        StringBuilder b = new StringBuilder();
        if (v.hasNonNull("exitCode")) {
            b.append("exit ").append(v.get("exitCode").asText());
        }
        if (v.hasNonNull("architecture")) {
            b.append(b.isEmpty() ? "" : ", ").append(v.get("architecture").asText());
        }
        if (v.has("verified")) {
            List<String> checks = new ArrayList<>();
            v.get("verified").forEach(c -> checks.add(c.asText()));
            b.append(b.isEmpty() ? "" : ", ").append("checked ").append(String.join("+", checks));
        }
        return b.isEmpty() ? Progress.clip(v.toString()) : b.toString();
    }

    /**
     * The attempts of one Batch job as the run report shows them, each with its failure class from the same
     * evidence as the verdict (a failed attempt's log lines are read through {@code logs}); a job that never
     * started an attempt (and is not an array parent, which runs nothing itself) is one entry numbered 0.
     */
    static List<RunRecord.JobAttempt> attempts(JobDetail job, JobLogs logs) {
        List<RunRecord.JobAttempt> attempts = new ArrayList<>();
        int n = 0;
        for (AttemptDetail a : job.attempts()) {
            n++;
            String reason = a.container() == null || a.container().reason() == null ? a.statusReason() : a.container().reason();
            Integer exit = a.container() == null ? null : a.container().exitCode();
            boolean last = n == job.attempts().size();
            String status = last ? job.statusAsString() : "FAILED";
            List<String> lines = last && "SUCCEEDED".equals(status) ? List.of()
                    : logs.lines(JobLogs.group(job), a.container() == null ? null : a.container().logStreamName());
            attempts.add(new RunRecord.JobAttempt(job.jobId(), job.jobName(), n, instant(a.startedAt()), instant(a.stoppedAt()),
                    status, a.statusReason() == null ? reason : a.statusReason(), exit,
                    classify(status, reason, a.statusReason(), exit, lines)));
        }
        boolean arrayParent = !job.jobId().contains(":") && job.arrayProperties() != null && job.arrayProperties().size() != null;
        if (job.attempts().isEmpty() && !arrayParent) {
            attempts.add(new RunRecord.JobAttempt(job.jobId(), job.jobName(), 0, instant(job.createdAt()), instant(job.stoppedAt()),
                    job.statusAsString(), job.statusReason(), null,
                    classify(job.statusAsString(), null, job.statusReason(), null, List.of())));
        }
        return attempts;
    }

    private static java.time.Instant instant(Long epochMillis) {
        return epochMillis == null ? null : java.time.Instant.ofEpochMilli(epochMillis);
    }

    /**
     * The failure class of one attempt, by the orchestrator's own classifier and from the same evidence as its
     * verdict: the reasons, the exit code and the attempt's log lines (an amd64 binary's "exec format error" is
     * only in the log; without it the attempt looks like an application exit 1).
     */
    static String classify(String status, String containerReason, String statusReason, Integer exitCode, List<String> logLines) {
        if ("SUCCEEDED".equals(status)) {
            return "SUCCEEDED";
        }
        return CLASSIFIER.classifyFailure(statusReason, containerReason, exitCode, logLines).failureClass().name();
    }
}
