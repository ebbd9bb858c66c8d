package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * Unit tests of one state of the orchestrator (statemachine/orchestrator.asl.json) with TestState and a mock,
 * as AWS recommends since Step Functions Local was retired: the Capacity task's Lambda is never called. The
 * orchestrator is JSONata: the state reads the workflow variables Normalize assigned, which TestState takes as
 * {@code variables}. This class is the example of docs/testing-states.md; keep the two in step.
 */
class OrchestratorStateTestIT {

    static LocalCloud cloud;
    static SfnClient sfn;
    static String orchestrator;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.builder().port(0).build().start(); // or `gbo serve` and http://localhost:4566
        sfn = SfnClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("gbo-local", "gbo-local")))
                .httpClient(UrlConnectionHttpClient.create())
                // TestState is sent to "sync-" + the endpoint's host; keep the endpoint's host as it is
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
        // The definition as deployed: template.yaml's DefinitionSubstitutions filled in (TestState checks it as CreateStateMachine does)
        String fn = "arn:aws:lambda:us-east-1:123456789012:function:";
        Map<String, String> substitutions = Map.of("NormalizeFunctionArn", fn + "Normalize", "CapacityFunctionArn", fn + "Capacity",
                "EnsureQueueFunctionArn", fn + "EnsureQueue", "SubmitFunctionArn", fn + "Submit", "ReconcileFunctionArn", fn + "Reconcile",
                "EventBusName", "gbo", "RunnableTimeoutSeconds", "1800");
        String asl = Files.readString(Path.of("").toAbsolutePath().resolve("statemachine/orchestrator.asl.json"));
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            asl = asl.replace("${" + s.getKey() + "}", s.getValue());
        }
        orchestrator = asl;
    }

    @AfterAll
    static void stop() {
        sfn.close();
        cloud.close();
    }

    /** The workflow variables Normalize assigned before Capacity runs: $request and the first $capacity. */
    private static String variables(String requestId) {
        return "{\"request\": {\"requestId\": \"" + requestId + "\", \"vcpus\": 2, \"memoryMiB\": 4096},"
                + " \"capacity\": {\"excludedFamilies\": [], \"refusedFamily\": null}, \"queue\": null}";
    }

    @Test
    void capacity_lambdaReturnsAFamily_assignsCapacityAndGoesToEnsureQueue() {
        TestStateResponse r = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("Capacity")
                .input("{}")
                .variables(variables("r-1"))
                .inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.result("{\"StatusCode\": 200, \"Payload\": {\"family\": \"c7g\", \"instanceTypes\": [\"c7g.large\"]}}")));

        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("EnsureQueue");
        assertThat(r.output()).isEqualTo("{\"family\":\"c7g\",\"instanceTypes\":[\"c7g.large\"]}");
        assertThat(r.inspectionData().variables()).contains("\"capacity\":{\"family\":\"c7g\",\"instanceTypes\":[\"c7g.large\"]}");
    }

    @Test
    void capacity_noArmCapacity_isCaughtNamedAndGoesToComposeFailure() {
        TestStateResponse r = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("Capacity")
                .input("{}")
                .variables(variables("r-2"))
                .inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("dev.gbo.functions.errors.NoArmCapacity").cause("no family fits"))));

        assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(r.nextState()).isEqualTo("ComposeFailure");
        assertThat(r.output()).isEqualTo("{\"Error\":\"dev.gbo.functions.errors.NoArmCapacity\",\"Cause\":\"no family fits\"}");
        assertThat(r.inspectionData().variables()).contains("\"failure\":{\"error\":\"NoArmCapacity\",\"requestId\":\"r-2\"");
    }

    @Test
    void capacity_taskFailed_isCaughtByStatesAllWithoutAName() {
        TestStateResponse r = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("Capacity")
                .input("{}")
                .variables(variables("r-3"))
                .inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("States.TaskFailed").cause("boom"))));

        assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(r.nextState()).isEqualTo("ComposeFailure");
        assertThat(r.inspectionData().variables()).contains("\"failure\":{\"requestId\":\"r-3\"}");
    }

    @Test
    void capacity_throttled_isRetriedBeforeItIsCaught() {
        TestStateResponse first = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("Capacity")
                .input("{}")
                .variables(variables("r-4"))
                .mock(m -> m.errorOutput(e -> e.error("dev.gbo.functions.errors.Throttled").cause("slow down"))));
        assertThat(first.status()).isEqualTo(TestExecutionStatus.RETRIABLE);

        TestStateResponse spent = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("Capacity")
                .input("{}")
                .variables(variables("r-4"))
                .stateConfiguration(c -> c.retrierRetryCount(12)) // the Throttled retrier's MaxAttempts
                .inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("dev.gbo.functions.errors.Throttled").cause("slow down"))));
        assertThat(spent.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(spent.nextState()).isEqualTo("ComposeFailure");
        assertThat(spent.inspectionData().variables()).contains("\"failure\":{\"error\":\"Throttled\"");
    }
}
