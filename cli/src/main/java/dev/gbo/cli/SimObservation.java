package dev.gbo.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What one simulation run did, read back after it settled: every execution of the state machine,
 * every Batch job, and every outcome published on the project bus. Times are simulated.
 */
record SimObservation(int plannedExecutions, Instant simStart, Instant simEnd, boolean settled,
                      List<Execution> executions, List<Job> jobs, List<Publication> publications) {

    static final List<String> TERMINAL = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");
    static final List<String> ACTIVE_JOB = List.of("SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING");

    record Execution(String name, String arn, String status, String error, String cause, Instant start, Instant stop) {
    }

    /** A Batch job; {@code execution} is its gboExecution parameter, {@code endedAt} its first SUCCEEDED/FAILED change (null = never). */
    record Job(String id, String name, String status, String execution, Instant createdAt, Instant endedAt) {
    }

    /** A "Batch Orchestration Succeeded/Failed" event put on {@code bus}. */
    record Publication(String bus, String detailType, String executionArn) {
    }

    Duration simulated() {
        return Duration.between(simStart, simEnd);
    }

    Execution execution(String name) {
        for (Execution e : executions) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** A digest of everything observed, with times relative to the start: equal for two runs of one plan. */
    String digest() {
        StringBuilder b = new StringBuilder();
        b.append("settled=").append(settled).append(" end=").append(rel(simEnd)).append('\n');
        executions.stream().sorted(Comparator.comparing(Execution::name)).forEach(e -> b.append("exec ").append(e.name())
                .append(' ').append(e.status()).append(' ').append(e.error()).append(' ').append(e.cause())
                .append(' ').append(rel(e.start())).append(' ').append(rel(e.stop())).append('\n'));
        jobs.stream().sorted(Comparator.comparing(Job::name).thenComparing(j -> rel(j.createdAt()))).forEach(j -> b.append("job ")
                .append(j.name()).append(' ').append(j.status()).append(' ').append(j.execution()).append(' ')
                .append(rel(j.createdAt())).append(' ').append(rel(j.endedAt())).append('\n'));
        publications.stream().map(p -> p.detailType() + " " + nameOf(p.executionArn())).sorted()
                .forEach(p -> b.append("pub ").append(p).append('\n'));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String nameOf(String executionArn) {
        return executionArn == null ? null : executionArn.substring(executionArn.lastIndexOf(':') + 1);
    }

    private String rel(Instant t) {
        return t == null ? "-" : Long.toString(Duration.between(simStart, t).toMillis());
    }
}
