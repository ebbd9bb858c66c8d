package dev.gbo.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What one orchestrator run did, in simulated time: the source of the summary table and the report. */
record RunRecord(
        String scenario,
        String trigger,
        Instant started,
        Instant finished,
        String executionArn,
        String status,
        String error,
        String cause,
        String output,
        List<StateSpan> states,
        List<JobAttempt> attempts,
        List<JobStatusChange> jobEvents,
        Summary summary) {

    boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }

    Duration simulated() {
        return Duration.between(started, finished == null ? started : finished);
    }

    /** One entry into a state (a state entered twice appears twice). */
    record StateSpan(String name, String type, Instant entered, Instant exited, String outcome) {
    }

    /** One attempt of one Batch job, from the job's attempts[] (or its final status when it never started). */
    record JobAttempt(String jobId, String jobName, int attempt, Instant started, Instant stopped,
                      String status, String reason, Integer exitCode, String failureClass) {
    }

    record JobStatusChange(Instant at, String jobId, String jobName, String status, String reason) {
        /** The change a "Batch Job State Change" event reports. */
        static JobStatusChange of(com.fasterxml.jackson.databind.JsonNode event) {
            com.fasterxml.jackson.databind.JsonNode detail = event.path("detail");
            return new JobStatusChange(Instant.parse(event.path("time").asText()), detail.path("jobId").asText(),
                    detail.path("jobName").asText(), detail.path("status").asText(), detail.path("statusReason").asText(null));
        }
    }

    record Summary(String family, String familyReason, List<String> skipped, String queue, String jobId,
                   int attempts, List<String> failureClasses, String result) {
    }
}
