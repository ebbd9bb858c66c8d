package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The orchestrator's failure path, state by state with TestState: ComposeFailure turns what a catcher caught
 * ({Error, Cause} as its input, $failure as the catcher assigned it) into the short error name and the cause
 * {@code <detail> -- <advice>}, exactly as the JSONPath states OnOtherError, OnGboError, OnUnexpectedError,
 * ReadErrorCause ... ComposeFailure did before; Failed ends the execution with them.
 */
class OrchestratorFailureIT {
    private static final String UNEXPECTED = " -- The original error was %s. This is unexpected: see the execution history and the"
            + " function logs, and report it if it is a gbo bug.";

    static LocalCloud cloud;
    static SfnClient sfn;
    static String orchestrator;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.builder().port(0).build().start();
        sfn = SfnClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("gbo-local", "gbo-local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
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

    /** ComposeFailure on the caught error (its input) with the catcher's $failure; returns the composed $failure. */
    private static JsonNode compose(String caught, String failure) {
        TestStateResponse r = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("ComposeFailure")
                .input(caught)
                .variables("{\"failure\": " + failure + "}")
                .inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.status()).as("%s %s", r.error(), r.cause()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("PublishFailed");
        return Json.parseOrNull(r.inspectionData().variables()).get("failure");
    }

    private static String lambdaCause(String type, String message) {
        return Json.MAPPER.createObjectNode().put("errorMessage", message).put("errorType", type)
                .set("stackTrace", Json.MAPPER.createArrayNode().add("at dev.gbo.functions.X")).toString();
    }

    private static String caught(String error, String cause) {
        var o = Json.MAPPER.createObjectNode().put("Error", error);
        if (cause != null) {
            o.put("Cause", cause);
        }
        return o.toString();
    }

    @Test
    void composeFailure_namedByCatcherWithLambdaCause_takesTheErrorMessageAndTheAdvice() {
        JsonNode f = compose(caught("dev.gbo.functions.errors.OutOfMemory", lambdaCause("dev.gbo.functions.errors.OutOfMemory", "job j-1 exit 137")),
                "{\"error\": \"OutOfMemory\", \"requestId\": \"r-1\", \"advice\": \"raise memoryMiB\"}");

        assertThat(f.toString()).isEqualTo("{\"error\":\"OutOfMemory\",\"requestId\":\"r-1\",\"cause\":\"job j-1 exit 137 -- raise memoryMiB\"}");
    }

    @Test
    void composeFailure_plainTextCause_isTheDetailAsIs() {
        JsonNode f = compose(caught("States.TaskFailed", "{not json, no message"),
                "{\"error\": \"Throttled\", \"requestId\": \"r-2\", \"advice\": \"later\"}");

        assertThat(f.get("cause").asText()).isEqualTo("{not json, no message -- later");
    }

    @Test
    void composeFailure_jsonCauseWithoutStringMessage_isTheRawCause() {
        String cause = "{\"errorMessage\": 42, \"errorType\": \"x\"}";
        JsonNode f = compose(caught("dev.gbo.functions.errors.Throttled", cause), "{\"error\": \"Throttled\", \"requestId\": \"r-3\", \"advice\": \"later\"}");

        assertThat(f.get("cause").asText()).isEqualTo(cause + " -- later");
    }

    @Test
    void composeFailure_noCause_saysTheErrorReportedNone() {
        JsonNode f = compose(caught("dev.gbo.functions.errors.JobStillRunning", null),
                "{\"error\": \"JobStillRunning\", \"requestId\": \"r-4\", \"advice\": \"wait\"}");

        assertThat(f.get("cause").asText()).isEqualTo("JobStillRunning reported no cause. -- wait");
    }

    @Test
    void composeFailure_catchAllGboError_keepsItsShortNameAndPointsToTheMessage() {
        JsonNode f = compose(caught("dev.gbo.functions.errors.ConfigurationInvalid",
                lambdaCause("dev.gbo.functions.errors.ConfigurationInvalid", "SUBNET_IDS is empty")), "{\"requestId\": \"r-5\"}");

        assertThat(f.toString()).isEqualTo("{\"error\":\"ConfigurationInvalid\",\"requestId\":\"r-5\","
                + "\"cause\":\"SUBNET_IDS is empty -- See the message above; it names what to fix.\"}");
    }

    @Test
    void composeFailure_catchAllOtherError_isUnexpectedErrorNamingTheOriginal() {
        JsonNode f = compose(caught("Lambda.Unknown", "The cause could not be determined"), "{\"requestId\": \"r-6\"}");

        assertThat(f.get("error").asText()).isEqualTo("UnexpectedError");
        assertThat(f.get("cause").asText()).isEqualTo("The cause could not be determined" + UNEXPECTED.formatted("Lambda.Unknown"));
    }

    @Test
    void composeFailure_normalizeFailedBeforeARequest_keepsRequestIdNull() {
        JsonNode f = compose(caught("dev.gbo.functions.errors.InvalidRequest", lambdaCause("dev.gbo.functions.errors.InvalidRequest", "vcpus: 0")),
                "{\"error\": \"InvalidRequest\", \"requestId\": null, \"advice\": \"correct it\"}");

        assertThat(f.has("requestId")).isTrue();
        assertThat(f.get("requestId").isNull()).isTrue();
        assertThat(f.get("cause").asText()).isEqualTo("vcpus: 0 -- correct it");
    }

    @Test
    void failed_composedFailure_endsWithTheShortNameAndTheCause() {
        TestStateResponse r = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("Failed")
                .input("{}")
                .variables("{\"failure\": {\"error\": \"OutOfMemory\", \"requestId\": \"r-7\", \"cause\": \"exit 137 -- raise memoryMiB\"}}"));

        assertThat(r.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(r.error()).isEqualTo("OutOfMemory");
        assertThat(r.cause()).isEqualTo("exit 137 -- raise memoryMiB");
    }

    @Test
    void runJob_instanceTypeRefused_marksTheFamilyRefusedForgetsTheQueueAndGoesBackToCapacity() {
        TestStateResponse r = sfn.testState(b -> b
                .definition(orchestrator)
                .stateName("RunJob")
                .input("{}")
                .variables("{\"request\": {\"requestId\": \"r-8\", \"timeoutSeconds\": 3600}, \"capacity\": {\"family\": \"m9g\","
                        + " \"refusedFamily\": null, \"excludedFamilies\": []}, \"queue\": {\"jobQueue\": \"q\", \"ready\": true}}")
                .inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("dev.gbo.functions.errors.BatchCapacityUnavailable").cause("cancelled"))));

        assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(r.nextState()).isEqualTo("Capacity");
        JsonNode vars = Json.parseOrNull(r.inspectionData().variables());
        assertThat(vars.get("capacity").toString()).isEqualTo("{\"family\":\"m9g\",\"refusedFamily\":\"m9g\",\"excludedFamilies\":[],"
                + "\"refusedReason\":\"dev.gbo.functions.errors.BatchCapacityUnavailable\"}");
        assertThat(vars.get("queue").isNull()).isTrue();
    }
}
