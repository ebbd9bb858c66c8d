package dev.gbo.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.testkit.AwsClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Help.Ansi;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * {@code gbo submit}: starts an execution on real or local Step Functions and follows it. stdout carries JSON
 * only (the started execution, or with {@code --wait} the output of a successful one, once); progress, the final
 * status and any error go to stderr, so {@code gbo submit --wait ... | jq .} works.
 */
final class Submit {
    private final AwsClients aws;
    private final PrintStream out;
    private final PrintStream progress;
    private final Ansi ansi;

    Submit(AwsClients aws, PrintStream out, PrintStream progress, Ansi ansi) {
        this.aws = aws;
        this.out = out;
        this.progress = progress;
        this.ansi = ansi;
    }

    int run(Path event, String input, String stateMachineArn, boolean follow, Duration pollEvery) throws Exception {
        try (SfnClient sfn = aws.sfn()) {
            String arn = stateMachineArn != null ? stateMachineArn : findOrchestrator(sfn);
            String name = "gbo-" + event.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-") + "-"
                    + Long.toString(System.currentTimeMillis(), 36);
            StartExecutionResponse started = sfn.startExecution(r -> r.stateMachineArn(arn).name(name).input(input));
            String executionArn = started.executionArn();
            progress.println("started " + executionArn + " on " + aws.target());
            if (!follow) {
                ObjectNode json = Json.MAPPER.createObjectNode().put("executionArn", executionArn)
                        .put("startDate", started.startDate() == null ? null : started.startDate().toString());
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
                progress.println("follow it with: gbo submit ... --wait, or aws stepfunctions describe-execution --execution-arn "
                        + executionArn);
                return ExitCodes.OK;
            }
            return follow(sfn, executionArn, pollEvery);
        }
    }

    private String findOrchestrator(SfnClient sfn) {
        List<StateMachineListItem> all = sfn.listStateMachinesPaginator(r -> { }).stateMachines().stream().toList();
        List<StateMachineListItem> ours = all.stream()
                .filter(m -> m.name().toLowerCase(java.util.Locale.ROOT).contains("orchestrator")).toList();
        if (ours.size() == 1) {
            return ours.get(0).stateMachineArn();
        }
        throw new UsageException(ours.isEmpty()
                ? "submit: no state machine named *orchestrator* in " + aws.target() + "; deploy first (sam deploy) or pass --state-machine ARN"
                : "submit: several orchestrator state machines in " + aws.target() + "; pass --state-machine ARN");
    }

    /**
     * Prints each history event worth a line on stderr until the execution ends (the execution's own end event is
     * left to the one final status line), then the output of a successful execution on stdout.
     */
    private int follow(SfnClient sfn, String executionArn, Duration pollEvery) throws InterruptedException {
        long seen = 0;
        while (true) {
            for (HistoryEvent e : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events()) {
                if (e.id() > seen) {
                    seen = e.id();
                    String line = e.typeAsString().startsWith("Execution") && !e.typeAsString().equals("ExecutionStarted")
                            ? null : Progress.describe(e);
                    if (line != null) {
                        progress.println(line);
                    }
                }
            }
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING) {
                progress.println("execution " + Terminal.status(ansi, d.statusAsString())
                        + (d.error() == null ? "" : ": " + d.error() + " - " + d.cause()));
                if (d.status() == ExecutionStatus.SUCCEEDED) {
                    out.println(d.output());
                    return ExitCodes.OK;
                }
                return ExitCodes.forError(d.error());
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }
}
