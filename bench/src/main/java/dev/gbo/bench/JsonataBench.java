package dev.gbo.bench;

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

    /** Runs the loop ({@link SfnBench#loop}); returns transitions/s. Every execution must succeed with i == n. */
    private static double run(String name, String definition, int executions, int loops) {
        double seconds = SfnBench.loop(definition, executions, loops, name);
        long transitions = SfnBench.loopTransitions(executions, loops);
        double rate = transitions / seconds;
        System.out.printf("%-20s %d executions x %d iterations = %,d transitions in %.2f s = %,.0f transitions/s%n", name,
                executions, loops, transitions, seconds, rate);
        return rate;
    }
}
