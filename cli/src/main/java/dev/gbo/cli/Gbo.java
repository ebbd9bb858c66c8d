package dev.gbo.cli;

import dev.gbo.testkit.AwsClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The {@code gbo} command line. Every mistake in how it is called, every missing file and every
 * malformed JSON ends with one line on stderr and a non-zero exit, never a stack trace
 * (set GBO_DEBUG=1 to see one).
 */
public final class Gbo {

    static final String USAGE = """
            gbo: the Graviton Batch Orchestrator

              gbo demo                               run the bundled demo end to end on the embedded local cloud
              gbo run --scenario FILE --event FILE   the same for any scenario and trigger event
                      [--report DIR] [--quiet]
              gbo serve [--port 4566] [--scenario FILE] [--real-time] [--speed X] [--state-dir DIR]
                                                     keep the local cloud up with the template deployed; its state
                                                     is in memory unless --state-dir DIR (durable across kill -9)
              gbo preflight [--region R] [--endpoint URL] [--subnets a,b] [--name-prefix P] [--image IMG]
                                                     check an account (AWS or local) before running there
              gbo submit --event FILE [--wait] [--state-machine ARN] [--region R] [--endpoint URL]
                                                     start an execution on AWS or local Step Functions
              gbo simulate [--runs 20] [--seed 1] [--concurrency 8] [--faults all|LIST] [--replay RUN_SEED]
                      [--shard K/N]                  (runs i with i % N == K: split a campaign over processes)
                                                     seeded simulation campaign: random worlds, faults and bursts,
                                                     invariants checked after every run (docs/simulate.md)
              gbo test                               run every test and check (handled by the ./gbo launcher)
              gbo build                              build everything, including the Lambda artifacts (the launcher)

            Exit codes of run and submit:
            """ + ExitCodes.table()
            + "Exit code of simulate: 0 every invariant held, " + ExitCodes.SIMULATION_VIOLATION + " an invariant was violated (the replay command is printed)\n";

    private final PrintStream out;
    private final PrintStream err;
    private final Path home;

    Gbo(PrintStream out, PrintStream err, Path home) {
        this.out = out;
        this.err = err;
        this.home = home;
    }

    public static void main(String[] argv) {
        Path home = Path.of(System.getProperty("gbo.home", ".")).toAbsolutePath().normalize();
        int code = new Gbo(System.out, System.err, home).run(argv);
        System.out.flush();
        System.exit(code);
    }

