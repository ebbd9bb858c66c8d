package dev.gbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.testkit.LocalDeployment;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Prints a run's progress while the simulation runs: each state entered (from the executions'
 * histories, read through the Step Functions API) and each job status change and failed attempt
 * (from the "Batch Job State Change" events the fleet emits), in simulated-time order.
 */
final class LiveProgress {
    private record Line(Instant at, long order, String text) {
    }

    private final LocalDeployment local;
    private final PrintStream out;
    private final Map<String, Long> seenHistory = new HashMap<>();
    private final Map<String, Integer> seenAttempts = new HashMap<>();
    private int seenJobEvents;
    private long order;
    private Instant t0;

    LiveProgress(LocalDeployment local, PrintStream out) {
        this.local = local;
        this.out = out;
    }

    /** Polls until the simulation settles or {@code limit} of wall time passes; returns whether it settled. */
    boolean follow(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean idle;
        try (SfnClient sfn = local.sfn(); JobLogs logs = new JobLogs(local)) {
            do {
                idle = local.cloud().clock().awaitIdle(Duration.ofMillis(100));
                poll(sfn, logs);
            } while (!idle && System.nanoTime() < deadline);
        }
        return idle;
    }

    private void poll(SfnClient sfn, JobLogs logs) {
        List<Line> lines = new ArrayList<>();
        List<ExecutionListItem> executions = new ArrayList<>(sfn.listExecutions(r -> r.stateMachineArn(local.stateMachineArn())).executions());
        executions.sort(Comparator.comparing(ExecutionListItem::startDate));
        for (ExecutionListItem execution : executions) {
            if (t0 == null) {
                t0 = execution.startDate();
            }
            long seen = seenHistory.getOrDefault(execution.executionArn(), 0L);
            for (HistoryEvent e : sfn.getExecutionHistoryPaginator(r -> r.executionArn(execution.executionArn())).events()) {
                if (e.id() <= seen) {
                    continue;
                }
                seen = e.id();
                String text = Progress.describe(e);
                if (text != null) {
                    lines.add(new Line(e.timestamp(), order++, text));
                }
            }
            seenHistory.put(execution.executionArn(), seen);
        }
        List<JsonNode> events = local.batchEvents();
        for (; seenJobEvents < events.size(); seenJobEvents++) {
            JsonNode e = events.get(seenJobEvents);
            JsonNode d = e.path("detail");
            Instant at = Instant.parse(e.path("time").asText());
            String reason = d.path("statusReason").asText("");
            lines.add(new Line(at, order++, "job    " + d.path("jobName").asText() + " -> " + d.path("status").asText()
                    + (reason.isBlank() ? "" : "  (" + Progress.clip(reason) + ")")));
            JsonNode attempts = d.path("attempts");
            int known = seenAttempts.getOrDefault(d.path("jobId").asText(), 0);
            for (int i = known; i < attempts.size(); i++) {
                JsonNode a = attempts.get(i);
                boolean last = i == attempts.size() - 1;
                if (last && "SUCCEEDED".equals(d.path("status").asText())) {
                    continue;
                }
                String why = a.path("container").path("reason").asText(a.path("statusReason").asText(""));
                JsonNode exit = a.path("container").path("exitCode");
                List<String> log = logs.lines(d.path("container").path("logConfiguration").path("options")
                        .path("awslogs-group").asText(JobLogs.DEFAULT_GROUP), a.path("container").path("logStreamName").asText(null));
                lines.add(new Line(at, order++, "job    " + d.path("jobName").asText() + " attempt " + (i + 1) + " failed: "
                        + Progress.clip(why) + (exit.isNumber() ? " (exit " + exit.asInt() + ")" : "")
                        + "  [" + History.classify("FAILED", a.path("container").path("reason").asText(null),
                        a.path("statusReason").asText(null), exit.isNumber() ? exit.asInt() : null, log) + "]"));
            }
            seenAttempts.put(d.path("jobId").asText(), Math.max(known, attempts.size()));
        }
        lines.sort(Comparator.comparing(Line::at).thenComparingLong(Line::order));
        for (Line l : lines) {
            Instant base = t0 == null ? l.at() : t0;
            out.printf("  +%-11s %s%n", Report.human(Duration.between(base, l.at()).isNegative() ? Duration.ZERO
                    : Duration.between(base, l.at())), l.text());
        }
        out.flush();
    }
}
