package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.PermissionReport;
import dev.gbo.testkit.LocalDeployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege report of template.yaml (docs/iam.md): every bundled scenario runs with IAM enforced,
 * one local cloud each, and their reports are merged; it is printed and written to
 * {@code cli/target/least-privilege-report.txt}. Nothing may be refused, and the grants never used must be
 * exactly those docs/iam.md explains (used only on AWS paths the local scenarios do not reach): a new unused
 * grant means template.yaml grants more than the orchestrator needs, a used one that it should leave the list.
 */
class LeastPrivilegeIT {
    private static final Path HOME = Path.of("").toAbsolutePath();

    /** Every bundled scenario with the trigger ScenariosIT runs it with; array fan-out on happy-m9g too. */
    private static final List<String[]> RUNS = List.of(
            new String[] {"demo", "s3-object-created"},
            new String[] {"happy-m9g", "console-input"},
            new String[] {"happy-m9g", "console-input-array"},
            new String[] {"arch-mismatch", "console-input"},
            new String[] {"capacity-timelimit", "console-input"},
            new String[] {"duplicate-events", "submit-batch-job"},
            new String[] {"ce-invalid", "console-input"},
            new String[] {"batch-refuses-m9g", "scheduled-event"});

    /** The grants template.yaml keeps although no local scenario uses them; docs/iam.md says why, one by one. */
    static final List<String> EXPECTED_UNUSED = List.of(
            "EnsureQueueFunctionRolePolicy0 / ManageProjectBatchResources: batch:UpdateComputeEnvironment",
            "EnsureQueueFunctionRolePolicy0 / ManageProjectBatchResources: batch:UpdateJobQueue",
            "EnsureQueueFunctionRolePolicy0 / PassBatchServiceLinkedRole: iam:PassRole",
            "SubmitFunctionRolePolicy0 / FindExistingJob: batch:DescribeJobs",
            "SubmitFunctionRolePolicy0 / WakeTaskOfEndedJob: states:SendTaskSuccess",
            "ReconcileFunctionRolePolicy0 / FindAndDescribeJob: batch:ListJobs",
            "CleanupFunctionRolePolicy0 / FindJobsOfTheExecution: batch:DescribeJobs",
            "CleanupFunctionRolePolicy0 / TerminateOwnJobs: batch:TerminateJob",
            "CleanupFunctionRolePolicy0 / ReadExecutionInput: states:DescribeExecution",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:CreateLogDelivery",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:GetLogDelivery",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:UpdateLogDelivery",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:DeleteLogDelivery",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:ListLogDeliveries",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:PutResourcePolicy",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:DescribeResourcePolicies",
            "OrchestratorStateMachineRolePolicy6 / DeliverExecutionLogs: logs:DescribeLogGroups");

    static PermissionReport runAll() throws Exception {
        try (Stream<Path> files = Files.list(HOME.resolve("scenarios"))) {
            List<String> bundled = files.map(f -> f.getFileName().toString().replace(".json", "")).sorted().toList();
            assertThat(RUNS.stream().map(r -> r[0]).distinct().sorted().toList()).as("every bundled scenario runs")
                    .isEqualTo(bundled);
        }
        PermissionReport merged = null;
        for (String[] run : RUNS) {
            JsonNode event = Json.requireObject(Files.readString(HOME.resolve("events/" + run[1] + ".json")), run[1]);
            try (LocalDeployment local = LocalDeployment.start(HOME, Scenarios.load(HOME.resolve("scenarios/" + run[0] + ".json")),
                    0, null, Trigger.bucketOf(event), Trigger.isScheduled(event) ? Trigger.SCHEDULE : "", true)) {
                Trigger.fire(local, event, run[1]);
                assertThat(local.cloud().clock().awaitIdle(Duration.ofSeconds(120))).as(run[0] + " settles").isTrue();
                PermissionReport r = local.permissionReport();
                merged = merged == null ? r : merged.merge(r);
            }
        }
        return merged;
    }

    @Test
    void bundledScenarios_iamEnforced_nothingRefusedAndOnlyTheExplainedGrantsUnused() throws Exception {
        PermissionReport report = runAll();
        String text = "IAM least-privilege report: the bundled scenarios (" + RUNS.size() + " runs), template.yaml\n\n"
                + report.format();
        System.out.println(text);
        Files.writeString(HOME.resolve("cli/target/least-privilege-report.txt"), text, StandardCharsets.UTF_8);

        assertThat(report.refusals()).as("refused calls").isEmpty();
        assertThat(report.unused()).as("granted but never used").map(u -> u.substring(u.indexOf(" / ") + 3))
                .containsExactlyInAnyOrderElementsOf(EXPECTED_UNUSED);
    }
}
