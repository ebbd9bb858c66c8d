package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.Fixtures;
import dev.gbo.functions.NormalizeHandler;
import dev.gbo.model.support.Json;
import dev.gbo.local.LocalCloud;
import dev.gbo.testkit.LocalCloudExtension;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.local.scenario.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What the integration tests against the embedded local cloud share (abstract: it holds no tests).
 * {@link Fixture}: one local cloud for a test class, the function environment of docs/contracts.md
 * pointed at it, real unmodified SDK v2 clients, raw handler invocation, the canonical request of
 * {@code events/console-input.json}, and the events the cloud's services emit.
 */
abstract class LocalCloudIT {
    private LocalCloudIT() {
    }

    static final class Fixture {
        static final Path SCENARIOS = Path.of("..", "scenarios");
        static final String ACCESS_KEY = "AKIDLOCALTEST";
        static final String SECRET_KEY = "local-secret";
        static final String SECURITY_GROUP = "sg-0123456789abcdef0";
        static final String INSTANCE_ROLE = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole";

        final LocalCloud cloud;
        final Scenario scenario;
        /** Every event a service of the cloud emitted (Batch job state changes, Step Functions putEvents, ...). */
        final List<ObjectNode> emitted;
        private final LocalCloudExtension extension;

        /**
         * The functions' view of the class's local cloud: the test class registers the cloud once
         * ({@code @RegisterExtension static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("...")}),
         * which starts and closes it; SDK clients made here are closed with it.
         */
        Fixture(LocalCloudExtension extension) {
            this.extension = extension;
            this.cloud = extension.cloud();
            this.scenario = extension.loadedScenario();
            this.emitted = extension.emitted();
        }

        /** The function environment template.yaml sets (docs/contracts.md), pointed at this cloud. */
        Map<String, String> env(String namePrefix) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("AWS_REGION", cloud.region());
            env.put("AWS_ENDPOINT_URL", cloud.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
            env.put("NAME_PREFIX", namePrefix);
            env.put("FAMILY_LADDER", "m9g,m8g,m7g");
            env.put("SUBNET_IDS", String.join(",", scenario.subnets().stream().map(Scenario.Subnet::subnetId).toList()));
            env.put("SECURITY_GROUP_IDS", SECURITY_GROUP);
            env.put("INSTANCE_ROLE_ARN", INSTANCE_ROLE);
            env.put("PROVISIONING", "ON_DEMAND");
            env.put("MAX_VCPUS", "64");
            env.put("RUNNABLE_TIMEOUT_SECONDS", "600");
            env.put("EVENT_BUS_NAME", "default");
            env.put("LOG_GROUP", "/aws/batch/job");
            env.put("DEFAULT_IMAGE", "123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest");
            env.put("DEFAULT_TIMEOUT_SECONDS", "3600");
            return env;
        }

        <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable> C client(B builder) {
            C client = builder.endpointOverride(cloud.endpoint())
                    .region(Region.of(cloud.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            return extension.closeAfterAll(client);
        }

        BatchClient batch() {
            return client(BatchClient.builder());
        }

        SfnClient sfn() {
            return client(SfnClient.builder());
        }

        EventBridgeClient events() {
            return client(EventBridgeClient.builder());
        }

        /** VIRTUAL: lets the simulation run until nothing is pending. */
        void idle() {
            assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(30))).as("local cloud went idle").isTrue();
        }

        /** Lets simulated time pass: VIRTUAL runs until idle, MANUAL advances by {@code by}. */
        void settle(Duration by) {
            if (cloud.clock().mode() == SimClock.Mode.MANUAL) {
                cloud.clock().advance(by);
            } else {
                idle();
            }
        }

