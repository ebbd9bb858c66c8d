package dev.gbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.testkit.LocalDeployment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Help.Ansi;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code gbo demo} and {@code gbo run}: deploys the template into a fresh local cloud, fires one
 * trigger, lets the simulation run to completion on the virtual clock, then prints the progress,
 * a summary table and writes the HTML report. Everything it reads back it reads through the AWS
 * APIs of the local endpoint, as a user would.
 */
final class LocalRun {

    record Options(Path home, Path scenario, Path event, Path reportDir, boolean quiet, boolean iam) {
        Options(Path home, Path scenario, Path event, Path reportDir, boolean quiet) {
            this(home, scenario, event, reportDir, quiet, true);
        }
    }

    private static final Duration WALL_LIMIT = Duration.ofSeconds(120);

    private final Options options;
    private final PrintStream out;
    private final PrintStream progress;
    private final Ansi ansi;

    /** Progress and summary both to {@code out}, no colour. */
    LocalRun(Options options, PrintStream out) {
        this(options, out, out, Ansi.OFF);
    }

    /** The summary table and the report's path to {@code out} (coloured by {@code ansi}), the progress to {@code progress}. */
    LocalRun(Options options, PrintStream out, PrintStream progress, Ansi ansi) {
        this.options = options;
        this.out = out;
        this.progress = progress;
        this.ansi = ansi;
    }

    /** The checks a run makes before it writes anything: the scenario loads, the event is a JSON object (usage errors). */
    static void validate(Options options) throws java.io.IOException {
        Scenarios.load(options.scenario());
        Json.requireObject(Files.readString(options.event()), options.event().toString());
    }

    int run() throws Exception {
        long wallStart = System.nanoTime();
        RunRecord run = execute();
        printSummary(run, Duration.ofNanos(System.nanoTime() - wallStart));
        // functions.log holds the functions' stdout when `gbo run`/`gbo demo` redirected it there (Gbo.localRun)
        EmfSummary.read(options.reportDir().resolve("functions.log"))
                .print("metrics (from the functions' EMF lines, as the dashboard shows them):", out);
        Files.createDirectories(options.reportDir());
        Path html = options.reportDir().resolve("report.html");
        Report.write(run, html, options.reportDir().resolve("timeline.svg"));
        out.println("report: " + html);
        return run.succeeded() ? ExitCodes.OK : ExitCodes.forError(run.error());
    }

    /**
     * The least-privilege report of this run (which grants of template.yaml its principals used, which not, and
     * any refused call) in {@code iam.txt} beside the report, with one line about it on the progress stream.
     */
    private void writePermissionReport(dev.gbo.local.core.PermissionReport report) throws java.io.IOException {
        Files.createDirectories(options.reportDir());
        Path file = options.reportDir().resolve("iam.txt");
        Files.writeString(file, report.format());
        long refused = report.refusals().stream().mapToLong(dev.gbo.local.core.PermissionReport.Refusal::count).sum();
        progress.printf("gbo: IAM %s: %d refused call(s), %d grant(s) unused in this run (least-privilege report: %s)%n",
                options.iam() ? "enforced" : "off (--no-iam)", refused, report.unused().size(), file);
    }

    /** Deploys, fires the trigger, runs the simulation to completion and reads back what happened. */
    RunRecord execute() throws Exception {
        Scenario scenario = Scenarios.load(options.scenario());
        JsonNode event = Json.requireObject(Files.readString(options.event()), options.event().toString());
        try (LocalDeployment local = LocalDeployment.start(options.home(), scenario, 0, null, Trigger.bucketOf(event),
                Trigger.isScheduled(event) ? Trigger.SCHEDULE : "", options.iam())) {
            Instant t0 = local.cloud().clock().now();
            if (!options.quiet()) {
                progress.printf("gbo: local cloud at %s, scenario '%s'%n", local.cloud().endpoint(), scenario.name());
                progress.printf("gbo: deployed %s%n", local.summary());
            }
            String how = Trigger.fire(local, event, options.event().getFileName().toString());
            if (!options.quiet()) {
                progress.println("gbo: trigger: " + how);
            }
            boolean settled = options.quiet() ? local.cloud().clock().awaitIdle(WALL_LIMIT)
                    : new LiveProgress(local, progress).follow(WALL_LIMIT);
            if (!settled) {
                throw new IllegalStateException("the simulation did not settle within " + WALL_LIMIT.toSeconds()
                        + " s of wall time; a handler or the engine may be stuck (GBO_DEBUG=1 shows more)");
            }
            writePermissionReport(local.permissionReport());
            return collect(local, t0);
        }
    }

