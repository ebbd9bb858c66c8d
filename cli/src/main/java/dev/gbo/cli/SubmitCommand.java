package dev.gbo.cli;

import dev.gbo.testkit.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gbo submit}: option parsing for {@link Submit}. */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Start an execution on AWS or local Step Functions, and follow it with --wait.",
        description = {"%nStarts the state machine named *orchestrator* (or --state-machine).",
                "stdout carries JSON only, so gbo submit ... | jq . works:",
                "  without --wait  {\"executionArn\": ..., \"startDate\": ...}",
                "  with --wait     the execution's output if it succeeds, nothing if it fails",
                "Progress, the final status and any error go to stderr; the exit code names",
                "the failure class.%n"})
final class SubmitCommand implements Callable<Integer> {
    private final Gbo gbo;

    @Option(names = "--event", paramLabel = "FILE", required = true,
            description = "The execution input: a console input or an event (events/*.json).")
    Path event;

    @Option(names = "--wait", description = "Follow the execution to its end, printing each state on stderr.")
    boolean await;

    @Option(names = "--state-machine", paramLabel = "ARN", description = "The state machine (default: the one named *orchestrator*).")
    String stateMachine;

    @Mixin
    AwsOptions target;

    SubmitCommand(Gbo gbo) {
        this.gbo = gbo;
    }

    @Override
    public Integer call() throws Exception {
        Checks.readableFile("submit", "--event", event);
        String input = Files.readString(event);
        Json.requireObject(input, event.toString());
        try (AwsClients aws = target.clients(gbo, "submit")) {
            return new Submit(aws, gbo.out, gbo.err, gbo.terminal.stderr()).run(event, input, stateMachine, await, Duration.ofSeconds(2));
        }
    }
}
