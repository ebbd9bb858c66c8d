package dev.gbo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.sfn.StepFunctionsService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Step Functions engine benchmark (prints figures; results in docs/sfn-engine.md, "Benchmarks").
 *
 * <ol>
 *   <li>State transitions per second: executions of a Pass/Choice loop (Choice, Pass with an
 *       intrinsic, back to Choice) on a VIRTUAL clock, engine in process.</li>
 *   <li>Heap per open execution: N executions parked on {@code .waitForTaskToken}; used heap after GC
 *       before and after, divided by N; then every token is answered.</li>
 * </ol>
 *
 * Usage: {@code java -cp bench/target/classes:cli/target/gbo.jar dev.gbo.bench.SfnBench [executions loops waiting]}
 * (defaults 200 2000 10000).
 */
public final class SfnBench {

    private static final RequestContext CTX = new RequestContext("us-east-1", "123456789012", "bench");
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";

    private static final String LOOP = """
            {"StartAt": "Init", "States": {
              "Init": {"Type": "Pass", "Parameters": {"i": 0, "n.$": "$.n"}, "Next": "Check"},
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEqualsPath": "$.n", "Next": "Done"}],
                        "Default": "Inc"},
              "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Check"},
              "Done": {"Type": "Succeed"}}}""";

    private static final String CALLBACK = """
            {"StartAt": "Wait", "States": {"Wait": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters": {"FunctionName": "worker", "Payload": {"token.$": "$$.Task.Token", "input.$": "$"}},
              "ResultPath": "$.result", "End": true}}}""";

    private SfnBench() {
    }

    public static void main(String[] args) throws Exception {
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int waiting = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        System.out.printf("SfnBench: java %s, %d available processors, max heap %d MiB%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        transitions(executions / 4, loops, "warm-up");
        transitions(executions, loops, "measured");
        heapPerExecution(waiting);
    }

    private static JsonNode call(StepFunctionsService sfn, String op, ObjectNode in) {
        return sfn.call(op, in, CTX);
    }

    private static String create(StepFunctionsService sfn, String name, String definition) {
        ObjectNode in = Json.object();
        in.put("name", name);
        in.put("definition", definition);
        in.put("roleArn", ROLE);
        return call(sfn, "CreateStateMachine", in).get("stateMachineArn").asText();
    }

    private static void transitions(int executions, int loops, String label) {
        double seconds = loop(LOOP, executions, loops, label);
        long transitions = loopTransitions(executions, loops);
        System.out.printf("transitions (%s): %d executions x %d loop iterations = %,d state transitions in %.2f s = %,.0f transitions/s%n",
                label, executions, loops, transitions, seconds, transitions / seconds);
    }

    /** Per execution of a counting loop: Init + (Check + Inc) * loops + Check + Done. */
    static long loopTransitions(int executions, int loops) {
        return (long) executions * (2L * loops + 3);
    }

    /**
     * Runs {@code executions} executions of a counting loop ({@code definition}, input {@code {"n": loops}}) on a
     * VIRTUAL clock, engine in process, and returns the seconds from the first start to idle; every execution must
     * succeed ({@code label} names the run in the error). Also {@link JsonataBench}'s runner.
     */
    static double loop(String definition, int executions, int loops, String label) {
        try (SimClock clock = SimClock.virtual(Instant.parse("2026-11-27T00:00:00Z"), 42)) {
            StepFunctionsService sfn = new StepFunctionsService(clock, new ServiceRegistry(), "us-east-1", "123456789012", null);
            String arn = create(sfn, "loop", definition);
            long t0 = System.nanoTime();
            List<String> execs = new ArrayList<>();
            for (int i = 0; i < executions; i++) {
                ObjectNode in = Json.object();
                in.put("stateMachineArn", arn);
                in.put("input", "{\"n\":" + loops + "}");
                execs.add(call(sfn, "StartExecution", in).get("executionArn").asText());
            }
            if (!clock.awaitIdle(Duration.ofMinutes(10))) {
                throw new IllegalStateException("benchmark did not finish");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (String e : execs) {
                ObjectNode in = Json.object();
                in.put("executionArn", e);
                JsonNode d = call(sfn, "DescribeExecution", in);
                if (!d.get("status").asText().equals("SUCCEEDED")) {
                    throw new IllegalStateException(label + ": " + e + " " + d);
                }
            }
            return seconds;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    private static void heapPerExecution(int n) throws Exception {
        try (SimClock clock = SimClock.virtual(Instant.parse("2026-11-27T00:00:00Z"), 42)) {
            ServiceRegistry registry = new ServiceRegistry();
            List<String> tokens = new ArrayList<>();
            registry.functions((ref, payload) -> {
                synchronized (tokens) {
                    tokens.add(Json.parse(payload).get("token").asText());
                }
                return new FunctionInvoker.Result("{\"accepted\":true}", null, null);
            });
            StepFunctionsService sfn = new StepFunctionsService(clock, registry, "us-east-1", "123456789012", null);
            String arn = create(sfn, "callbacks", CALLBACK);
            long before = usedAfterGc();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ObjectNode in = Json.object();
                in.put("stateMachineArn", arn);
                in.put("name", "e" + i);
                in.put("input", "{\"request\":{\"id\":" + i + ",\"name\":\"thumbnails\"}}");
                call(sfn, "StartExecution", in);
            }
            clock.awaitIdle(Duration.ofMinutes(5));
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            long after = usedAfterGc();
            int open = sfn.openExecutions();
            System.out.printf("heap: %d executions waiting on callbacks (open=%d) started in %.2f s; used heap after GC %.1f MiB -> %.1f MiB = %,d bytes per open execution%n",
                    n, open, startSeconds, before / 1048576.0, after / 1048576.0, (after - before) / Math.max(1, open));
            long t1 = System.nanoTime();
            List<String> copy;
            synchronized (tokens) {
                copy = new ArrayList<>(tokens);
            }
            for (String token : copy) {
                ObjectNode in = Json.object();
                in.put("taskToken", token);
                in.put("output", "{\"ok\":true}");
                call(sfn, "SendTaskSuccess", in);
            }
            clock.awaitIdle(Duration.ofMinutes(5));
            System.out.printf("callbacks: %d SendTaskSuccess answered in %.2f s; open executions now %d%n", copy.size(),
                    (System.nanoTime() - t1) / 1e9, sfn.openExecutions());
        }
    }
}