    int run(String... argv) {
        if (argv.length == 0) {
            err.print(USAGE);
            return ExitCodes.USAGE;
        }
        String command = argv[0];
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (command) {
                case "demo" -> demo(rest);
                case "run" -> runCommand(rest);
                case "serve" -> serve(rest);
                case "preflight" -> preflight(rest);
                case "submit" -> submit(rest);
                case "simulate" -> simulate(rest);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield ExitCodes.OK;
                }
                default -> throw new UsageException("unknown command '" + command + "'; try: gbo help");
            };
        } catch (UsageException e) {
            err.println("gbo: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err.println("gbo " + command + ": " + Preflight.oneLine(e));
            if (System.getenv("GBO_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return ExitCodes.FAILED_OTHER;
        }
    }

    /** The SDK clients for {@code --region}/{@code --endpoint}; a malformed endpoint is a usage error. */
    private static AwsClients clients(Args a) {
        try {
            return new AwsClients(a.get("--region"), a.get("--endpoint"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int demo(List<String> argv) throws Exception {
        Args a = Args.parse("demo", argv, Set.of("--report"), Set.of("--quiet"));
        Path scenario = home.resolve("scenarios/demo.json");
        Path event = home.resolve("events/s3-object-created.json");
        return localRun(scenario, event, a);
    }

    private int runCommand(List<String> argv) throws Exception {
        Args a = Args.parse("run", argv, Set.of("--scenario", "--event", "--report"), Set.of("--quiet"));
        return localRun(a.file("--scenario", true), a.file("--event", true), a);
    }

    private int localRun(Path scenario, Path event, Args a) throws Exception {
        Path reportDir = Path.of(a.get("--report", home.resolve("reports").toString()));
        LocalRun.Options options = new LocalRun.Options(home, scenario, event, reportDir, a.flag("--quiet"));
        // The functions' own log lines (what CloudWatch Logs would hold) go to a file beside the report,
        // so the console shows the run's progress only.
        java.nio.file.Files.createDirectories(reportDir);
        Path functionLog = reportDir.resolve("functions.log");
        PrintStream previous = System.out;
        try (PrintStream logs = new PrintStream(java.nio.file.Files.newOutputStream(functionLog), true,
                java.nio.charset.StandardCharsets.UTF_8)) {
            if (out == previous) {
                System.setOut(logs);
            }
            int code = new LocalRun(options, out).run();
            out.println("function logs: " + functionLog);
            return code;
        } finally {
            System.setOut(previous);
        }
    }

    private int serve(List<String> argv) throws Exception {
        Args a = Args.parse("serve", argv, Set.of("--port", "--scenario", "--speed", "--state-dir"), Set.of("--real-time"));
        int port = a.intValue("--port", 4566, 0, 65535);
        Path scenario = a.file("--scenario", false);
        double speed = 1.0;
        if (a.get("--speed") != null) {
            try {
                speed = Double.parseDouble(a.get("--speed"));
            } catch (NumberFormatException e) {
                throw new UsageException("serve: --speed must be a number such as 1 or 60, got '" + a.get("--speed") + "'");
            }
            if (!(speed > 0)) {
                throw new UsageException("serve: --speed must be > 0");
            }
        }
        return new Serve(home, port, scenario == null ? home.resolve("scenarios/demo.json") : scenario,
                a.flag("--real-time") || a.get("--speed") != null, speed, out)
                .stateDir(a.get("--state-dir") == null ? null : Path.of(a.get("--state-dir"))).run();
    }

    private int preflight(List<String> argv) {
        Args a = Args.parse("preflight", argv, Set.of("--region", "--endpoint", "--subnets", "--name-prefix", "--image"), Set.of());
        List<String> subnets = a.get("--subnets") == null ? List.of()
                : Arrays.stream(a.get("--subnets").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        try (AwsClients aws = clients(a)) {
            out.println("preflight against " + aws.target());
            List<Preflight.Check> checks = new Preflight(aws, subnets, a.get("--name-prefix", "gbo"), a.get("--image")).run();
            return Preflight.print(checks, out) ? ExitCodes.OK : ExitCodes.FAILED_OTHER;
        }
    }

    private int simulate(List<String> argv) throws Exception {
        Args a = Args.parse("simulate", argv, Set.of("--runs", "--seed", "--concurrency", "--faults", "--replay", "--report", "--shard"), Set.of());
        int runs = a.intValue("--runs", 20, 1, 1_000_000);
        long seed = longValue(a, "--seed", 1);
        Long replay = a.get("--replay") == null ? null : longValue(a, "--replay", 0);
        int concurrency = a.intValue("--concurrency", 8, 1, 256);
        String faults = a.get("--faults", "all");
        Set<String> kinds = SimPlan.parseKinds(faults);
        Path reportDir = Path.of(a.get("--report", home.resolve("reports").toString()));
        int shard = 0;
        int shards = 1;
        if (a.get("--shard") != null) {
            String[] p = a.get("--shard").split("/");
            try {
                shard = Integer.parseInt(p[0].trim());
                shards = Integer.parseInt(p[1].trim());
            } catch (RuntimeException e) {
                shards = 0;
            }
            if (p.length != 2 || shards < 1 || shard < 0 || shard >= shards) {
                throw new UsageException("simulate: --shard must be K/N with 0 <= K < N, e.g. 0/4, got '" + a.get("--shard") + "'");
            }
        }
        Simulate.Options options = new Simulate.Options(seed, runs, concurrency, kinds, faults.replace(" ", ""), replay, reportDir,
                shard, shards);
        // The functions' own log lines go to a file, so the console shows the campaign only.
        java.nio.file.Files.createDirectories(reportDir);
        Path functionLog = reportDir.resolve("simulate-functions.log");
        PrintStream previous = System.out;
        PrintStream previousErr = System.err;
        try (PrintStream logs = new PrintStream(java.nio.file.Files.newOutputStream(functionLog), true,
                java.nio.charset.StandardCharsets.UTF_8)) {
            if (out == previous) {
                System.setOut(logs);
                System.setErr(logs); // the clock's task failures and SDK warnings, too
            }
            return new Simulate(home, options, out, err, err == previousErr && stderrIsTerminal()).run();
        } finally {
            System.setOut(previous);
            System.setErr(previousErr);
        }
    }

    private static long longValue(Args a, String name, long fallback) {
        String v = a.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("simulate: " + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** Whether stderr is a terminal: a console on JDK 22+ says so itself; on 21 a console exists only for a terminal. */
    private static boolean stderrIsTerminal() {
        java.io.Console console = System.console();
        if (console == null || System.getenv("TERM") == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private int submit(List<String> argv) throws Exception {
        Args a = Args.parse("submit", argv, Set.of("--event", "--state-machine", "--region", "--endpoint"), Set.of("--wait"));
        Path event = a.file("--event", true);
        try (AwsClients aws = clients(a)) {
            return new Submit(aws, out).run(event, a.get("--state-machine"), a.flag("--wait"), Duration.ofSeconds(2));
        }
    }
}
