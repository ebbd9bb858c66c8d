package dev.gbo.cli;

import dev.gbo.testkit.AwsClients;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/** {@code gbo submit}: starts an execution on real or local Step Functions and follows it. */
final class Submit {
    private final AwsClients aws;
    private final PrintStream out;

    Submit(AwsClients aws, PrintStream out) {
        this.aws = aws;
        this.out = out;
    }

    int run(Path event, String stateMachineArn, boolean follow, Duration pollEvery) throws Exception {
        String input = Files.readString(event);
        Json.requireObject(input, event.toString());
        try (SfnClient sfn = aws.sfn()) {
            String arn = stateMachineArn != null ? stateMachineArn : findOrchestrator(sfn);
            String name = "gbo-" + event.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-") + "-"
                    + Long.toString(System.currentTimeMillis(), 36);
            String executionArn = sfn.startExecution(r -> r.stateMachineArn(arn).name(name).input(input)).executionArn();
            out.println("started " + executionArn);
            if (!follow) {
                out.println("follow it with: gbo submit ... --wait, or aws stepfunctions describe-execution --execution-arn " + executionArn);
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

    private int follow(SfnClient sfn, String executionArn, Duration pollEvery) throws InterruptedException {
        long seen = 0;
        while (true) {
            for (HistoryEvent e : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events()) {
                if (e.id() > seen) {
                    seen = e.id();
                    String line = Progress.describe(e);
                    if (line != null) {
                        out.println(line);
                    }
                }
            }
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING) {
                out.println("execution " + d.statusAsString() + (d.error() == null ? "" : ": " + d.error() + " - " + d.cause()));
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
