package dev.gbo.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code gbo simulate}: a deterministic, seeded simulation campaign. Each run derives its seed from
 * the campaign seed and its index, generates a random world and workload ({@link SimPlan}), runs it
 * on a fresh local cloud ({@link SimRun}) and checks the invariants ({@link SimInvariants}). A
 * violation prints the one command that replays exactly that run.
 */
final class Simulate {

    record Options(long seed, int runs, int concurrency, Set<String> kinds, String faultsSpec, Long replay, Path reportDir,
                   int shard, int shards, boolean iam) {
        Options(long seed, int runs, int concurrency, Set<String> kinds, String faultsSpec, Long replay, Path reportDir,
                int shard, int shards) {
            this(seed, runs, concurrency, kinds, faultsSpec, replay, reportDir, shard, shards, true);
        }

        /** The command that replays one run of this campaign. */
        String replayCommand(long runSeed) {
            return "./gbo simulate --replay " + runSeed + " --concurrency " + concurrency + " --faults " + faultsSpec;
        }
    }

    /** Totals of a campaign, for the summary table. */
    static final class Totals {
        int runs;
        int executions;
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<String, Integer> faults = new TreeMap<>();
        final Map<String, Integer> violations = new TreeMap<>();
        final List<Long> failingSeeds = new ArrayList<>();
        Duration simulated = Duration.ZERO;
        int stops;
    }

