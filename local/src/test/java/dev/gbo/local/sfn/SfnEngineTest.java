package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Engine behaviour that golden files cannot show: MANUAL time, aborts, limits, concurrency, determinism. */
class SfnEngineTest {

    static final String CALLBACK_WITH_TIMEOUT = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters": {"FunctionName": "worker", "Payload": {"token.$": "$$.Task.Token"}},
              "TimeoutSeconds": 60, "HeartbeatSeconds": 20, "End": true}}}""";

    static SfnHarness manual(String functions) {
        return new SfnHarness(SimClock.manual(SfnHarness.START, 42), Json.parse(functions), null, null);
    }

    static void advance(SfnHarness h, Duration d) {
        h.clock.advance(d);
    }

    static String tokenOf(SfnHarness h, String exec) {
        for (JsonNode e : h.history(exec)) {
            if (e.get("type").asText().equals("TaskScheduled")) {
                return Json.parse(e.at("/taskScheduledEventDetails/parameters").asText()).at("/Payload/token").asText();
            }
        }
        throw new AssertionError("no TaskScheduled");
    }

    @Test
    void waitForTaskToken_manualClock_heartbeatsKeepItAliveUntilTimeoutSeconds() {
        try (SfnHarness h = manual("{\"worker\": {\"callback\": \"none\"}}")) {
            String arn = h.create("cb", CALLBACK_WITH_TIMEOUT);
            String exec = h.start(arn, "e1", "{}");
            advance(h, Duration.ZERO);
            String token = tokenOf(h, exec);
            for (int i = 0; i < 3; i++) {
                advance(h, Duration.ofSeconds(15));
                h.call("SendTaskHeartbeat", "{\"taskToken\": \"" + token + "\"}");
                advance(h, Duration.ZERO);
                assertThat(h.describe(exec).get("status").asText()).isEqualTo("RUNNING");
            }
            advance(h, Duration.ofSeconds(15)); // t = 60: TimeoutSeconds bounds the task
            JsonNode d = h.describe(exec);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("error").asText()).isEqualTo("States.Timeout");
            assertThatThrownBy(() -> h.call("SendTaskSuccess", "{\"taskToken\": \"" + token + "\", \"output\": \"{}\"}"))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
        }
    }

    @Test
    void waitForTaskToken_manualClock_noHeartbeat_failsAtHeartbeatSeconds() {
        try (SfnHarness h = manual("{\"worker\": {\"callback\": \"none\"}}")) {
            String exec = h.start(h.create("cb", CALLBACK_WITH_TIMEOUT), "e1", "{}");
            advance(h, Duration.ofSeconds(19));
            assertThat(h.describe(exec).get("status").asText()).isEqualTo("RUNNING");
            advance(h, Duration.ofSeconds(1));
            assertThat(h.describe(exec).get("error").asText()).isEqualTo("States.HeartbeatTimeout");
        }
    }

    @Test
    void stopExecution_duringWait_cancelsTimersAndRecordsAborted() {
        try (SfnHarness h = manual("{}")) {
            String arn = h.create("w", """
                    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "Next": "P"}, "P": {"Type": "Pass", "End": true}}}""");
            String exec = h.start(arn, "e1", "{}");
            advance(h, Duration.ofSeconds(10));
            h.call("StopExecution", "{\"executionArn\": \"" + exec + "\", \"error\": \"E\", \"cause\": \"C\"}");
            advance(h, Duration.ofSeconds(200));
            ArrayNode history = h.history(exec);
            assertThat(h.clock.lastFailure()).isNull();
            assertThat(SfnConformanceTest.types(history)).containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionAborted");
            assertThat(h.describe(exec).get("status").asText()).isEqualTo("ABORTED");
            // stopping again keeps the first stop
            JsonNode again = h.call("StopExecution", "{\"executionArn\": \"" + exec + "\"}");
            assertThat(again.get("stopDate").decimalValue()).isEqualByComparingTo(history.get(2).get("timestamp").decimalValue());
        }
    }

    @Test
    void infiniteLoop_historyLimit_failsWithStatesRuntime() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String arn = h.create("loop", """
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}""");
            String exec = h.start(arn, "e1", "{}");
            h.idle();
            JsonNode d = h.describe(exec);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("error").asText()).isEqualTo("States.Runtime");
            assertThat(d.get("cause").asText()).contains("25000");
            assertThat(h.history(exec)).hasSize(Execution.HISTORY_LIMIT);
        }
    }

    @Test
    void sameSeed_twoRuns_identicalHistoriesIncludingRandomValues() {
        String def = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "f", "Payload": {"id.$": "States.UUID()", "n.$": "States.MathRandom(0, 1000)"}},
                  "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 3, "JitterStrategy": "FULL", "IntervalSeconds": 5}], "End": true}}}""";
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (SfnHarness h = new SfnHarness(SimClock.virtual(SfnHarness.START, 7),
                    Json.parse("{\"f\": [{\"error\": \"Boom\"}, {\"error\": \"Boom\"}, {\"echo\": true}]}"), null, null)) {
                String exec = h.start(h.create("det", def), null, "{}");
                h.idle();
                runs.add(exec + Json.write(h.history(exec)));
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }

    @Test
    void concurrentApiCalls_startAndCallbackFromManyThreads_everyExecutionSucceeds() throws Exception {
        try (SfnHarness h = new SfnHarness(SimClock.virtual(SfnHarness.START, 1), Json.parse("{\"worker\": {\"callback\": \"none\"}}"),
                null, null)) {
            String arn = h.create("cb", """
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                      "Parameters": {"FunctionName": "worker", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}}""");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            ConcurrentLinkedQueue<String> execs = new ConcurrentLinkedQueue<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        execs.add(h.start(arn, "t" + thread + "-" + i, "{\"i\":" + i + "}"));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            h.idle();
            futures.clear();
            List<String> all = new ArrayList<>(execs);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < all.size(); i += 8) {
                        String token = tokenOf(h, all.get(i));
                        h.call("SendTaskSuccess", Json.object().put("taskToken", token).put("output", "{\"n\":" + i + "}"));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            h.idle();
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(all).hasSize(800);
            for (String e : all) {
                assertThat(h.describe(e).get("status").asText()).isEqualTo("SUCCEEDED");
            }
            assertThat(h.sfn.openExecutions()).isZero();
        }
    }

    @Test
    void mapAndParallel_abortedBranches_doNotLeakTimersOrTokens() {
        try (SfnHarness h = manual("{\"worker\": {\"callback\": \"none\"}}")) {
            String arn = h.create("abort", """
                    {"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "Branches": [
                      {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1000, "End": true}}},
                      {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                        "Parameters": {"FunctionName": "worker", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}},
                      {"StartAt": "F", "States": {"F": {"Type": "Wait", "Seconds": 5, "Next": "X"}, "X": {"Type": "Fail", "Error": "X"}}}],
                      "End": true}}}""");
            String exec = h.start(arn, "e", "{}");
            advance(h, Duration.ofSeconds(5));
            assertThat(h.describe(exec).get("error").asText()).isEqualTo("X");
            int events = h.history(exec).size();
            advance(h, Duration.ofSeconds(2000)); // the aborted Wait never fires
            assertThat(h.history(exec)).hasSize(events);
            assertThat(h.clock.lastFailure()).isNull();
            String token = tokenOf(h, exec);
            assertThatThrownBy(() -> h.call("SendTaskSuccess", Json.object().put("taskToken", token).put("output", "{}")))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
        }
    }

    @Test
    void jsonPath_referencePathWrite_createsObjectsAndRefusesNonObjects() throws Exception {
        JsonNode doc = Json.parse("{\"a\": {\"list\": [1, {\"x\": 1}]}, \"s\": \"text\"}");
        JsonPath.compile("$.a.b.c").write(doc, Json.parse("1"));
        JsonPath.compile("$.a.list[1].y").write(doc, Json.parse("2"));
        JsonPath.compile("$.a.list[0]").write(doc, Json.parse("9"));
        assertThat(doc).isEqualTo(Json.parse("{\"a\": {\"list\": [9, {\"x\": 1, \"y\": 2}], \"b\": {\"c\": 1}}, \"s\": \"text\"}"));
        assertThatThrownBy(() -> JsonPath.compile("$.s.x").write(doc, Json.parse("1"))).isInstanceOf(JsonPath.NotFound.class);
        assertThatThrownBy(() -> JsonPath.compile("$.a.list[5]").write(doc, Json.parse("1"))).isInstanceOf(JsonPath.NotFound.class);
        assertThat(JsonPath.compile("$.a.list[*].x").isReference()).isFalse();
        assertThat(JsonPath.compile("$['a']['list'][0]").isReference()).isTrue();
    }

    @Test
    void jsonPath_filtersAndFunctions_matchJaywaySemantics() throws Exception {
        JsonNode doc = Json.parse("""
                {"books": [{"t": "a", "p": 8, "tags": ["x"]}, {"t": "b", "p": 12}, {"t": "c", "p": 20, "isbn": "1"}],
                 "limit": 10, "name with space": 1}""");
        assertThat(JsonPath.compile("$.books[?(@.p < $.limit)].t").read(doc)).isEqualTo(Json.parse("[\"a\"]"));
        assertThat(JsonPath.compile("$.books[?(@.isbn)].t").read(doc)).isEqualTo(Json.parse("[\"c\"]"));
        assertThat(JsonPath.compile("$.books[?(!(@.p >= 12) || @.t == 'c')].t").read(doc)).isEqualTo(Json.parse("[\"a\",\"c\"]"));
        assertThat(JsonPath.compile("$.books[?(@.t != 'a' && @.p > 10)].p").read(doc)).isEqualTo(Json.parse("[12,20]"));
        assertThat(JsonPath.compile("$..p").read(doc)).isEqualTo(Json.parse("[8,12,20]"));
        assertThat(JsonPath.compile("$.books[-2:].t").read(doc)).isEqualTo(Json.parse("[\"b\",\"c\"]"));
        assertThat(JsonPath.compile("$.books.length()").read(doc).asInt()).isEqualTo(3);
        assertThat(JsonPath.compile("$['name with space']").read(doc).asInt()).isEqualTo(1);
        assertThat(JsonPath.compile("$.books[*].missing").read(doc)).isEqualTo(Json.parse("[]"));
        assertThatThrownBy(() -> JsonPath.compile("$.missing[*]").read(doc)).isInstanceOf(JsonPath.NotFound.class)
                .hasMessage("Missing property in path $['missing']");
        assertThatThrownBy(() -> JsonPath.compile("$.missing").read(doc)).isInstanceOf(JsonPath.NotFound.class)
                .hasMessage("No results for path: $['missing']");
        for (String bad : new String[] {"a.b", "$.", "$[", "$.a[?(@.x ==)]", "$.a.foo()", "$.books[::2]", "$.a[0]b"}) {
            assertThatThrownBy(() -> JsonPath.compile(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void intrinsics_parser_escapesNestingAndErrors() throws Exception {
        Intrinsics.Env env = new Intrinsics.Env() {
            public JsonNode input() {
                return Json.parse("{\"a\": [\"x,y\"], \"o\": {\"k)\": 1}}");
            }

            public JsonNode context() {
                return Json.object();
            }

            public java.util.Random random() {
                return new java.util.Random(1);
            }
        };
        assertThat(Intrinsics.eval(Intrinsics.parse("States.Format('a\\'b\\\\c {}', States.ArrayGetItem($.a, 0))"), env).asText())
                .isEqualTo("a'b\\c x,y");
        assertThat(Intrinsics.eval(Intrinsics.parse("States.JsonToString($.o['k)'])"), env).asText()).isEqualTo("1");
        assertThat(Intrinsics.eval(Intrinsics.parse("States.ArrayLength(States.Array( 1 , 2 ,3))"), env).asInt()).isEqualTo(3);
        assertThatThrownBy(() -> Intrinsics.parse("States.Format(")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Intrinsics.parse("States.Format($.a)")).hasMessageContaining("string literal");
        assertThatThrownBy(() -> Intrinsics.parse("States.UUID(1)")).hasMessageContaining("takes 0 arguments");
        assertThat(Intrinsics.names()).hasSize(18);
    }
}
