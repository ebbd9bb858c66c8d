package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Workflow variables survive a restart of a durable local cloud: they come back from the history's assignedVariables. */
class StepFunctionsVariablesDurableIT {

    static final String MACHINE = """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"x": "{% $states.input.v %}", "y": "kept"}, "Next": "Par"},
              "Par": {"Type": "Parallel", "Branches": [{"StartAt": "Mine", "States": {
                  "Mine": {"Type": "Pass", "Assign": {"inner": "{% $x + 1 %}"}, "Next": "Sleep"},
                  "Sleep": {"Type": "Wait", "Seconds": 100, "Next": "Back"},
                  "Back": {"Type": "Pass", "Output": "{% $inner %}", "End": true}}}],
                "Next": "Out"},
              "Out": {"Type": "Pass", "Output": "{% {'x': $x, 'y': $y, 'branch': $states.input} %}", "End": true}}}""";

    @TempDir
    Path dir;

    static SfnClient client(LocalCloud cloud) {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET"))).build();
    }

    static void await(Predicate<Void> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.test(null) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void resumeInFlight_executionWaitingInABranch_keepsOuterAndBranchVariables() throws Exception {
        String exec;
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start();
                SfnClient sfn = client(cloud)) {
            String arn = sfn.createStateMachine(b -> b.name("vars").definition(MACHINE)
                    .roleArn("arn:aws:iam::123456789012:role/StatesRole")).stateMachineArn();
            exec = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"v\": 41}")).executionArn();
            await(x -> sfn.getExecutionHistory(b -> b.executionArn(exec)).events().stream()
                    .anyMatch(e -> e.type() == HistoryEventType.WAIT_STATE_ENTERED));
            assertThat(sfn.describeExecution(b -> b.executionArn(exec)).status()).isEqualTo(ExecutionStatus.RUNNING);
        }
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start();
                SfnClient sfn = client(cloud)) {
            cloud.clock().advance(Duration.ofSeconds(200));
            await(x -> sfn.describeExecution(b -> b.executionArn(exec)).status() != ExecutionStatus.RUNNING);
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(exec));
            assertThat(d.status()).as(d.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"x\": 41, \"y\": \"kept\", \"branch\": [42]}"));
        }
    }
}