    private final Path home;
    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    Simulate(Path home, Options options, PrintStream out, PrintStream err, boolean terminal) {
        this.home = home;
        this.options = options;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run() throws Exception {
        long wallStart = System.nanoTime();
        Set<String> classes = SimInvariants.failureClasses(home.resolve("README.md"));
        List<SimInvariants.Invariant> invariants = SimInvariants.all(classes);
        SimPlan.LambdaCrash crash = SimPlan.LambdaCrash.probe();
        if (options.kinds().contains("lambda-crash") && crash == null) {
            out.println("gbo simulate: fault 'lambda-crash' unavailable: this tree's scenario loader has no Lambda crash member; not generated");
        }
        List<Long> seeds = new ArrayList<>();
        if (options.replay() != null) {
            seeds.add(options.replay());
        } else {
            for (int i = options.shard(); i < options.runs(); i += options.shards()) {
                seeds.add(SimPlan.runSeed(options.seed(), i));
            }
        }
        out.printf("gbo simulate: %s, concurrency %d, faults %s%n", options.replay() != null ? "replay of run " + options.replay()
                : options.runs() + " runs, seed " + options.seed() + (options.shards() > 1 ? ", shard " + options.shard() + "/"
                + options.shards() + " (" + seeds.size() + " runs)" : ""), options.concurrency(), options.faultsSpec());
        Totals totals = new Totals();
        long lastLine = System.nanoTime();
        for (int i = 0; i < seeds.size(); i++) {
            long runSeed = seeds.get(i);
            SimPlan plan = SimPlan.generate(runSeed, options.concurrency(), options.kinds(), crash);
            SimRun.Result result = SimRun.run(home, plan, options.iam());
            List<SimInvariants.Violation> violations = SimInvariants.checkAll(invariants, result.observation());
            account(totals, result, violations);
            if (!violations.isEmpty() || options.replay() != null) {
                report(options.replay() != null ? 0 : options.shard() + i * options.shards(), result, violations);
            }
            long now = System.nanoTime();
            if (terminal) {
                err.print("\r" + bar(i + 1, seeds.size(), totals, now - wallStart));
                err.flush();
            } else if (now - lastLine > 10_000_000_000L || i + 1 == seeds.size()) {
                err.println("gbo simulate: " + (i + 1) + "/" + seeds.size() + " runs, " + totals.failingSeeds.size()
                        + " with violations, " + Report.human(Duration.ofNanos(now - wallStart)) + " wall");
                lastLine = now;
            }
        }
        if (terminal) {
            err.println();
        }
        summary(totals, Duration.ofNanos(System.nanoTime() - wallStart), crash != null);
        return totals.failingSeeds.isEmpty() ? ExitCodes.OK : ExitCodes.SIMULATION_VIOLATION;
    }

    static void account(Totals t, SimRun.Result result, List<SimInvariants.Violation> violations) {
        SimObservation o = result.observation();
        t.runs++;
        t.executions += o.executions().size();
        t.simulated = t.simulated.plus(o.simulated());
        for (SimObservation.Execution e : o.executions()) {
            t.outcomes.merge(e.status() + ("FAILED".equals(e.status()) ? " " + e.error() : ""), 1, Integer::sum);
        }
        result.plan().injected().forEach((k, n) -> t.faults.merge(k, n, Integer::sum));
        if (result.stopped() != null) {
            t.stops++;
        }
        for (SimInvariants.Violation v : violations) {
            t.violations.merge(v.invariant(), 1, Integer::sum);
        }
        if (!violations.isEmpty()) {
            t.failingSeeds.add(result.plan().runSeed());
        }
    }

    private void report(int index, SimRun.Result result, List<SimInvariants.Violation> violations) throws Exception {
        SimPlan plan = result.plan();
        SimObservation o = result.observation();
        if (terminal) {
            err.print("\r\033[K");
        }
        out.printf("run %d seed %d: %d executions, %d jobs, simulated %s, digest %s%s%n", index, plan.runSeed(),
                o.executions().size(), o.jobs().size(), Report.human(o.simulated()), o.digest(),
                result.stopped() == null ? "" : ", stopped " + result.stopped());
        if (options.replay() != null) {
            for (SimObservation.Execution e : o.executions()) {
                out.printf("  %-40s %-9s %s%n", e.name(), e.status(), e.error() == null ? "" : e.error() + ": " + Progress.clip(e.cause()));
            }
        }
        int shown = 0;
        for (SimInvariants.Violation v : violations) {
            if (shown++ == 8 && options.replay() == null) {
                out.println("  ... " + (violations.size() - 8) + " more");
                break;
            }
            out.println("  VIOLATION " + v);
        }
        if (!violations.isEmpty()) {
            Path dir = options.reportDir().resolve("simulate");
            Files.createDirectories(dir);
            Path scenario = dir.resolve("sim-" + plan.runSeed() + ".json");
            Files.writeString(scenario, plan.scenarioJson());
            out.println("  replay: " + options.replayCommand(plan.runSeed()) + "   (scenario: " + home.relativize(scenario.toAbsolutePath()) + ")");
        }
        out.flush();
    }

    private static String bar(int done, int total, Totals t, long wallNanos) {
        int width = 30;
        int filled = (int) ((long) done * width / Math.max(1, total));
        return String.format("[%s%s] %d/%d runs, %d executions, %d failing runs, %s", "#".repeat(filled),
                " ".repeat(width - filled), done, total, t.executions, t.failingSeeds.size(), Report.human(Duration.ofNanos(wallNanos)));
    }

    private void summary(Totals t, Duration wall, boolean crashAvailable) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"runs", t.runs + (options.replay() == null ? " (seed " + options.seed() + ")" : " (replay)")});
        rows.add(new String[] {"executions", Integer.toString(t.executions)});
        t.outcomes.forEach((k, n) -> rows.add(new String[] {"  " + k, Integer.toString(n)}));
        rows.add(new String[] {"faults injected", t.faults.values().stream().mapToInt(Integer::intValue).sum() + " (by kind, runs or job attempts)"});
        for (String kind : SimPlan.KINDS) {
            if (!options.kinds().contains(kind)) {
                continue;
            }
            String n = kind.equals("lambda-crash") && !crashAvailable ? "unavailable"
                    : Integer.toString(t.faults.getOrDefault(kind, 0)) + (kind.equals("stop") ? " (" + t.stops + " stopped a running execution)" : "");
            rows.add(new String[] {"  " + kind, n});
        }
        rows.add(new String[] {"violations", t.violations.values().stream().mapToInt(Integer::intValue).sum() + " in "
                + t.failingSeeds.size() + " runs"});
        for (String id : SimInvariants.ids()) {
            rows.add(new String[] {"  " + id, Integer.toString(t.violations.getOrDefault(id, 0))});
        }
        // The functions' EMF lines of the whole campaign (Gbo.simulate sends their stdout to simulate-functions.log)
        rows.add(new String[] {"metrics (EMF)", "as the dashboard shows them"});
        for (String[] r : EmfSummary.read(options.reportDir().resolve("simulate-functions.log")).rows()) {
            rows.add(new String[] {"  " + r[0], r[1]});
        }
        rows.add(new String[] {"simulated time", Report.human(t.simulated)});
        rows.add(new String[] {"wall time", Report.human(wall)});
        int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        int v = Math.max(20, rows.stream().mapToInt(r -> r[1].length()).max().orElse(20));
        String rule = "+" + "-".repeat(w + 2) + "+" + "-".repeat(v + 2) + "+";
        out.println(rule);
        for (String[] r : rows) {
            out.printf("| %-" + w + "s | %-" + v + "s |%n", r[0], r[1]);
        }
        out.println(rule);
        if (!t.failingSeeds.isEmpty()) {
            out.println("failing run seeds: " + t.failingSeeds.stream().limit(20).map(String::valueOf).toList()
                    + (t.failingSeeds.size() > 20 ? " ..." : ""));
        }
    }
}
