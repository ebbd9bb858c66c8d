package dev.gbo.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gbo simulate}: option parsing for {@link Simulate}. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Seeded simulation campaign: random worlds, faults, bursts, invariants.",
        description = {"%nEach run: a random world, faults and a burst of executions on a fresh local",
                "cloud, with the invariants checked after it (docs/simulate.md). A violation",
                "prints the one command that replays that run.%n"})
final class SimulateCommand implements Callable<Integer> {
    private final Gbo gbo;

    @Mixin
    IamOption iam;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20", description = "Runs in the campaign, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The campaign seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8",
            description = "Executions started together in each run, 1..256 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--faults", paramLabel = "all|LIST", defaultValue = "all",
            description = "Fault kinds to inject: all, or a comma-separated list (docs/simulate.md).")
    String faults;

    @Option(names = "--replay", paramLabel = "RUN_SEED", description = "Replay exactly one run, by the seed a violation printed.")
    Long replay;

    @Option(names = "--report", paramLabel = "DIR", description = "Directory of the functions' log and the failing runs' scenarios (default: reports).")
    Path report;

    @Option(names = "--shard", paramLabel = "K/N", description = "Run only the runs i with i %% N == K, to split a campaign over processes.")
    String shard;

    SimulateCommand(Gbo gbo) {
        this.gbo = gbo;
    }

    @Override
    public Integer call() throws Exception {
        Checks.range("simulate", "--runs", runs, 1, 1_000_000);
        Checks.range("simulate", "--concurrency", concurrency, 1, 256);
        Set<String> kinds = SimPlan.parseKinds(faults);
        Path reportDir = Checks.directory("simulate", "--report", report != null ? report : gbo.home.resolve("reports"));
        int[] kn = shard == null ? new int[] {0, 1} : shard(shard);
        Simulate.Options options = new Simulate.Options(seed, runs, concurrency, kinds, faults.replace(" ", ""), replay, reportDir,
                kn[0], kn[1], iam.enforced());
        // The functions' own log lines go to a file, so the console shows the campaign only.
        Files.createDirectories(reportDir);
        Path functionLog = reportDir.resolve("simulate-functions.log");
        PrintStream previous = System.out;
        PrintStream previousErr = System.err;
        try (PrintStream logs = new PrintStream(Files.newOutputStream(functionLog), true, StandardCharsets.UTF_8)) {
            if (gbo.out == previous) {
                System.setOut(logs);
                System.setErr(logs); // the clock's task failures and SDK warnings, too
            }
            return new Simulate(gbo.home, options, gbo.out, gbo.err, gbo.err == previousErr && gbo.terminal.stderrTerminal()).run();
        } finally {
            System.setOut(previous);
            System.setErr(previousErr);
        }
    }

    static int[] shard(String value) {
        String[] p = value.split("/");
        int k;
        int n;
        try {
            k = Integer.parseInt(p[0].trim());
            n = Integer.parseInt(p[1].trim());
        } catch (RuntimeException e) {
            n = 0;
            k = 0;
        }
        if (p.length != 2 || n < 1 || k < 0 || k >= n) {
            throw new UsageException("simulate: --shard must be K/N with 0 <= K < N, e.g. 0/4, got '" + value + "'");
        }
        return new int[] {k, n};
    }
}
