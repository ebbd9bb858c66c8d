package dev.gbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.cli.console.Console;
import dev.gbo.testkit.LocalDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The console's timeline of one execution: the same {@link Report#timeline} picture as
 * {@code gbo run} writes, over a {@link RunRecord} read back through the AWS APIs (the execution's
 * history, its Batch jobs) plus the deployment's record of "Batch Job State Change" events. The jobs of
 * the execution are those whose ids its history mentions (Submit's and the verifier's outputs).
 */
final class ConsoleTimeline implements Console.Timelines {
    private final LocalDeployment local;

    ConsoleTimeline(LocalDeployment local) {
        this.local = local;
    }

    @Override
    public String svg(String executionArn) {
        return Report.timeline(record(executionArn));
    }

    RunRecord record(String executionArn) {
        try (SfnClient sfn = local.sfn(); BatchClient batch = local.batch(); JobLogs logs = new JobLogs(local)) {
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
            List<HistoryEvent> history = new ArrayList<>();
            sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().forEach(history::add);
            Set<String> jobIds = jobIds(history);
            List<RunRecord.JobStatusChange> changes = new ArrayList<>();
            for (JsonNode e : local.batchEvents()) {
                RunRecord.JobStatusChange change = RunRecord.JobStatusChange.of(e);
                String id = change.jobId();
                if (jobIds.contains(id) || id.contains(":") && jobIds.contains(id.substring(0, id.indexOf(':')))) {
                    changes.add(change);
                }
            }
            changes.sort(Comparator.comparing(RunRecord.JobStatusChange::at));
            List<RunRecord.JobAttempt> attempts = new ArrayList<>();
            if (!jobIds.isEmpty()) {
                for (JobDetail job : batch.describeJobs(r -> r.jobs(new ArrayList<>(jobIds))).jobs()) {
                    attempts.addAll(History.attempts(job, logs));
                }
            }
            Instant started = d.startDate();
            Instant finished = d.stopDate() == null ? local.clock().now() : d.stopDate();
            History.CapacityFacts facts = History.capacity(history);
            RunRecord.Summary summary = new RunRecord.Summary(facts.family(), facts.reason(), facts.skipped(), facts.queue(),
                    String.join(", ", jobIds), attempts.size(), List.of(), d.statusAsString());
            return new RunRecord(local.scenarioName(), "console", started, finished, executionArn, d.statusAsString(),
                    d.error(), d.cause(), d.output(), History.spans(history), attempts, changes, summary);
        }
    }

    /** Every {@code jobId} in the outputs of the history's events (Submit's TaskSubmitted, the verifier's result). */
    static Set<String> jobIds(List<HistoryEvent> history) {
        Set<String> ids = new LinkedHashSet<>();
        for (HistoryEvent e : history) {
            String output = e.taskSubmittedEventDetails() != null ? e.taskSubmittedEventDetails().output()
                    : e.taskSucceededEventDetails() != null ? e.taskSucceededEventDetails().output() : null;
            JsonNode node = output == null ? null : Json.parseOrNull(output);
            if (node != null) {
                collect(node, ids);
            }
        }
        return ids;
    }

    private static void collect(JsonNode node, Set<String> ids) {
        if (node.isObject()) {
            JsonNode id = node.get("jobId");
            if (id != null && id.isTextual() && !id.asText().isBlank() && !id.asText().contains(":")) {
                ids.add(id.asText());
            }
            node.forEach(child -> collect(child, ids));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, ids));
        }
    }
}
