package dev.gbo.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gbo run}: any scenario and trigger event on a fresh local cloud, with the summary and the report. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Run any scenario and trigger event end to end on the embedded local cloud.",
        description = {"%nDeploys template.yaml into a fresh local cloud with the scenario's world,",
                "fires the trigger event, runs to the end on the virtual clock, prints a",
                "summary table and writes the report.",
                "Progress goes to stderr; the summary table and the report's path to stdout.%n"})
final class RunCommand implements Callable<Integer> {
    private final Gbo gbo;

    @Option(names = "--scenario", paramLabel = "FILE", required = true,
            description = "The world to simulate (scenarios/*.json; format in docs/scenarios.md).")
    Path scenario;

    @Option(names = "--event", paramLabel = "FILE", required = true,
            description = "The trigger: an S3 or EventBridge event, or a console input (events/*.json).")
    Path event;

    @Mixin
    ReportOptions report;

    @Mixin
    IamOption iam;

    RunCommand(Gbo gbo) {
        this.gbo = gbo;
    }

    @Override
    public Integer call() throws Exception {
        return localRun(gbo, "run", scenario, event, report, iam);
    }

    /**
     * Validates every argument (files exist, the scenario loads, the event is a JSON object, the report directory is
     * not a file) before anything is written, then runs with the functions' own log lines (what CloudWatch Logs would
     * hold) going to functions.log beside the report.
     */
    static int localRun(Gbo gbo, String command, Path scenario, Path event, ReportOptions report, IamOption iam) throws Exception {
        Checks.readableFile(command, command.equals("demo") ? "bundled scenario" : "--scenario", scenario);
        Checks.readableFile(command, command.equals("demo") ? "bundled event" : "--event", event);
        Path reportDir = Checks.directory(command, "--report", report.dir(gbo.home));
        LocalRun.Options options = new LocalRun.Options(gbo.home, scenario, event, reportDir, report.quiet, iam.enforced());
        LocalRun.validate(options);

        Files.createDirectories(reportDir);
        Path functionLog = reportDir.resolve("functions.log");
        PrintStream previous = System.out;
        try (PrintStream logs = new PrintStream(Files.newOutputStream(functionLog), true, StandardCharsets.UTF_8)) {
            if (gbo.out == previous) {
                System.setOut(logs);
            }
            int code = new LocalRun(options, gbo.out, gbo.err, gbo.terminal.stdout()).run();
            gbo.out.println("function logs: " + functionLog);
            return code;
        } finally {
            System.setOut(previous);
        }
    }
}
