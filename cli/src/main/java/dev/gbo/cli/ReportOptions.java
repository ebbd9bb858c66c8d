package dev.gbo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the local runs (demo, run): where the report goes, and how much progress to print. */
final class ReportOptions {
    @Option(names = "--report", paramLabel = "DIR",
            description = "Directory of the report, the timeline and the functions' log (default: reports).")
    Path dir;

    @Option(names = "--quiet", description = "Print the summary only, not each state and job status change.")
    boolean quiet;

    Path dir(Path home) {
        return dir != null ? dir : home.resolve("reports");
    }
}
