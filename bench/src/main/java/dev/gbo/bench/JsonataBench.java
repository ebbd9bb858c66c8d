package dev.gbo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.sfn.StepFunctionsService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSONata against JSONPath in the Step Functions engine (prints figures; results in docs/benchmarks.md):
 * the same counting loop (Choice, Pass incrementing a counter, back to Choice) written four ways, each run
 * as N concurrent executions on a VIRTUAL clock, engine in process, in rounds that alternate the variants:
 * JSONPath with the counter in the state's data (an intrinsic per iteration), JSONPath with the counter in
 * workflow variables, JSONata with the counter in the data, JSONata with the counter in variables.
 *
 * <p>Usage: {@code bench/run jsonata [executions loops rounds]} (defaults 100 1000 3).
 */
public final class JsonataBench {

    private static final RequestContext CTX = new RequestContext("us-east-1", "123456789012", "bench");
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";

    static final Map<String, String> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("JSONPath, data", """
                {"StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Parameters": {"i": 0, "n.$": "$.n"}, "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEqualsPath": "$.n", "Next": "Done"}],
                            "Default": "Inc"},
                  "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Check"},
                  "Done": {"Type": "Succeed"}}}""");
        VARIANTS.put("JSONPath, variables", """
                {"StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"i": 0, "n.$": "$.n"}, "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$i", "NumericGreaterThanEqualsPath": "$n", "Next": "Done"}],
                            "Default": "Inc"},
                  "Inc": {"Type": "Pass", "Assign": {"i.$": "States.MathAdd($i, 1)"}, "Next": "Check"},
                  "Done": {"Type": "Succeed"}}}""");
        VARIANTS.put("JSONata, data", """
                {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Output": "{% {'i': 0, 'n': $states.input.n} %}", "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.i >= $states.input.n %}", "Next": "Done"}],
                            "Default": "Inc"},
                  "Inc": {"Type": "Pass", "Output": "{% {'i': $states.input.i + 1, 'n': $states.input.n} %}", "Next": "Check"},
                  "Done": {"Type": "Succeed"}}}""");
        VARIANTS.put("JSONata, variables", """
                {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"i": 0, "n": "{% $states.input.n %}"}, "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $i >= $n %}", "Next": "Done"}], "Default": "Inc"},
                  "Inc": {"Type": "Pass", "Assign": {"i": "{% $i + 1 %}"}, "Next": "Check"},
                  "Done": {"Type": "Succeed"}}}""");
    }

    private JsonataBench() {
    }

    public static void main(String[] args) {
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("JsonataBench: java %s, %d available processors, max heap %d MiB%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        VARIANTS.forEach((name, def) -> run(name, def, Math.max(1, executions / 4), loops)); // warm-up
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            VARIANTS.forEach((name, def) -> rates.computeIfAbsent(name, k -> new ArrayList<>()).add(run(name, def, executions, loops)));
        }
        double base = best(rates.get("JSONPath, data"));
        System.out.printf("%nbest of %d rounds, %d executions x %d loop iterations (%,d transitions per run)%n", rounds, executions,
                loops, (long) executions * (2L * loops + 3));
        rates.forEach((name, list) -> System.out.printf("  %-20s %,10.0f transitions/s  (%.2fx JSONPath, data)%n", name, best(list),
                best(list) / base));
    }

    private static double best(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static JsonNode call(StepFunctionsService sfn, String op, ObjectNode in) {
        return sfn.call(op, in, CTX);
    }

    /** Runs the loop; returns transitions/s. Every execution must succeed with i == n. */
    private static double run(String name, String definition, int executions, int loops) {
        try (SimClock clock = SimClock.virtual(Instant.parse("2026-11-27T00:00:00Z"), 42)) {
            StepFunctionsService sfn = new StepFunctionsService(clock, new ServiceRegistry(), "us-east-1", "123456789012", null);
            ObjectNode c = Json.object();
            c.put("name", "loop");
            c.put("definition", definition);
            c.put("roleArn", ROLE);
            String arn = call(sfn, "CreateStateMachine", c).get("stateMachineArn").asText();
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
                    throw new IllegalStateException(name + ": " + e + " " + d);
                }
            }
            long transitions = (long) executions * (2L * loops + 3);
            double rate = transitions / seconds;
            System.out.printf("%-20s %d executions x %d iterations = %,d transitions in %.2f s = %,.0f transitions/s%n", name,
                    executions, loops, transitions, seconds, rate);
            return rate;
        }
    }
}
