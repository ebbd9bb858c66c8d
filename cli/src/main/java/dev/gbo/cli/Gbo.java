package dev.gbo.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code gbo} command line, on picocli: one {@code @Command} class per subcommand. Every mistake in how it
 * is called, every missing file and every malformed JSON ends with one line on stderr and exit code 2, never a
 * stack trace (set GBO_DEBUG=1 to see one); {@code --help}/{@code -h} on every command and {@code gbo help}
 * print the usage on stdout.
 */
@Command(name = "gbo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"The Graviton Batch Orchestrator: run the orchestrator on the embedded local cloud, "
                + "check an AWS account and start executions there."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Handled by the ./gbo launcher itself:",
                "  test       run every test and check (what CI runs)",
                "  build      build everything, including the Lambda artifacts",
                "",
                "gbo help COMMAND (or gbo COMMAND --help) shows a command's options.",
                "The local cloud keeps its state in memory: it is lost when the command ends, unless",
                "gbo serve --state-dir DIR keeps it (durable across kill -9).",
                "Colour only on a terminal, never when NO_COLOR is set. GBO_DEBUG=1 shows an error's stack trace."})
public final class Gbo implements Callable<Integer> {
    final PrintStream out;
    final PrintStream err;
    final Path home;
    final Map<String, String> env;
    final Terminal terminal;

    Gbo(PrintStream out, PrintStream err, Path home) {
        this(out, err, home, System.getenv(), Terminal.NONE);
    }

    Gbo(PrintStream out, PrintStream err, Path home, Map<String, String> env, Terminal terminal) {
        this.out = out;
        this.err = err;
        this.home = home;
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    public static void main(String[] argv) {
        Path home = Path.of(System.getProperty("gbo.home", ".")).toAbsolutePath().normalize();
        Map<String, String> env = System.getenv();
        int code = new Gbo(System.out, System.err, home, env, Terminal.detect(env)).run(argv);
        System.out.flush();
        System.exit(code);
    }

    @Spec
    CommandSpec spec;

    /** gbo without a command: the usage on stderr, exit 2 (as a usage error). */
    @Override
    public Integer call() {
        spec.commandLine().usage(err, terminal.stderr());
        return ExitCodes.USAGE;
    }

    int run(String... argv) {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = commandLine();
        cl.setOut(stdout);
        cl.setErr(stderr);
        try {
            return cl.execute(argv);
        } finally {
            stdout.flush();
            stderr.flush();
            out.flush();
        }
    }

    /** The command tree: this object as the root, one instance of each subcommand sharing its streams and environment. */
    private CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.addSubcommand(new DemoCommand(this));
        cl.addSubcommand(new RunCommand(this));
        cl.addSubcommand(new ServeCommand(this));
        cl.addSubcommand(new PreflightCommand(this));
        cl.addSubcommand(new SubmitCommand(this));
        cl.addSubcommand(new SimulateCommand(this));
        cl.addSubcommand(new CommandLine.HelpCommand());
        Map<String, String> runCodes = exitCodes();
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes of run, demo and submit:%n").exitCodeList(runCodes);
        for (String name : List.of("demo", "run", "submit")) {
            cl.getSubcommands().get(name).getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(runCodes);
        }
        cl.getSubcommands().get("simulate").getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(simulateCodes());
        cl.setColorScheme(Help.defaultColorScheme(terminal.stdout()));
        cl.setExpandAtFiles(false); // an argument starting with @ is a value, not a file of arguments
        cl.setParameterExceptionHandler(this::onParameterError);
        cl.setExecutionExceptionHandler((e, command, parsed) -> onExecutionError(e, command));
        return cl;
    }

    /** Today's exit codes, one line each: 0, 1, 2 and one per failure class (ExitCodes). */
    static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(ExitCodes.OK), "succeeded and verified");
        codes.put(Integer.toString(ExitCodes.FAILED_OTHER), "failed for another reason");
        codes.put(Integer.toString(ExitCodes.USAGE), "bad arguments");
        ExitCodes.BY_ERROR.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> codes.put(Integer.toString(e.getValue()), e.getKey()));
        return codes;
    }

    static Map<String, String> simulateCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(ExitCodes.OK), "every invariant held");
        codes.put(Integer.toString(ExitCodes.USAGE), "bad arguments");
        codes.put(Integer.toString(ExitCodes.SIMULATION_VIOLATION), "an invariant was violated (the replay command is printed)");
        return codes;
    }

    /** A mistake in the command line, found by picocli: one line naming it and where the help is, exit 2. */
    private int onParameterError(ParameterException e, String[] argv) {
        CommandLine command = e.getCommandLine();
        boolean root = command.getCommandSpec().root() == command.getCommandSpec();
        String help = root ? "gbo --help" : "gbo " + command.getCommandName() + " --help";
        String line;
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            String didYouMean = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
            if (root && !arg.startsWith("-")) {
                line = "unknown command '" + arg + "'" + didYouMean + "; try: gbo help";
            } else if (arg.startsWith("-")) {
                line = (root ? "" : command.getCommandName() + ": ") + "unknown option '" + arg + "'"
                        + (didYouMean.isEmpty() ? "; it takes " + String.join(", ", optionNames(command)) : didYouMean)
                        + "; see: " + help;
            } else {
                line = (root ? "" : command.getCommandName() + ": ") + "unexpected argument '" + arg + "'" + didYouMean + "; see: " + help;
            }
        } else {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
            message = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
            line = (root ? "" : command.getCommandName() + ": ") + message + "; see: " + help;
        }
        err.println("gbo: " + line);
        debug(e);
        return ExitCodes.USAGE;
    }

    /** A command's long option names, sorted: what an unknown option's message lists. */
    private static List<String> optionNames(CommandLine command) {
        return command.getCommandSpec().options().stream().map(OptionSpec::longestName).sorted().toList();
    }

    /** A command failed: a usage mistake found while validating (exit 2) or anything else (exit 1), in one line. */
    private int onExecutionError(Exception e, CommandLine command) {
        if (e instanceof UsageException) {
            err.println("gbo: " + e.getMessage());
            debug(e);
            return ExitCodes.USAGE;
        }
        err.println("gbo " + command.getCommandName() + ": " + Preflight.oneLine(e));
        debug(e);
        return ExitCodes.FAILED_OTHER;
    }

    private void debug(Exception e) {
        String debug = env.get("GBO_DEBUG");
        if (debug != null && !debug.isEmpty() && !"0".equals(debug)) {
            e.printStackTrace(err);
        }
    }
}
