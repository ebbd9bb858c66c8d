package dev.gbo.model.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.Fixtures;
import dev.gbo.model.errors.ErrorName;
import dev.gbo.model.errors.GboError;
import dev.gbo.model.errors.ConfigurationError;
import dev.gbo.model.support.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestNormalizerTest {
    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest";
    private static final String DEFAULT_JOB = """
            {"name": "ingest", "image": "%s", "command": ["python", "/app/ingest.py"], "environment": {"MODE": "full"}}
            """.formatted(IMAGE);

    private static RequestNormalizer normalizer(Map<String, String> env) {
        return new RequestNormalizer(RequestDefaults.fromEnvironment(env));
    }

    private static RequestNormalizer withDefaultJob() {
        return normalizer(Map.of("DEFAULT_JOB_JSON", DEFAULT_JOB));
    }

    private static JsonNode wrap(JsonNode trigger, String executionName) {
        ObjectNode payload = Json.object();
        payload.set("trigger", trigger);
        payload.put("executionName", executionName);
        return payload;
    }

    private static ObjectNode console() {
        return (ObjectNode) Fixtures.event("console-input.json");
    }

    @Test
    void normalize_s3ObjectCreated_putsBucketAndKeyIntoEnvironmentAndParameters() {
        JobRequest request = withDefaultJob().normalize(wrap(Fixtures.event("s3-object-created.json"), "run-1"));

        assertThat(request.requestId()).isEqualTo("evt-17793124-05d4-b198-2fde-7ededc63b103");
        assertThat(request.source().get("type").asText()).isEqualTo("s3");
        assertThat(request.source().get("bucket").asText()).isEqualTo("gbo-input-demo");
        assertThat(request.source().get("key").asText()).isEqualTo("incoming/images-2026-11-20.csv");
        assertThat(request.environment()).containsEntry("GBO_INPUT_BUCKET", "gbo-input-demo")
                .containsEntry("GBO_INPUT_KEY", "incoming/images-2026-11-20.csv").containsEntry("MODE", "full");
        assertThat(request.parameters()).containsEntry("inputBucket", "gbo-input-demo")
                .containsEntry("inputKey", "incoming/images-2026-11-20.csv");
        assertThat(request.name()).isEqualTo("ingest");
        assertThat(request.image()).isEqualTo(IMAGE);
    }

    @Test
    void normalize_s3WithoutDefaultJobName_derivesNameFromBucket() {
        JobRequest request = normalizer(Map.of("DEFAULT_IMAGE", IMAGE,
                "DEFAULT_JOB_JSON", "{\"command\": [\"python\", \"/app/app.py\"]}"))
                .normalize(Fixtures.event("s3-object-created.json"), null);

        assertThat(request.name()).isEqualTo("gbo-input-demo");
        assertThat(request.vcpus()).isEqualTo(1);
        assertThat(request.memoryMiB()).isEqualTo(2048);
        assertThat(request.retry().attempts()).isEqualTo(3);
        assertThat(request.timeoutSeconds()).isEqualTo(3600);
    }

    @Test
    void normalize_scheduledEvent_usesDefaultJobAndRuleName() {
        ScheduledEvent typed = EventLoader.loadScheduledEvent(Fixtures.path("scheduled-event.json").toString());
        assertThat(typed.getSource()).isEqualTo("aws.events");

        JobRequest request = normalizer(Map.of("DEFAULT_JOB_JSON",
                "{\"image\": \"" + IMAGE + "\", \"command\": [\"python\", \"/app/report.py\"]}"))
                .normalize(wrap(Fixtures.event("scheduled-event.json"), "nightly-1"));

        assertThat(request.requestId()).isEqualTo("evt-89d1a02d-5ec7-412e-82f5-13505f849b41");
        assertThat(request.name()).isEqualTo("gbo-nightly-report");
        assertThat(request.source().get("type").asText()).isEqualTo("schedule");
        assertThat(request.source().get("rule").asText()).isEqualTo("gbo-nightly-report");
        assertThat(request.command()).containsExactly("python", "/app/report.py");
    }

    @Test
    void normalize_scheduledEventWithRequestInDetail_overlaysDefaultJob() {
        ObjectNode event = (ObjectNode) Fixtures.event("scheduled-event.json");
        ((ObjectNode) event.get("detail")).put("vcpus", 4).put("memoryMiB", 8192);

        JobRequest request = withDefaultJob().normalize(event, null);

        assertThat(request.name()).isEqualTo("ingest");
        assertThat(request.vcpus()).isEqualTo(4);
        assertThat(request.memoryMiB()).isEqualTo(8192);
    }

    @Test
    void normalize_submitBatchJobEvent_takesDetailAsPartialRequest() {
        JobRequest request = normalizer(Map.of()).normalize(wrap(Fixtures.event("submit-batch-job.json"), "x"));

        assertThat(request.requestId()).isEqualTo("evt-6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        assertThat(request.source().get("type").asText()).isEqualTo("custom");
        assertThat(request.source().get("eventSource").asText()).isEqualTo("com.example.ingest");
        assertThat(request.name()).isEqualTo("thumbnails");
        assertThat(request.vcpus()).isEqualTo(2);
        assertThat(request.memoryMiB()).isEqualTo(4096);
        assertThat(request.timeoutSeconds()).isEqualTo(1800);
        assertThat(request.parameters()).containsEntry("size", "256");
        assertThat(request.verify().logContains()).containsExactly("\"arch\": \"aarch64\"");
    }

    @Test
    void normalize_consoleInput_requestIdFromExecutionName() {
        JobRequest request = normalizer(Map.of()).normalize(wrap(console(), "demo-run-1"));

        assertThat(request.requestId()).isEqualTo("exec-demo-run-1");
        assertThat(request.source().get("type").asText()).isEqualTo("console");
        assertThat(request.source().get("executionName").asText()).isEqualTo("demo-run-1");
        assertThat(request.name()).isEqualTo("arm64-demo");
        assertThat(request.arraySize()).isZero();
        assertThat(request.verify().architecture()).isEqualTo("aarch64");
        assertThat(request.verify().exitCode()).isZero();
    }

    @Test
    void normalize_consoleInputWithoutExecutionName_requestIdIsStableHashOfInput() {
        RequestNormalizer normalizer = normalizer(Map.of());

        String first = normalizer.normalize(console()).requestId();
        String second = normalizer.normalize(console()).requestId();
        ObjectNode changed = console().put("vcpus", 2);

        assertThat(first).startsWith("req-").isEqualTo(second);
        assertThat(normalizer.normalize(changed).requestId()).isNotEqualTo(first);
    }

    @Test
    void normalize_sameEventTwice_givesSameRequest() {
        JsonNode event = Fixtures.event("submit-batch-job.json");

        assertThat(normalizer(Map.of()).normalize(event, null)).isEqualTo(normalizer(Map.of()).normalize(event, "other"));
    }

    @Test
    void normalize_envDefaults_fillMissingFields() {
        Map<String, String> env = Map.of("DEFAULT_IMAGE", IMAGE, "DEFAULT_VCPUS", "2", "DEFAULT_MEMORY_MIB", "4096",
                "DEFAULT_RETRY_ATTEMPTS", "5", "DEFAULT_TIMEOUT_SECONDS", "900");
        ObjectNode partial = Json.object().put("name", "minimal");
        partial.putArray("command").add("true");

        JobRequest request = normalizer(env).normalize(partial, "e");

        assertThat(request.image()).isEqualTo(IMAGE);
        assertThat(request.vcpus()).isEqualTo(2);
        assertThat(request.memoryMiB()).isEqualTo(4096);
        assertThat(request.retry().attempts()).isEqualTo(5);
        assertThat(request.timeoutSeconds()).isEqualTo(900);
    }

    @Test
    void normalize_triggerEnvironment_mergesKeyByKeyOverDefaultJob() {
        ObjectNode partial = Json.object();
        partial.putObject("environment").put("EXTRA", "1").put("MODE", "delta");

        JobRequest request = withDefaultJob().normalize(partial, "e");

        assertThat(request.environment()).containsEntry("MODE", "delta").containsEntry("EXTRA", "1");
    }

    @Test
    void normalize_everyFieldInvalid_collectsAllProblemsInOneMessage() {
        String bad = """
                {"name": "bad name!", "image": "Not An Image::", "command": [],
                 "vcpus": 0, "memoryMiB": 100, "arraySize": 1, "retry": {"attempts": 11}, "timeoutSeconds": 30,
                 "environment": {"AWS_BATCH_JOB_ID": "x", "1BAD": "y", "NUM": 5},
                 "parameters": {"gboTaskToken": "t", "ok": 1},
                 "verify": {"exitCode": "zero", "architecture": "x86_64", "logContains": [""]},
                 "vcpu": 2}
                """;

        assertThatThrownBy(() -> normalizer(Map.of()).normalize(Json.parse(bad), "e"))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("request is invalid (17 problems)")
                .hasMessageContaining("name: 'bad name!' is not 1..100 letters")
                .hasMessageContaining("image: 'Not An Image::' is not an image reference")
                .hasMessageContaining("command: must be a non-empty list of strings")
                .hasMessageContaining("vcpus: 0 is below 1; ask for 1..192 vCPUs")
                .hasMessageContaining("memoryMiB: 100 is below 128")
                .hasMessageContaining("arraySize: 1 is not allowed")
                .hasMessageContaining("retry.attempts: 11 is above 10")
                .hasMessageContaining("timeoutSeconds: 30 is below 60")
                .hasMessageContaining("environment.AWS_BATCH_JOB_ID: names starting with AWS_BATCH are reserved")
                .hasMessageContaining("environment.1BAD: not a valid variable name")
                .hasMessageContaining("environment.NUM: 5 is not a string")
                .hasMessageContaining("parameters.gboTaskToken: parameter names starting with gbo")
                .hasMessageContaining("parameters.ok: 1 is not a string")
                .hasMessageContaining("verify.exitCode: \"zero\" is not an integer")
                .hasMessageContaining("verify.architecture: \"x86_64\" is not supported")
                .hasMessageContaining("verify.logContains[0]")
                .hasMessageContaining("vcpu: unknown field");
    }

    @Test
    void normalize_missingRequiredFields_namesEachWithFix() {
        assertThatThrownBy(() -> normalizer(Map.of()).normalize(Json.object(), "e"))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("name: missing")
                .hasMessageContaining("image: missing; give a linux/arm64 image reference (or set DEFAULT_IMAGE)")
                .hasMessageContaining("command: missing");
    }

    @Test
    void normalize_upperBounds_rejected() {
        ObjectNode partial = console().put("vcpus", 193).put("memoryMiB", 786_433).put("arraySize", 10_001)
                .put("timeoutSeconds", 1_209_601);

        assertThatThrownBy(() -> normalizer(Map.of()).normalize(partial, "e"))
                .hasMessageContaining("vcpus: 193 is above 192")
                .hasMessageContaining("memoryMiB: 786433 is above 786432")
                .hasMessageContaining("arraySize: 10001 is not allowed")
                .hasMessageContaining("timeoutSeconds: 1209601 is above 1209600");
    }

    @Test
    void normalize_nonStringCommandElementsAndWrongTypes_reported() {
        ObjectNode partial = console().put("vcpus", 1.5);
        partial.putArray("command").add("python").add(3);
        partial.put("retry", "3");

        assertThatThrownBy(() -> normalizer(Map.of()).normalize(partial, "e"))
                .hasMessageContaining("command[1]: 3 is not a string")
                .hasMessageContaining("vcpus: 1.5 is not an integer")
                .hasMessageContaining("retry: must be an object");
    }

    @Test
    void normalize_derivedFieldsInInput_rejected() {
        ObjectNode partial = console().put("requestId", "mine");

        assertThatThrownBy(() -> normalizer(Map.of()).normalize(partial, "e"))
                .hasMessageContaining("requestId: set by gbo from the trigger");
    }

    @Test
    void normalize_requestOver30KiB_rejectedWithSize() {
        ObjectNode partial = console();
        ObjectNode env = partial.putObject("environment");
        for (int i = 0; i < 40; i++) {
            env.put("VALUE_" + i, "x".repeat(1000));
        }

        assertThatThrownBy(() -> normalizer(Map.of()).normalize(partial, "e"))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("exceeds 30720 (SubmitJob's 30 KiB limit)");
    }

    @Test
    void normalize_arrayJobAndValidImages_accepted() {
        for (String image : List.of("python:3.12-slim", "public.ecr.aws/docker/library/python:3.12",
                "localhost:5000/team/app@sha256:" + "a".repeat(64), IMAGE)) {
            ObjectNode partial = console().put("image", image).put("arraySize", 10_000);
            assertThat(normalizer(Map.of()).normalize(partial, "e").arraySize()).isEqualTo(10_000);
        }
    }

    @Test
    void normalize_unsupportedEvent_namesSourceAndDetailType() {
        ObjectNode event = (ObjectNode) Fixtures.event("scheduled-event.json");
        event.put("detail-type", "EC2 Instance State-change Notification").put("source", "aws.ec2");

        assertThatThrownBy(() -> normalizer(Map.of()).normalize(event, null))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("unsupported trigger (source 'aws.ec2', detail-type 'EC2 Instance State-change Notification')");
    }

    @Test
    void normalize_s3EventWithoutKey_reportsMissingKey() {
        ObjectNode event = (ObjectNode) Fixtures.event("s3-object-created.json");
        ((ObjectNode) event.get("detail")).remove("object");

        assertThatThrownBy(() -> withDefaultJob().normalize(event, null))
                .hasMessageContaining("detail.object.key: missing");
    }

    @Test
    void normalize_notAnObject_rejected() {
        assertThatThrownBy(() -> normalizer(Map.of()).normalize(Json.parse("[1]"), "e"))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest).hasMessageContaining("trigger: expected a JSON object");
    }

    @Test
    void fromEnvironment_badDefaults_nameTheVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("DEFAULT_VCPUS", "many");
        assertThatThrownBy(() -> RequestDefaults.fromEnvironment(env))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("DEFAULT_VCPUS");
        assertThatThrownBy(() -> RequestDefaults.fromEnvironment(Map.of("DEFAULT_JOB_JSON", "{\"vcpu\": 1}")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("DEFAULT_JOB_JSON: unknown field 'vcpu'");
        assertThatThrownBy(() -> RequestDefaults.fromEnvironment(Map.of("DEFAULT_JOB_JSON", "{not json")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("DEFAULT_JOB_JSON");
    }

    @Test
    void normalize_consoleNullFields_everyNullNamedByPathWithItsDefault() {
        assertThatThrownBy(() -> normalizer(Map.of()).normalize(wrap(Fixtures.event("invalid-null-fields.json"), "e")))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("request is invalid (11 problems)")
                .hasMessageContaining("- command[1]: null is not allowed; give the argument as a string")
                .hasMessageContaining("- vcpus: null is not allowed; omit the field to use the default 1\n")
                .hasMessageContaining("- memoryMiB: null is not allowed; omit the field to use the default 2048\n")
                .hasMessageContaining("- environment.MODE: null is not allowed; give a string value")
                .hasMessageContaining("- parameters.size: null is not allowed; give a string value")
                .hasMessageContaining("- arraySize: null is not allowed; omit the field to use the default 0")
                .hasMessageContaining("- retry.attempts: null is not allowed; omit the field to use the default 3\n")
                .hasMessageContaining("- timeoutSeconds: null is not allowed; omit the field to use the default 3600\n")
                .hasMessageContaining("- verify.exitCode: null is not allowed; omit the field to use the default 0\n")
                .hasMessageContaining("- verify.architecture: null is not allowed; omit the field to use the default \"aarch64\"")
                .hasMessageContaining("- verify.logContains[0]: null is not allowed");
    }

    @Test
    void normalize_omittedInsteadOfNull_usesDefaults() {
        ObjectNode partial = console();
        partial.remove(List.of("vcpus", "memoryMiB", "verify"));

        JobRequest request = normalizer(Map.of()).normalize(partial, "e");

        assertThat(request.vcpus()).isEqualTo(1);
        assertThat(request.memoryMiB()).isEqualTo(2048);
        assertThat(request.timeoutSeconds()).isEqualTo(3600);
        assertThat(request.retry().attempts()).isEqualTo(3);
        assertThat(request.verify().logContains()).isEmpty();
    }

    @Test
    void normalize_submitBatchJobNullFields_namedAtDetailPathWithConfiguredDefault() {
        RequestNormalizer normalizer = normalizer(Map.of("DEFAULT_IMAGE", IMAGE, "DEFAULT_VCPUS", "2",
                "DEFAULT_JOB_JSON", "{\"command\": [\"python\", \"/app/app.py\"]}"));

        assertThatThrownBy(() -> normalizer.normalize(wrap(Fixtures.event("submit-batch-job-null-fields.json"), "x")))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("request is invalid (8 problems)")
                .hasMessageContaining("- detail.name: null is not allowed; give a job name")
                .hasMessageContaining("- detail.image: null is not allowed; omit the field to use the default \"" + IMAGE + "\"")
                .hasMessageContaining("- detail.command: null is not allowed; omit the field to use the default"
                        + " [\"python\",\"/app/app.py\"]")
                .hasMessageContaining("- detail.vcpus: null is not allowed; omit the field to use the default 2\n")
                .hasMessageContaining("- detail.environment: null is not allowed; omit the field to use the default {}")
                .hasMessageContaining("- detail.retry: null is not allowed; omit the field to use the default {\"attempts\":3}")
                .hasMessageContaining("- detail.timeoutSeconds: null is not allowed")
                .hasMessageContaining("- detail.verify: null is not allowed");
    }

    @Test
    void normalize_eventDetailProblems_namedAtDetailPathButDefaultsKeepRequestPath() {
        ObjectNode event = (ObjectNode) Fixtures.event("submit-batch-job.json");
        ((ObjectNode) event.get("detail")).put("vcpus", 0).remove("image");
        ((ObjectNode) event.get("detail").get("environment")).put("AWS_BATCH_X", "y");
        RequestNormalizer normalizer = normalizer(Map.of("DEFAULT_JOB_JSON", "{\"image\": \"Not An Image\"}"));

        assertThatThrownBy(() -> normalizer.normalize(event, null))
                .hasMessageContaining("- detail.vcpus: 0 is below 1")
                .hasMessageContaining("- detail.environment.AWS_BATCH_X: names starting with AWS_BATCH are reserved")
                .hasMessageContaining("- image: 'Not An Image' is not an image reference");
    }

    @Test
    void normalize_scheduledEventNullsInEnvelopeAndDetail_allReportedTogether() {
        ObjectNode event = (ObjectNode) Fixtures.event("scheduled-event.json");
        event.putNull("time");
        event.putArray("resources").addNull();
        ((ObjectNode) event.get("detail")).putNull("memoryMiB");

        assertThatThrownBy(() -> withDefaultJob().normalize(event, null))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("(3 problems)")
                .hasMessageContaining("- time: null is not allowed")
                .hasMessageContaining("- resources[0]: null is not allowed; a Scheduled Event lists its rule ARN")
                .hasMessageContaining("- detail.memoryMiB: null is not allowed; omit the field to use the default 2048");
    }

    @Test
    void normalize_envelopeNulls_namedInsteadOfTreatedAsConsoleInput() {
        ObjectNode event = (ObjectNode) Fixtures.event("submit-batch-job.json");
        event.putNull("detail-type").putNull("id");

        assertThatThrownBy(() -> normalizer(Map.of()).normalize(event, null))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("- detail-type: null is not allowed")
                .hasMessageContaining("- id: null is not allowed")
                .hasMessageNotContaining("unknown field");

        ObjectNode nullDetail = (ObjectNode) Fixtures.event("scheduled-event.json");
        nullDetail.putNull("detail");
        assertThatThrownBy(() -> withDefaultJob().normalize(nullDetail, null))
                .hasMessageContaining("- detail: null is not allowed");
    }

    @Test
    void fromEnvironment_defaultJobWithNull_rejectedNamingThePath() {
        assertThatThrownBy(() -> RequestDefaults.fromEnvironment(Map.of("DEFAULT_JOB_JSON",
                "{\"vcpus\": null, \"command\": [\"a\", null]}")))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("DEFAULT_JOB_JSON: null is not allowed (vcpus, command[1])");
    }

    private static RequestNormalizer s3Normalizer() {
        return normalizer(Map.of("DEFAULT_IMAGE", IMAGE, "DEFAULT_JOB_JSON", "{\"command\": [\"python\", \"/app/app.py\"]}"));
    }

    private static ObjectNode s3Event(String bucket, String key) {
        ObjectNode event = (ObjectNode) Fixtures.event("s3-object-created.json");
        ((ObjectNode) event.get("detail").get("bucket")).put("name", bucket);
        ((ObjectNode) event.get("detail").get("object")).put("key", key);
        return event;
    }

    @Test
    void normalize_s3BadBucketFixture_refusedNamingTheBrokenRules() {
        assertThatThrownBy(() -> s3Normalizer().normalize(wrap(Fixtures.event("s3-bad-bucket.json"), "run-1")))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("request is invalid (1 problem)")
                .hasMessageContaining("detail.bucket.name: '../../etc' is not an S3 bucket name")
                .hasMessageContaining("it contains '/', bucket names consist only of lowercase letters, digits, '.' and '-'")
                .hasMessageContaining("bucket names begin and end with a lowercase letter or digit")
                .hasMessageContaining("bucket names must not contain two adjacent periods")
                .hasMessageContaining("general purpose bucket naming rules");
    }

    @Test
    void normalize_s3BucketBreakingEachRule_refusedWithThatRule() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("ab", "2 characters long, bucket names are 3..63");
        cases.put("a".repeat(64), "64 characters long");
        cases.put("My-Bucket", "uppercase 'B' uppercase 'M'");
        cases.put("my_bucket", "it contains '_'");
        cases.put("my bucket", "it contains U+0020");
        cases.put("-bucket", "begin and end with a lowercase letter or digit");
        cases.put("bucket.", "begin and end with a lowercase letter or digit");
        cases.put("my..bucket", "two adjacent periods");
        cases.put("192.168.5.4", "formatted as an IP address");
        cases.put("xn--bucket", "the prefix 'xn--' is reserved");
        cases.put("sthree-bucket", "the prefix 'sthree-' is reserved");
        cases.put("amzn-s3-demo-bucket", "the prefix 'amzn-s3-demo-' is reserved");
        cases.put("bucket-s3alias", "the suffix '-s3alias' is reserved");
        cases.put("bucket--ol-s3", "the suffix '--ol-s3' is reserved");
        cases.put("bucket.mrap", "the suffix '.mrap' is reserved");
        cases.put("bucket--x-s3", "the suffix '--x-s3' is reserved");
        cases.put("bucket--table-s3", "the suffix '--table-s3' is reserved");
        cases.forEach((bucket, rule) -> assertThatThrownBy(() -> s3Normalizer().normalize(s3Event(bucket, "k"), null))
                .as(bucket).isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("detail.bucket.name: '" + bucket + "' is not an S3 bucket name")
                .hasMessageContaining(rule));
    }

    @Test
    void normalize_s3ValidBucketNames_accepted() {
        for (String bucket : List.of("abc", "a".repeat(63), "my.bucket.example", "1-2-3", "192.168.5.4a",
                "logs-111122223333-us-east-1-an", "xn-single-dash", "s3alias-first")) {
            JobRequest request = s3Normalizer().normalize(s3Event(bucket, "k"), null);
            assertThat(request.environment()).as(bucket).containsEntry("GBO_INPUT_BUCKET", bucket);
        }
    }

    @Test
    void normalize_s3TraversalKeyFixture_keyKeptExactlyAndNotUrlDecoded() {
        JobRequest request = s3Normalizer().normalize(wrap(Fixtures.event("s3-traversal-key.json"), "run-1"));

        String key = "../../etc//passwd/./a+b%20c.csv";
        assertThat(request.environment()).containsEntry("GBO_INPUT_KEY", key).containsEntry("GBO_INPUT_BUCKET", "gbo-input-demo");
        assertThat(request.parameters()).containsEntry("inputKey", key);
        assertThat(request.source().get("key").asText()).isEqualTo(key);
        assertThat(request.name()).isEqualTo("gbo-input-demo");
    }

    @Test
    void normalize_s3KeyOfExactly1024Bytes_acceptedAndOneByteMoreRefused() {
        String atLimit = "\u00e9".repeat(512);
        String over = atLimit + "x";

        assertThat(s3Normalizer().normalize(s3Event("gbo-input-demo", atLimit), null).environment())
                .containsEntry("GBO_INPUT_KEY", atLimit);
        assertThatThrownBy(() -> s3Normalizer().normalize(s3Event("gbo-input-demo", over), null))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("detail.object.key: is 1025 bytes of UTF-8; S3 object keys are at most 1024 bytes");
    }

    @Test
    void normalize_s3KeyNotUtf8_refused() {
        assertThatThrownBy(() -> s3Normalizer().normalize(s3Event("gbo-input-demo", "data/\ud800.csv"), null))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("detail.object.key: is not valid UTF-8");
    }

    @Test
    void normalize_s3NullFields_allReportedTogetherAtTheirPaths() {
        ObjectNode event = (ObjectNode) Fixtures.event("s3-object-created.json");
        ((ObjectNode) event.get("detail").get("bucket")).putNull("name");
        ((ObjectNode) event.get("detail").get("object")).putNull("key").putNull("size").putNull("etag");
        ((ObjectNode) event.get("detail")).putNull("reason");

        assertThatThrownBy(() -> s3Normalizer().normalize(event, null))
                .isInstanceOf(GboError.class).satisfies(RequestNormalizerTest::isInvalidRequest)
                .hasMessageContaining("(5 problems)")
                .hasMessageContaining("- detail.bucket.name: null is not allowed")
                .hasMessageContaining("- detail.object.key: null is not allowed")
                .hasMessageContaining("- detail.object.size: null is not allowed")
                .hasMessageContaining("- detail.object.etag: null is not allowed")
                .hasMessageContaining("- detail.reason: null is not allowed");
    }

    @Test
    void sanitizeName_changedText_getsHashSoNamesStayDistinctAndValid() {
        String dotted = RequestNormalizer.sanitizeName("my.bucket");
        String dashed = RequestNormalizer.sanitizeName("my-bucket");
        String longDotted = RequestNormalizer.sanitizeName("a.".repeat(60) + "b");

        assertThat(dashed).isEqualTo("my-bucket");
        assertThat(dotted).startsWith("my-bucket-").hasSize("my-bucket".length() + 9).isNotEqualTo(dashed);
        assertThat(List.of(dotted, longDotted)).allSatisfy(n -> assertThat(n).matches("[A-Za-z0-9_-]{1,100}"));
    }

    @Test
    void normalize_s3DottedBucket_nameCarriesHashButEnvironmentKeepsExactBucket() {
        JobRequest request = s3Normalizer().normalize(s3Event("my.bucket", "in/x.csv"), null);

        assertThat(request.name()).matches("my-bucket-[0-9a-f]{8}");
        assertThat(request.environment()).containsEntry("GBO_INPUT_BUCKET", "my.bucket");
    }

    @Test
    void toJson_roundTrip_givesEqualRequest() {
        JobRequest request = normalizer(Map.of()).normalize(Fixtures.event("submit-batch-job.json"), null);

        assertThat(JobRequest.fromJson(Json.parse(Json.toJson(request.toJson())))).isEqualTo(request);
    }

    private static void isInvalidRequest(Throwable e) {
        assertThat(((GboError) e).errorName()).isEqualTo(ErrorName.InvalidRequest);
    }
}
