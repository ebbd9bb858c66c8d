package dev.gbo.functions;

import dev.gbo.model.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.errors.GboException;
import dev.gbo.functions.errors.InvalidRequest;
import dev.gbo.functions.errors.JobStillRunning;
import dev.gbo.functions.state.Attempt;
import dev.gbo.functions.state.ExecutionState;
import dev.gbo.functions.state.QueueState;
import dev.gbo.functions.state.StateJson;
import dev.gbo.model.errors.ErrorName;
import dev.gbo.model.support.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Handler paths that need no AWS answer. Clients point at a closed local port: any AWS call would fail,
 * which proves these paths make none.
 */
class HandlersTest {
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
            "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "NAME_PREFIX", "gbo");

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, JsonNode input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.toJson(input).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void normalizeHandler_consolePayload_returnsCanonicalRequest() throws Exception {
        ObjectNode payload = Json.object();
        payload.set("trigger", Fixtures.event("console-input.json"));
        payload.put("executionName", "demo-run-1");

        JsonNode out = invoke(new NormalizeHandler(Map.of()), payload);

        assertThat(out.get("requestId").asText()).isEqualTo("exec-demo-run-1");
        assertThat(out.get("retry").get("attempts").asInt()).isEqualTo(3);
        assertThat(out.get("verify").get("architecture").asText()).isEqualTo("aarch64");
    }

    @Test
    void normalizeHandler_invalidPayload_throwsInvalidRequestByClassName() {
        ObjectNode payload = Json.object();
        payload.putObject("trigger").put("vcpus", 0);
        payload.put("executionName", "x");

        assertThatThrownBy(() -> invoke(new NormalizeHandler(Map.of()), payload))
                .isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("dev.gbo.functions.errors.InvalidRequest"));
    }

    @Test
    void normalizeHandler_hostileFixturesAsSamLocalInvokeSendsThem_throwInvalidRequest() {
        Map<String, String> env = Map.of("DEFAULT_IMAGE", "python:3.12-slim",
                "DEFAULT_JOB_JSON", "{\"command\": [\"python\", \"/app/app.py\"]}");
        for (String fixture : new String[] {"s3-bad-bucket.json", "invalid-null-fields.json", "submit-batch-job-null-fields.json"}) {
            assertThatThrownBy(() -> invoke(new NormalizeHandler(env), Fixtures.event(fixture)))
                    .as(fixture).isInstanceOf(InvalidRequest.class).hasMessageContaining("request is invalid");
        }
    }

    @Test
    void jobStateChangeHandler_jobWithoutGboParameters_acknowledgedWithoutAwsCalls() throws Exception {
        JsonNode event = Fixtures.event("job-succeeded.json");
        ((ObjectNode) event.get("detail")).remove("parameters");

        JsonNode out = invoke(new JobStateChangeHandler(ENV), event);

        assertThat(out.get("acknowledged").asBoolean()).isTrue();
        assertThat(out.get("ignored").asText()).contains("no gboTaskToken");
    }

    @Test
    void jobStateChangeHandler_arrayChild_ignored() throws Exception {
        JsonNode event = Fixtures.event("job-succeeded.json");
        ((ObjectNode) event.get("detail")).putObject("arrayProperties").put("index", 3);

        JsonNode out = invoke(new JobStateChangeHandler(ENV), event);

        assertThat(out.get("ignored").asText()).isEqualTo("array child");
    }

    @Test
    void jobStateChangeHandler_otherDetailType_ignored() throws Exception {
        JsonNode out = invoke(new JobStateChangeHandler(ENV), Fixtures.event("scheduled-event.json"));

        assertThat(out.get("ignored").asText()).contains("not a Batch Job State Change");
    }

    @Test
    void jobStateChangeHandler_blockedUndetermined_noHeartbeat() throws Exception {
        JsonNode event = Fixtures.event("job-runnable.json");
        ((ObjectNode) event.get("detail")).put("statusReason", "UNDETERMINED - Batch job is blocked, root cause is undetermined.");

        JsonNode out = invoke(new JobStateChangeHandler(ENV), event);

        assertThat(out.get("heartbeat").asBoolean()).isFalse();
    }

    @Test
    void queueState_previousChecks_countOnlyForSameFamily() {
        QueueState same = StateJson.bind(Json.parse("{\"family\": \"m8g\", \"checks\": 7, \"unknown\": 1}"), QueueState.class);

        assertThat(QueueState.previousChecks(same, "m8g")).isEqualTo(7);
        assertThat(QueueState.previousChecks(same, "m7g")).isZero();
        assertThat(QueueState.previousChecks(null, "m8g")).isZero();
    }

    @Test
    void stateBinding_missingOrMalformedRequest_givesTheClearErrors() {
        assertThatThrownBy(() -> StateJson.bind(Json.parse("{\"capacity\": {}}"), Attempt.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("state has no 'request' object; NormalizeHandler output must be at $.request");
        assertThatThrownBy(() -> StateJson.bind(Json.object(), ExecutionState.class)).hasMessageContaining("state has no 'request' object");
        assertThatThrownBy(() -> StateJson.bind(Json.parse("{\"request\": {\"vcpus\": \"many\"}}"), Attempt.class))
                .hasMessageStartingWith("state 'request' is not a canonical request");
    }

    @Test
    void gboException_of_buildsClassForEveryErrorName() {
        for (ErrorName name : ErrorName.values()) {
            GboException e = GboException.of(name.name(), "cause");
            assertThat(e.getClass().getName()).isEqualTo(name.lambdaErrorType()).isEqualTo("dev.gbo.functions.errors." + name);
            assertThat(e.errorName()).isEqualTo(name.name());
        }
        assertThat(GboException.of("JobStillRunning", "m")).isInstanceOf(JobStillRunning.class).hasMessage("m");
        assertThat(GboException.names()).isEqualTo(ErrorName.names());
    }

    @Test
    void handlers_mapConstructor_buildsFromEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("SUBNET_IDS", "subnet-1");
        assertThat(new CapacityHandler(env)).isNotNull();
        assertThat(new EnsureQueueHandler(env)).isNotNull();
        assertThat(new SubmitHandler(env)).isNotNull();
        assertThat(new ReconcileHandler(env)).isNotNull();
    }

    @Test
    void prime_withUnreachableEndpoint_toleratesFailures() {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("SUBNET_IDS", "subnet-1");
        new NormalizeHandler(env).beforeCheckpoint(null);
        new CapacityHandler(env).beforeCheckpoint(null);
        new JobStateChangeHandler(env).beforeCheckpoint(null);
    }
}
