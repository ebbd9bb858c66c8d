package dev.gbo.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.local.scenario.ScenarioLoader;
import dev.gbo.testkit.LocalDeployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One run of {@code gbo simulate}: a random scenario (built as scenario JSON and validated by the
 * real {@link ScenarioLoader}) plus a workload, derived only from the run seed, the concurrency
 * and the enabled fault kinds, so that {@code --replay <runSeed>} with the same options rebuilds it
 * exactly.
 */
record SimPlan(long runSeed, String scenarioJson, Scenario scenario, List<Start> starts, Long stopAtSeconds,
               Map<String, Integer> injected) {

    /** Every fault kind {@code --faults} knows, in the order the summary lists them. */
    static final List<String> KINDS = List.of("spot", "host", "app", "capacity", "refuse", "ce-invalid", "event-dup",
            "event-reorder", "event-delay", "event-loss", "throttle", "5xx", "lambda-crash", "timeout", "stop", "sizes", "burst");

    static final String BUCKET = "gbo-sim-input";
    private static final List<String> LADDER = List.of("m9g", "m8g", "m7g");

    /** One execution of the workload: started by an S3 upload or a console StartExecution. */
    record Start(int index, String trigger, String name, int vcpus, int memoryMiB, long offsetSeconds) {
        boolean s3() {
            return "s3".equals(trigger);
        }

        String key() {
            return "incoming/sim-" + index + ".csv";
        }

        String executionName() {
            return "console-" + index;
        }

        /** The console request: the bundled console input with this start's name and size. */
        String consoleInput() {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("name", name);
            n.put("image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + LocalDeployment.IMAGE_REPOSITORY + ":latest");
            n.putArray("command").add("python").add("/app/app.py");
            n.put("vcpus", vcpus);
            n.put("memoryMiB", memoryMiB);
            ObjectNode verify = n.putObject("verify");
            verify.put("exitCode", 0);
            verify.put("architecture", "aarch64");
            return n.toString();
        }
    }

    /** The seed of run {@code index} of a campaign with seed {@code seed} (SplitMix64; never negative). */
    static long runSeed(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** Parses {@code all} or a comma list of kinds; unknown kinds are a usage error. */
    static Set<String> parseKinds(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equals("all")) {
            return new LinkedHashSet<>(KINDS);
        }
        Set<String> kinds = new LinkedHashSet<>();
        if (spec.trim().equals("none")) {
            return kinds;
        }
        for (String k : spec.split(",")) {
            String kind = k.trim();
            if (kind.isEmpty()) {
                continue;
            }
            if (!KINDS.contains(kind)) {
                throw new UsageException("simulate: unknown fault kind '" + kind + "'; one of all, none, " + String.join(", ", KINDS));
            }
            kinds.add(kind);
        }
        return kinds;
    }

    static SimPlan generate(long runSeed, int concurrency, Set<String> kinds, LambdaCrash crash) {
        return new Generator(runSeed, kinds, crash).plan(concurrency);
    }

    /**
     * Whether this tree's scenario loader accepts a Lambda crash fault (a function crashing after its
     * side effect and being invoked again). Another part of the project adds it; until the loader
     * accepts one of the shapes below, {@code lambda-crash} is reported as unavailable and never generated.
     */
    record LambdaCrash(String member, ArrayNode shape) {
        /** docs/scenarios.md, {@code lambdaFaults}: the handler runs fully, then its runtime crashes. */
        private static final List<String> CANDIDATES = List.of(
                "{\"lambdaFaults\": [{\"function\": \"*\", \"probability\": 0.1}]}");

        static LambdaCrash probe() {
            for (String candidate : CANDIDATES) {
                try {
                    ScenarioLoader.parse(candidate, "lambda-crash probe");
                    ObjectNode n = (ObjectNode) Json.MAPPER.readTree(candidate);
                    String member = n.fieldNames().next();
                    return new LambdaCrash(member, (ArrayNode) n.get(member));
                } catch (Exception e) {
                    // not accepted by this tree's loader
                }
            }
            return null;
        }
    }

    private static final class Generator {
        private final long runSeed;
        private final Random r;
        private final Set<String> kinds;
        private final LambdaCrash crash;
        private final Map<String, Integer> injected = new LinkedHashMap<>();

        Generator(long runSeed, Set<String> kinds, LambdaCrash crash) {
            this.runSeed = runSeed;
            this.r = new Random(runSeed);
            this.kinds = kinds;
            this.crash = crash;
        }

        /** Whether {@code kind} is enabled and drawn (with probability p) for this run; counts it when it is. */
        private boolean on(String kind, double p) {
            boolean drawn = kinds.contains(kind) && r.nextDouble() < p;
            if (drawn) {
                note(kind);
            }
            return drawn;
        }

        private void note(String kind) {
            injected.merge(kind, 1, Integer::sum);
        }

        private double between(double lo, double hi) {
            return lo + r.nextDouble() * (hi - lo);
        }

        SimPlan plan(int concurrency) {
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("name", "sim-" + runSeed);
            s.put("description", "gbo simulate run " + runSeed);
            s.put("seed", runSeed % 1_000_000_007L);

            // Where EC2 offers the ladder, and what Batch accepts.
            if (on("capacity", 0.35)) { // m9g (or m9g and m8g) only in us-east-1c, where no subnet is
                ObjectNode offerings = s.putObject("offerings");
                List<String> elsewhere = new ArrayList<>(Scenario.DEFAULT_FAMILIES);
                elsewhere.remove("m9g");
                if (r.nextBoolean()) {
                    elsewhere.remove("m8g");
                }
                offerings.set("*", strings(elsewhere));
                offerings.set("us-east-1c", strings(Scenario.DEFAULT_FAMILIES));
            }
            if (on("capacity", 0.45)) { // a shortage of one ladder family, sometimes restored
                ObjectNode capacity = s.putObject("capacity");
                String family = LADDER.get(r.nextInt(2));
                if (r.nextBoolean()) {
                    capacity.put(family, "shortage");
                } else {
                    ObjectNode c = capacity.putObject(family);
                    c.put("available", false);
                    c.put("restoredAfterSeconds", 120 + r.nextInt(1200));
                }
            }
            if (on("refuse", 0.35)) { // Batch's list lacks m9g (or m9g and m8g)
                List<String> accepted = new ArrayList<>(Scenario.DEFAULT_FAMILIES);
                accepted.remove("m9g");
                if (r.nextInt(4) == 0) {
                    accepted.remove("m8g");
                }
                s.set("batchAcceptedFamilies", strings(accepted));
            }
            if (on("ce-invalid", 0.2)) {
                String family = r.nextInt(3) == 0 ? "" : LADDER.get(r.nextInt(2));
                ArrayNode faults = s.putArray("computeEnvironmentFaults");
                ObjectNode f = faults.addObject();
                f.put("computeEnvironment", "*" + family + "*");
                f.put("statusReason", "CLIENT_ERROR - simulated: the instance role cannot be used by AWS Batch.");
            }

            // The workload.
            boolean sizes = on("sizes", 0.7);
            boolean burst = on("burst", 0.6);
            int[] vcpus = {1, 2, 4};
            int[] memory = {2048, 4096, 8192};
            List<Start> starts = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                boolean s3 = r.nextBoolean();
                int v = 1;
                int m = 2048;
                if (sizes && !s3) {
                    v = vcpus[r.nextInt(3)];
                    m = memory[r.nextInt(3)];
                }
                long offset = burst ? 0 : r.nextInt(600);
                starts.add(new Start(i, s3 ? "s3" : "console", s3 ? BUCKET : "sim" + i, v, m, offset));
            }

            // What each job attempt does: per console request name, and one entry for all S3 requests (named after the bucket).
            List<String> jobKinds = new ArrayList<>();
            for (String k : List.of("spot", "host", "app", "timeout")) {
                if (kinds.contains(k)) {
                    jobKinds.add(k);
                }
            }
            if (!jobKinds.isEmpty()) {
                ArrayNode jobs = s.putArray("jobs");
                Set<String> globs = new LinkedHashSet<>();
                for (Start st : starts) {
                    globs.add(LocalDeployment.NAME_PREFIX + "-" + st.name() + "-*");
                }
                for (String glob : globs) {
                    if (r.nextDouble() < 0.4) {
                        continue; // this request's jobs just succeed
                    }
                    ObjectNode entry = jobs.addObject();
                    entry.put("jobName", glob);
                    ArrayNode attempts = entry.putArray("attempts");
                    int n = 1 + r.nextInt(3);
                    for (int a = 0; a < n; a++) {
                        boolean last = a == n - 1;
                        if (last && r.nextDouble() < 0.7) {
                            attempts.addObject().put("type", "succeed").put("durationSeconds", 5 + r.nextInt(120));
                        } else {
                            attempts.add(outcome(jobKinds.get(r.nextInt(jobKinds.size()))));
                        }
                    }
                }
            }

            // Event delivery faults on "Batch Job State Change" (triggers are delivered faithfully).
            ObjectNode ev = Json.MAPPER.createObjectNode();
            if (on("event-dup", 0.4)) {
                ev.put("duplicate", round(between(0.1, 0.5)));
            }
            if (on("event-reorder", 0.35)) {
                ev.put("reorder", round(between(0.1, 0.4)));
                ev.put("reorderDelaySeconds", 5 + r.nextInt(30));
            }
            if (on("event-delay", 0.35)) {
                ev.put("delay", round(between(0.1, 0.5)));
                ev.put("maxDelaySeconds", 5 + r.nextInt(90));
            }
            if (on("event-loss", 0.25)) {
                ev.put("drop", round(between(0.03, 0.2)));
            }
            if (!ev.isEmpty()) {
                ev.putArray("detailTypes").add("Batch Job State Change");
                s.set("eventFaults", ev);
            }

            // API faults the orchestrator's functions meet (Batch and EC2 over the wire).
            ArrayNode api = Json.MAPPER.createArrayNode();
            if (on("throttle", 0.4)) {
                List<String> ops = List.of("SubmitJob", "Describe*", "*", "CreateComputeEnvironment", "CreateJobQueue");
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    ObjectNode f = api.addObject();
                    f.put("service", "batch");
                    f.put("operation", ops.get(r.nextInt(ops.size())));
                    f.put("error", "throttle");
                    f.put("probability", round(between(0.05, 0.4)));
                }
            }
            if (on("5xx", 0.3)) {
                ObjectNode f = api.addObject();
                f.put("service", r.nextInt(3) == 0 ? "ec2" : "batch");
                f.put("operation", "*");
                f.put("error", "server");
                f.put("probability", round(between(0.02, 0.15)));
            }
            if (!api.isEmpty()) {
                s.set("apiFaults", api);
            }
            if (crash != null && on("lambda-crash", 0.3)) {
                s.set(crash.member(), crash.shape().deepCopy());
            }

            Long stopAt = on("stop", 0.35) ? (long) (20 + r.nextInt(600)) : null;

            String json = s.toPrettyString();
            Scenario scenario = ScenarioLoader.parse(json, "sim-" + runSeed + ".json");
            return new SimPlan(runSeed, json, scenario, List.copyOf(starts), stopAt, Map.copyOf(injected));
        }

        private ObjectNode outcome(String kind) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            note(kind);
            switch (kind) {
                case "spot" -> o.put("type", "spot");
                case "host" -> o.put("type", "hostLoss");
                case "timeout" -> o.put("type", "hang");
                default -> {
                    switch (r.nextInt(3)) {
                        case 0 -> o.put("type", "execFormatError");
                        case 1 -> o.put("type", "outOfMemory");
                        default -> o.put("type", "exit").put("exitCode", 1 + r.nextInt(254));
                    }
                }
            }
            if (!"hang".equals(o.path("type").asText())) {
                o.put("durationSeconds", 5 + r.nextInt(180));
            }
            return o;
        }

        private static double round(double p) {
            return Math.round(p * 100) / 100.0;
        }

        private static ArrayNode strings(List<String> values) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            values.forEach(a::add);
            return a;
        }
    }
}