        /**
         * Normalize, Capacity and EnsureQueue (called again after simulated time passes, as the state machine's
         * Wait loop does) for a request of execution {@code executionName}: the state {@code {request, capacity,
         * queue}} with {@code queue.ready} true.
         */
        ObjectNode readyState(String namePrefix, String executionName) {
            Map<String, String> env = env(namePrefix);
            JsonNode request = request(executionName);
            JsonNode capacity = invoke(new dev.gbo.functions.CapacityHandler(env), state(request));
            dev.gbo.functions.EnsureQueueHandler ensure = new dev.gbo.functions.EnsureQueueHandler(env);
            ObjectNode state = state(request, "capacity", capacity);
            for (int pass = 0; pass < 5; pass++) {
                JsonNode queue = invoke(ensure, state);
                state.set("queue", queue);
                if (queue.get("ready").asBoolean()) {
                    return state;
                }
                settle(Duration.ofSeconds(scenario.timing().computeEnvironmentCreateSeconds() + 5));
            }
            throw new AssertionError("queue of " + namePrefix + " never became ready: " + state.get("queue"));
        }

        /** SubmitFunction's Payload: {@code {request, capacity, queue, attempt, executionName, taskToken}}. */
        static ObjectNode submitPayload(JsonNode readyState, int attempt, String executionName, String taskToken) {
            ObjectNode payload = readyState.deepCopy();
            payload.put("attempt", attempt).put("executionName", executionName).put("taskToken", taskToken);
            return payload;
        }

        /** Raw JSON in, raw JSON out, as the Lambda Java runtime calls a RequestStreamHandler. */
        static JsonNode invoke(RequestStreamHandler handler, JsonNode input) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(Json.toJson(input).getBytes(StandardCharsets.UTF_8)), out, null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Json.parse(out.toString(StandardCharsets.UTF_8));
        }

        /** NormalizeHandler over {@code events/console-input.json}: the canonical request of execution {@code executionName}. */
        JsonNode request(String executionName) {
            ObjectNode payload = Json.object();
            payload.set("trigger", Fixtures.event("console-input.json"));
            payload.put("executionName", executionName);
            return invoke(new NormalizeHandler(env("gbo")), payload);
        }

        /** {@code {"request": ...}} plus the given parts. */
        static ObjectNode state(JsonNode request, Object... parts) {
            ObjectNode state = Json.object();
            state.set("request", request);
            for (int i = 0; i + 1 < parts.length; i += 2) {
                state.set((String) parts[i], (JsonNode) parts[i + 1]);
            }
            return state;
        }

        /**
         * Routes every event of {@code source} on the default bus to an SQS-ARN target: the local cloud keeps
         * such messages in its in-memory queue store, which the test reads back with {@link #queued(String)}.
         */
        void captureSource(String source, String queueName) {
            EventBridgeClient events = events();
            String rule = "it-capture-" + queueName;
            events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
            events.putTargets(b -> b.rule(rule).targets(Target.builder().id("q")
                    .arn("arn:aws:sqs:" + cloud.region() + ":" + cloud.accountId() + ":" + queueName).build()));
        }

        List<JsonNode> queued(String queueName) {
            EventBridgeService service = (EventBridgeService) cloud.services().get("events");
            return service.deadLetters().messages(queueName).stream().map(m -> Json.parse(m.body())).toList();
        }

        /** "Batch Job State Change" events of one job, in emission order. */
        List<ObjectNode> jobEvents(String jobId) {
            return emitted.stream()
                    .filter(e -> "Batch Job State Change".equals(e.path("detail-type").asText()))
                    .filter(e -> jobId.equals(e.path("detail").path("jobId").asText()))
                    .toList();
        }

        /** Runs {@code body} with System.out captured (and still printed); returns what it printed. */
        static <T> Captured<T> capturingStdout(Supplier<T> body) {
            PrintStream original = System.out;
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            PrintStream tee = new PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    copy.write(b);
                    original.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    copy.write(b, off, len);
                    original.write(b, off, len);
                }
            }, true, StandardCharsets.UTF_8);
            System.setOut(tee);
            try {
                T value = body.get();
                tee.flush();
                return new Captured<>(value, copy.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(original);
            }
        }

        record Captured<T>(T value, String stdout) {
        }

    }
}
