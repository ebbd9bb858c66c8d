package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite: one directory per case under {@code src/test/resources/sfn/<case>/} with
 * {@code definition.asl.json}, optional {@code input.json}, {@code functions.json} (scripted
 * Lambda functions), {@code batch.json} (jobs of a small Batch), {@code mocks.json} (a Step
 * Functions Local mock config), {@code s3.json} (objects of a local S3: {@code "bucket/key"} to the
 * object's text or JSON) and {@code expected.json}: either {@code createError} or the execution's
 * status, output / error and cause, history event types, event details, {@code links} (every event as
 * {@code [id, previousEventId, type]}, AWS's linkage) and event times on the virtual clock (seconds after the start); for distributed Maps also {@code mapRuns} (each a subset
 * of DescribeMapRun, in ListMapRuns order), {@code childExecutions} (how many ListExecutions lists per
 * map run) and {@code s3Objects} (key pattern, {@code *} for one path segment such as the map run id,
 * to a subset of the object's JSON; arrays compare element by element). {@code "startOn": "version"} starts the
 * execution on a version published from the definition ({@code <arn>:1}), {@code "alias"} on an alias {@code golden}
 * routing to it. With {@code "type": "EXPRESS"} the state machine is EXPRESS (logging ALL to CloudWatch Logs), the
 * execution runs through StartSyncExecution, events, times and {@code eventDetails} (the log message's
 * {@code details}) are read from its log stream, and {@code billedDurationMs} checks the billing.
 *
 * <p>{@code expected.redrive}, a list of RedriveExecution calls made one after the other once the
 * execution is idle: each step may wait {@code afterSeconds} of virtual time, check {@code before} (a
 * subset of DescribeExecution), pass {@code clientToken}, expect {@code error} ({@code code} and
 * {@code message}) instead of success, and with {@code again: true} repeat the call with the same
 * clientToken, expecting the same redriveDate. The other expectations apply to the execution once the
 * last redrive is idle.
 */
class SfnConformanceTest {

    static Stream<String> cases() throws Exception {
        Path root = root();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve("definition.asl.json")))
                    .map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path root() throws Exception {
        return Path.of(SfnConformanceTest.class.getResource("/sfn").toURI());
    }

    private static JsonNode json(Path p) throws IOException {
        return Files.exists(p) ? Json.MAPPER.readTree(Files.readString(p)) : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCase_runOnVirtualClock_matchesExpected(String name) throws Exception {
        Path dir = root().resolve(name);
        String definition = Files.readString(dir.resolve("definition.asl.json"));
        String input = Files.exists(dir.resolve("input.json")) ? Files.readString(dir.resolve("input.json")).trim() : "{}";
        JsonNode expected = json(dir.resolve("expected.json"));
        Path mocks = Files.exists(dir.resolve("mocks.json")) ? dir.resolve("mocks.json") : null;
        try (SfnHarness h = new SfnHarness(SimClock.virtual(SfnHarness.START, 42), json(dir.resolve("functions.json")),
                json(dir.resolve("batch.json")), mocks)) {
            boolean express = "EXPRESS".equals(expected.path("type").asText());
            if (Files.exists(dir.resolve("s3.json"))) {
                h.seedS3(json(dir.resolve("s3.json")));
            }
            if (expected.has("createError")) {
                AwsException e = catchThrowableOfType(AwsException.class,
                        () -> {
                            if (express) {
                                h.createExpress(name, definition);
                            } else {
                                h.create(name, definition);
                            }
                        });
                assertThat(e).as("CreateStateMachine must be refused").isNotNull();
                assertThat(e.code()).isEqualTo(expected.get("createError").get("code").asText());
                for (JsonNode part : expected.get("createError").path("messageContains")) {
                    assertThat(e.getMessage()).contains(part.asText());
                }
                return;
            }
            String arn = express ? h.createExpress(name, definition) : h.create(name, definition);
            String qualified = qualified(h, arn, expected.path("startOn").asText(""));
            String target = expected.has("testCase") ? qualified + "#" + expected.get("testCase").asText() : qualified;
            JsonNode d;
            ArrayNode history;
            String exec = null;
            if (express) {
                d = h.call("StartSyncExecution", Json.object().put("stateMachineArn", target).put("name", "golden").put("input", input));
                history = h.expressEvents(name);
                if (expected.has("billedDurationMs")) {
                    assertThat(d.path("billingDetails").path("billedDurationInMilliseconds").asLong())
                            .isEqualTo(expected.get("billedDurationMs").asLong());
                }
            } else {
                exec = h.start(target, "golden", input);
                h.idle();
                for (JsonNode step : expected.path("redrive")) {
                    redrive(h, exec, step);
                }
                d = h.describe(exec);
                history = h.history(exec);
            }
            String report = "\nactual: " + d.toPrettyString() + "\nevents: " + types(history) + "\n";
            assertThat(d.get("status").asText()).as(report).isEqualTo(expected.get("status").asText());
            if (expected.has("output")) {
                assertThat(Json.MAPPER.readTree(d.get("output").asText())).as(report).isEqualTo(expected.get("output"));
            }
            if (expected.has("error")) {
                assertThat(d.path("error").asText(null)).as(report).isEqualTo(expected.get("error").asText());
            }
            if (expected.has("cause")) {
                assertThat(d.path("cause").asText(null)).as(report).isEqualTo(expected.get("cause").asText());
            }
            for (JsonNode part : expected.path("causeContains")) {
                assertThat(d.path("cause").asText("")).as(report).contains(part.asText());
            }
            if (expected.has("events")) {
                List<String> want = new ArrayList<>();
                expected.get("events").forEach(t -> want.add(t.asText()));
                assertThat(types(history)).as(report).containsExactlyElementsOf(want);
            }
            if (expected.has("links")) {
                List<String> want = new ArrayList<>();
                expected.get("links").forEach(l -> want.add(l.get(0).asLong() + "<-" + l.get(1).asLong() + " " + l.get(2).asText()));
                List<String> got = new ArrayList<>();
                history.forEach(ev -> got.add(ev.get("id").asLong() + "<-" + ev.get("previousEventId").asLong() + " "
                        + ev.get("type").asText()));
                assertThat(got).as("id<-previousEventId type" + report).containsExactlyElementsOf(want);
            }
            checkTimeline(expected.path("timeline"), history, report);
            for (JsonNode check : expected.path("eventDetails")) {
                JsonNode ev = nth(history, check.get("type").asText(), check.path("nth").asInt(0));
                assertThat(ev).as("event " + check + report).isNotNull();
                assertSubset(check.get("details"), ev, check.toString() + report);
            }
            for (int i = 0; i < history.size(); i++) {
                JsonNode ev = history.get(i);
                assertThat(ev.get("id").asLong()).isEqualTo(i + 1);
                assertThat(ev.get("previousEventId").asLong()).isLessThan(i + 1);
            }
            if (exec != null) {
                checkMapRuns(h, exec, expected, report);
            }
            if (expected.has("callbackErrors")) {
                List<String> want = new ArrayList<>();
                expected.get("callbackErrors").forEach(t -> want.add(t.asText()));
                assertThat(h.callbackErrors).containsExactlyElementsOf(want);
            }
            if (expected.has("putEvents")) {
                assertThat((JsonNode) Json.MAPPER.valueToTree(h.events)).as(report).isEqualTo(expected.get("putEvents"));
            }
            if (expected.has("batchTerminated")) {
                assertThat(h.batch.terminated).hasSize(expected.get("batchTerminated").asInt());
            }
            if (expected.has("invocations")) {
                assertThat(h.invocations).as(report).hasSize(expected.get("invocations").asInt());
            }
        }
    }

    /** The state machine's ARN, or that of a version published from it ("version"), or of an alias routing to it ("alias"). */
    private static String qualified(SfnHarness h, String arn, String startOn) {
        if (startOn.isEmpty()) {
            return arn;
        }
        String version = h.call("PublishStateMachineVersion", Json.object().put("stateMachineArn", arn))
                .get("stateMachineVersionArn").asText();
        if (startOn.equals("version")) {
            return version;
        }
        com.fasterxml.jackson.databind.node.ObjectNode in = Json.object().put("name", "golden");
        in.putArray("routingConfiguration").addObject().put("stateMachineVersionArn", version).put("weight", 100);
        return h.call("CreateStateMachineAlias", in).get("stateMachineAliasArn").asText();
    }

    private static void checkMapRuns(SfnHarness h, String exec, JsonNode expected, String report) {
        if (expected.has("mapRuns")) {
            JsonNode runs = h.call("ListMapRuns", Json.object().put("executionArn", exec)).get("mapRuns");
            assertThat(runs).as("map runs" + report).hasSize(expected.get("mapRuns").size());
            for (int i = 0; i < runs.size(); i++) {
                String arn = runs.get(i).get("mapRunArn").asText();
                JsonNode d = Json.parse(Json.write(h.call("DescribeMapRun", Json.object().put("mapRunArn", arn))));
                assertSubset(expected.get("mapRuns").get(i), d, "map run " + i + ": " + d + report);
                if (expected.has("childExecutions")) {
                    JsonNode list = h.call("ListExecutions", Json.object().put("mapRunArn", arn).put("maxResults", 1000));
                    assertThat(list.get("executions")).as("children of " + arn).hasSize(expected.get("childExecutions").get(i).asInt());
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = expected.path("s3Objects").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String pattern = e.getKey();
            String bucket = pattern.substring(0, pattern.indexOf('/'));
            java.util.regex.Pattern re = java.util.regex.Pattern.compile(java.util.Arrays.stream(
                    pattern.substring(bucket.length() + 1).split("\\*", -1)).map(java.util.regex.Pattern::quote)
                    .collect(java.util.stream.Collectors.joining("[^/]+")));
            JsonNode listing = h.s3.call("ListObjectsV2", Json.object().put("Bucket", bucket), new dev.gbo.local.core.RequestContext(
                    SfnHarness.REGION, SfnHarness.ACCOUNT, "req")).path("Xml").path("ListBucketResult").path("Contents");
            List<String> keys = new ArrayList<>();
            listing.forEach(c -> keys.add(c.get("Key").asText()));
            List<String> matching = keys.stream().filter(k -> re.matcher(k).matches()).toList();
            assertThat(matching).as("objects matching " + pattern + " among " + keys + report).hasSize(1);
            JsonNode actual = Json.parse(h.s3Text(bucket, matching.get(0)));
            assertJsonSubset(e.getValue(), actual, matching.get(0) + ": " + actual + report);
        }
    }

    private static void assertJsonSubset(JsonNode want, JsonNode actual, String what) {
        if (want.isArray()) {
            assertThat(actual.isArray()).as(what).isTrue();
            assertThat(actual).as(what).hasSize(want.size());
            for (int i = 0; i < want.size(); i++) {
                assertJsonSubset(want.get(i), actual.get(i), what);
            }
        } else if (want.isObject()) {
            assertThat(actual.isObject()).as(what).isTrue();
            want.fields().forEachRemaining(f -> {
                assertThat(actual.get(f.getKey())).as(f.getKey() + " in " + what).isNotNull();
                assertJsonSubset(f.getValue(), actual.get(f.getKey()), what);
            });
        } else {
            assertSubset(want, actual, what);
        }
    }

    private static void redrive(SfnHarness h, String exec, JsonNode step) {
        if (step.has("afterSeconds")) {
            h.clock.schedule(java.time.Duration.ofSeconds(step.get("afterSeconds").asLong()), "golden wait", () -> { });
            h.idle();
        }
        if (step.has("before")) {
            assertSubset(step.get("before"), h.describe(exec), "DescribeExecution before " + step);
        }
        com.fasterxml.jackson.databind.node.ObjectNode in = Json.object();
        in.put("executionArn", exec);
        if (step.has("clientToken")) {
            in.put("clientToken", step.get("clientToken").asText());
        }
        if (step.has("error")) {
            AwsException e = catchThrowableOfType(AwsException.class, () -> h.call("RedriveExecution", in));
            assertThat(e).as("RedriveExecution must be refused: " + step).isNotNull();
            assertThat(e.code()).isEqualTo(step.get("error").get("code").asText());
            assertThat(e.getMessage()).isEqualTo(step.get("error").get("message").asText());
            return;
        }
        JsonNode out = h.call("RedriveExecution", in);
        assertThat(out.get("redriveDate").decimalValue()).isEqualByComparingTo(h.describe(exec).get("redriveDate").decimalValue());
        if (step.path("again").asBoolean()) {
            assertThat(h.call("RedriveExecution", in).get("redriveDate")).isEqualTo(out.get("redriveDate"));
        }
        h.idle();
    }

    static List<String> types(ArrayNode history) {
        List<String> t = new ArrayList<>();
        history.forEach(e -> t.add(e.get("type").asText()));
        return t;
    }

    private static JsonNode nth(ArrayNode history, String type, int n) {
        int seen = 0;
        for (JsonNode e : history) {
            if (e.get("type").asText().equals(type) && seen++ == n) {
                return e;
            }
        }
        return null;
    }

    private static void checkTimeline(JsonNode timeline, ArrayNode history, String report) {
        if (timeline.isMissingNode()) {
            return;
        }
        BigDecimal start = history.get(0).get("timestamp").decimalValue();
        Iterator<Map.Entry<String, JsonNode>> it = timeline.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<BigDecimal> actual = new ArrayList<>();
            for (JsonNode ev : history) {
                if (ev.get("type").asText().equals(e.getKey())) {
                    actual.add(ev.get("timestamp").decimalValue().subtract(start).stripTrailingZeros());
                }
            }
            List<BigDecimal> want = new ArrayList<>();
            e.getValue().forEach(v -> want.add(v.decimalValue().stripTrailingZeros()));
            assertThat(actual).as("times of " + e.getKey() + report).usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(want);
        }
    }

    /** Every member of {@code want} is in {@code actual}; strings that hold JSON compare as JSON when want is not a string. */
    static void assertSubset(JsonNode want, JsonNode actual, String what) {
        if (want.isContainerNode() && actual != null && actual.isTextual()) {
            actual = Json.parse(actual.asText());
        }
        JsonNode act = actual;
        if (want.isObject()) {
            assertThat(act).as(what).isNotNull();
            want.fields().forEachRemaining(e -> {
                JsonNode a = act.get(e.getKey());
                assertThat(a).as(e.getKey() + " in " + what).isNotNull();
                assertSubset(e.getValue(), a, what);
            });
        } else if (!want.isTextual() && actual.isTextual()) {
            assertThat(Json.parse(actual.asText())).as(what).isEqualTo(want);
        } else if (want.isNumber() && actual != null && actual.isNumber()) {
            assertThat(actual.decimalValue()).as(what).isEqualByComparingTo(want.decimalValue());
        } else {
            assertThat(actual).as(what).isEqualTo(want);
        }
    }
}