    private RunRecord collect(LocalDeployment local, Instant t0) {
        try (SfnClient sfn = local.sfn(); BatchClient batch = local.batch(); JobLogs logs = new JobLogs(local)) {
            String stateMachine = local.stateMachineArn();
            var executions = sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions();
            if (executions.isEmpty()) {
                throw new IllegalStateException("the trigger started no execution of " + stateMachine
                        + "; check the event against the template's rules (source, detail-type, bucket)");
            }
            String executionArn = executions.get(0).executionArn();
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
            List<HistoryEvent> history = new ArrayList<>();
            sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().forEach(history::add);

            List<RunRecord.StateSpan> states = History.spans(history);
            Set<String> jobIds = new LinkedHashSet<>();
            List<RunRecord.JobStatusChange> changes = new ArrayList<>();
            for (JsonNode e : local.batchEvents()) {
                RunRecord.JobStatusChange change = RunRecord.JobStatusChange.of(e);
                jobIds.add(change.jobId());
                changes.add(change);
            }
            changes.sort(Comparator.comparing(RunRecord.JobStatusChange::at));
            List<RunRecord.JobAttempt> attempts = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            String lastJob = null;
            int attemptCount = 0;
            if (!jobIds.isEmpty()) {
                for (JobDetail job : batch.describeJobs(r -> r.jobs(new ArrayList<>(jobIds))).jobs()) {
                    if (!job.jobId().contains(":")) {
                        lastJob = job.jobId() + " (" + job.jobName() + ")"
                                + (job.arrayProperties() != null && job.arrayProperties().size() != null
                                ? ", array of " + job.arrayProperties().size() : "");
                    } else if (lastJob == null) {
                        lastJob = job.jobId() + " (" + job.jobName() + ")";
                    }
                    for (RunRecord.JobAttempt a : History.attempts(job, logs)) {
                        attempts.add(a);
                        classes.add(a.failureClass());
                    }
                    attemptCount += job.attempts().size();
                }
            }
            Instant finished = d.stopDate() == null ? local.cloud().clock().now() : d.stopDate();
            t0 = d.startDate() == null ? t0 : d.startDate();
            History.CapacityFacts facts = History.capacity(history);
            String result = d.statusAsString().equals("SUCCEEDED") ? "verified: " + History.verdict(d.output())
                    : d.error() + " - " + Progress.clip(d.cause());
            RunRecord.Summary summary = new RunRecord.Summary(facts.family(), facts.reason(), facts.skipped(),
                    facts.queue(), lastJob, attemptCount, classes.stream().distinct().toList(), result);
            return new RunRecord(local.scenarioName(), options.event().getFileName().toString(), t0, finished,
                    executionArn, d.statusAsString(), d.error(), d.cause(), d.output(), states, attempts, changes, summary);
        }
    }

    private void printSummary(RunRecord run, Duration wall) {
        RunRecord.Summary s = run.summary();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"result", run.status()});
        rows.add(new String[] {"family", s.family() == null ? "-" : s.family()});
        rows.add(new String[] {"why", s.familyReason() == null ? "-" : s.familyReason()});
        for (String skipped : s.skipped()) {
            rows.add(new String[] {"skipped", skipped});
        }
        rows.add(new String[] {"queue", s.queue() == null ? "-" : s.queue()});
        rows.add(new String[] {"job", s.jobId() == null ? "-" : s.jobId()});
        rows.add(new String[] {"attempts", Integer.toString(s.attempts())});
        rows.add(new String[] {"failure classes", s.failureClasses().isEmpty() ? "-" : String.join(", ", s.failureClasses())});
        rows.add(new String[] {"outcome", s.result()});
        rows.add(new String[] {"time", Report.human(run.simulated()) + " simulated, " + wall.toMillis() + " ms wall"});
        Tables.print(out, rows, ansi);
    }
}
