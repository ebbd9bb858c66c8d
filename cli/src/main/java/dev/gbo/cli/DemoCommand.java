package dev.gbo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gbo demo}: {@code gbo run} with the bundled scenario and S3 event. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Run the bundled demo end to end on the embedded local cloud.",
        description = {"%nThe bundled scenario (scenarios/demo.json) triggered by an S3 upload",
                "(events/s3-object-created.json): m9g is not offered, so m8g; the first",
                "attempt is lost to Spot, the second succeeds.",
                "Progress goes to stderr; the summary table and the report's path to stdout.%n"})
final class DemoCommand implements Callable<Integer> {
    private final Gbo gbo;

    @Mixin
    ReportOptions report;

    @Mixin
    IamOption iam;

    DemoCommand(Gbo gbo) {
        this.gbo = gbo;
    }

    @Override
    public Integer call() throws Exception {
        return RunCommand.localRun(gbo, "demo", gbo.home.resolve("scenarios/demo.json"),
                gbo.home.resolve("events/s3-object-created.json"), report, iam);
    }
}
