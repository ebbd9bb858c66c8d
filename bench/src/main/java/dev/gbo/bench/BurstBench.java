package dev.gbo.bench;

import dev.gbo.testkit.LocalDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.batch.BatchService;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.http.AwsEndpoint;
import dev.gbo.local.lambda.LambdaService;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.local.sfn.StepFunctionsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The orchestrator under a burst of N triggers at once (issue "orchestrator under real load", part 8):
 * for each N a fresh local deployment on the VIRTUAL clock; half the triggers are S3 uploads into the
 * input bucket (the deployment's default job, 1 vCPU / 2 GiB), half "Submit Batch Job" events on the
 * project bus with mixed sizes. Waits until every execution has ended, then prints executions by
 * outcome, simulated and wall time, the peak SubmitJob rate, the AWS API calls on the wire per job by
 * operation (accepted and throttled), state transitions and Lambda invocations per job, and the cost
 * per job at us-east-1 list prices (orchestration only: the job's Batch/EC2 compute is excluded).
 *
 * <p>Measurement goes through in-process accessors and in-process API calls, never the wire, so it
 * does not add to the calls it counts. Run: {@code bench/run burst [--scenario file] [N...]}
 * (see docs/benchmarks.md).
 */
public final class BurstBench {
    private static final int[][] SIZES = {{1, 2048}, {2, 4096}, {1, 4096}, {4, 8192}, {2, 2048}, {8, 16384}};
    private static final RequestContext CTX = new RequestContext("us-east-1", "123456789012", "burst-bench");
    // us-east-1 list prices (late 2026)
    private static final double SFN_PER_TRANSITION = 0.025 / 1000;
    private static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    private static final double LAMBDA_PER_REQUEST = 0.20 / 1_000_000;
    private static final double EVENTS_PER_ENTRY = 1.00 / 1_000_000;

    private BurstBench() {
    }

    /** The figures of one burst. */
    record Row(int n, int started, int succeeded, Map<String, Integer> failed, Duration simulated, Duration wall,
               int peakSubmitPerSecond, long jobs, Map<String, AwsEndpoint.OperationCount> calls, long transitions,
               Map<String, long[]> lambda, long customEvents, boolean complete, dev.gbo.local.Durability.Stats journal) {
        long callsOf(String key, boolean throttled) {
            AwsEndpoint.OperationCount c = calls.get(key);
            return c == null ? 0 : throttled ? c.throttled() : c.accepted();
        }

        long lambdaInvocations() {
            return lambda.values().stream().mapToLong(v -> v[0]).sum();
        }

        long lambdaBilledMillis() {
            return lambda.values().stream().mapToLong(v -> v[1]).sum();
        }
    }

    /** The figures; System.out is silenced during the bursts (the handlers' JSON log lines go there). */
    private static final java.io.PrintStream OUT = System.out;

    public static void main(String[] args) throws Exception {
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Path home = Path.of(System.getProperty("gbo.home", ".")).toAbsolutePath().normalize();
        Path scenarioFile = home.resolve("scenarios/happy-m9g.json");
        stateRoot = null;
        List<Integer> sizes = new ArrayList<>();
        long timeoutMinutes = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenarioFile = Path.of(args[++i]).toAbsolutePath();
                case "--timeout-minutes" -> timeoutMinutes = Long.parseLong(args[++i]);
                case "--state-dir" -> stateRoot = Path.of(args[++i]).toAbsolutePath();
                default -> sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(100, 1000, 10_000));
        }
        int memoryMb = templateMemorySize(home.resolve("template.yaml"));
        Scenario scenario = LocalDeployment.loadScenario(scenarioFile);
        OUT.printf(Locale.ROOT, "BurstBench: scenario %s, VIRTUAL clock, Lambda MemorySize %d MB (template.yaml Globals), "
                        + "java %s, %d processors, max heap %d MiB%n", scenario.name(), memoryMb,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            Row row = burst(home, scenario, n, Duration.ofMinutes(timeoutMinutes));
            rows.add(row);
            OUT.printf(Locale.ROOT, "N=%d done: %d started, %d succeeded, failed %s, simulated %s, wall %s%n", n,
                    row.started(), row.succeeded(), row.failed(), fmt(row.simulated()), fmt(row.wall()));
            print(rows, memoryMb); // after each N: the figures so far survive a long last burst that is stopped
        }
        OUT.println();
        OUT.println("measured " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    static int templateMemorySize(Path template) throws Exception {
        String text = Files.readString(template);
        Matcher m = Pattern.compile("(?s)\\nGlobals:.*?\\n  Function:.*?\\n    MemorySize: (\\d+)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no Globals.Function.MemorySize in " + template);
        }
        return Integer.parseInt(m.group(1));
    }

    private static String request(int i) {
        ObjectNode r = Json.object();
        r.put("name", "burst-" + i);
        r.put("image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest");
        r.putArray("command").add("python").add("/app/app.py");
        int[] size = SIZES[(i / 2) % SIZES.length];
        r.put("vcpus", size[0]);
        r.put("memoryMiB", size[1]);
        return r.toString();
    }

    /** {@code --state-dir DIR}: each burst runs durable, in a new directory under DIR (null: in memory). */
    private static Path stateRoot;

    private static Row burst(Path home, Scenario scenario, int n, Duration timeout) throws Exception {
        Path stateDir = stateRoot == null ? null : java.nio.file.Files.createTempDirectory(
                java.nio.file.Files.createDirectories(stateRoot), "burst-" + n + "-");
        try (LocalDeployment local = LocalDeployment.start(home, scenario, 0, null, null, "", stateDir)) {
            StepFunctionsService sfn = (StepFunctionsService) local.cloud().services().get("states");
            LambdaService lambda = (LambdaService) local.cloud().services().get("lambda");
            EventBridgeService events = (EventBridgeService) local.cloud().services().get("events");
            BatchService batch = (BatchService) local.cloud().services().get("batch");
            Map<String, AwsEndpoint.OperationCount> callsBefore = local.cloud().apiCalls();
            Map<String, LambdaService.InvocationStats> lambdaBefore = lambda.invocationStats();
            long eventsBefore = events.customEvents();
            int jobsBefore = jobCreationTimes(batch).size();

            Instant simStart = local.clock().now();
            long wall0 = System.nanoTime();
            fire(local, n);
            boolean complete = awaitAll(local, sfn, n, timeout);
            Duration wall = Duration.ofNanos(System.nanoTime() - wall0);
            dev.gbo.local.Durability.Stats journal = local.cloud().durability().stats();

            Map<String, AwsEndpoint.OperationCount> calls = new TreeMap<>();
            local.cloud().apiCalls().forEach((k, c) -> {
                AwsEndpoint.OperationCount b = callsBefore.getOrDefault(k, new AwsEndpoint.OperationCount(0, 0));
                if (c.calls() > b.calls()) {
                    calls.put(k, new AwsEndpoint.OperationCount(c.calls() - b.calls(), c.throttled() - b.throttled()));
                }
            });
            Map<String, long[]> lambdaCounts = new TreeMap<>();
            lambda.invocationStats().forEach((fn, s) -> {
                LambdaService.InvocationStats b = lambdaBefore.get(fn);
                long inv = s.invocations() - (b == null ? 0 : b.invocations());
                long ms = s.billedMillis() - (b == null ? 0 : b.billedMillis());
                if (inv > 0) {
                    lambdaCounts.put(fn, new long[] {inv, ms});
                }
            });
            long customEvents = events.customEvents() - eventsBefore;

            int started = 0;
            int succeeded = 0;
            long transitions = 0;
            Instant lastEnd = simStart;
            Map<String, Integer> failed = new TreeMap<>();
            for (JsonNode e : list(sfn, "ListExecutions", "stateMachineArn", local.stateMachineArn(), "executions")) {
                started++;
                String arn = e.path("executionArn").asText();
                String status = e.path("status").asText();
                if (e.hasNonNull("stopDate")) {
                    Instant stop = Instant.ofEpochMilli(Math.round(e.path("stopDate").asDouble() * 1000));
                    lastEnd = stop.isAfter(lastEnd) ? stop : lastEnd;
                }
                if ("SUCCEEDED".equals(status)) {
                    succeeded++;
                } else if (!"RUNNING".equals(status)) {
                    JsonNode d = sfn.call("DescribeExecution", Json.object().put("executionArn", arn), CTX);
                    failed.merge(status + " " + d.path("error").asText("?"), 1, Integer::sum);
                } else {
                    failed.merge("still RUNNING", 1, Integer::sum);
                }
                // Standard workflows bill every state entered and every retry: a retried Task schedules its
                // work again (TaskScheduled/LambdaFunctionScheduled) and a retried Parallel starts again
                // (ParallelStateStarted) inside the same state entry.
                long entered = 0;
                long taskEntries = 0;
                long scheduled = 0;
                long parallelEntries = 0;
                long parallelStarts = 0;
                for (JsonNode h : list(sfn, "GetExecutionHistory", "executionArn", arn, "events")) {
                    String type = h.path("type").asText();
                    if (type.endsWith("StateEntered")) {
                        entered++;
                    }
                    switch (type) {
                        case "TaskStateEntered" -> taskEntries++;
                        case "TaskScheduled", "LambdaFunctionScheduled" -> scheduled++;
                        case "ParallelStateEntered" -> parallelEntries++;
                        case "ParallelStateStarted" -> parallelStarts++;
                        default -> { }
                    }
                }
                transitions += entered + Math.max(0, scheduled - taskEntries) + Math.max(0, parallelStarts - parallelEntries);
            }
            List<Long> created = jobCreationTimes(batch);
            created = created.subList(Math.min(jobsBefore, created.size()), created.size());
            return new Row(n, started, succeeded, failed, Duration.between(simStart, lastEnd), wall,
                    peakPerSecond(created), created.size(), calls, transitions, lambdaCounts, customEvents, complete,
                    journal);
        }
    }

    /** Half S3 uploads into the input bucket, half "Submit Batch Job" events on the project bus, all at once. */
    private static void fire(LocalDeployment local, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (var eventsClient = local.events(); var s3 = local.s3()) {
            String bucket = local.parameters().get("InputBucketName");
            String bus = local.projectBus();
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                sent.add(pool.submit(() -> patiently(() -> {
                    if (k % 2 == 0) {
                        s3.putObject(p -> p.bucket(bucket).key("inbox/burst-" + k + ".csv"),
                                RequestBody.fromString("id,value\n" + k + ",1\n"));
                    } else {
                        var r = eventsClient.putEvents(p -> p.entries(e -> e.eventBusName(bus).source("burst.bench")
                                .detailType("Submit Batch Job").detail(request(k))));
                        if (r.failedEntryCount() > 0) {
                            throw new IllegalStateException("PutEvents refused the trigger " + k + ": " + r.entries());
                        }
                    }
                })));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends one trigger until it is accepted: 5,000 uploads at once exceed S3's 3,500 PUT/s bucket, and
     * on the VIRTUAL clock the bucket refills in simulated time, which may stand still for longer than
     * the client's own 10 attempts (their throttled calls are counted at the endpoint all the same).
     */
    private static Void patiently(Runnable send) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                send.run();
                return null;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                if (!e.isThrottlingException() && e.statusCode() != 503 || attempt >= 100) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Waits (wall time) until {@code n} executions exist and none is open; or until nothing has moved
     * for a minute with none open (a trigger that started no execution); or the timeout.
     */
    private static boolean awaitAll(LocalDeployment local, StepFunctionsService sfn, int n, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastCount = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int count = list(sfn, "ListExecutions", "stateMachineArn", local.stateMachineArn(), "executions").size();
            int open = sfn.openExecutions();
            if (count >= n && open == 0) {
                return true;
            }
            if (count != lastCount) {
                lastCount = count;
                lastChange = System.nanoTime();
            } else if (open == 0 && System.nanoTime() - lastChange > Duration.ofMinutes(1).toNanos()) {
                OUT.printf("N=%d: only %d executions started and none is open after a minute; stopping%n", n, count);
                return false;
            }
            Thread.sleep(1000);
        }
        OUT.printf("N=%d: timed out after %s%n", n, fmt(timeout));
        return false;
    }

    /** Every item of a paginated in-process list operation (not on the wire: not counted). */
    private static List<JsonNode> list(AwsService service, String operation, String key, String value, String items) {
        return list(service, operation, Json.object().put(key, value), items);
    }

    /** Every item of a paginated listing, in process: {@code request} page after page, 1,000 at a time. */
    private static List<JsonNode> list(AwsService service, String operation, ObjectNode request, String items) {
        List<JsonNode> out = new ArrayList<>();
        String token = null;
        do {
            ObjectNode in = request.deepCopy().put("maxResults", 1000);
            if (token != null) {
                in.put("nextToken", token);
            }
            JsonNode page = service.call(operation, in, CTX);
            page.path(items).forEach(out::add);
            token = page.path("nextToken").asText(null);
        } while (token != null && !token.isEmpty());
        return out;
    }

    /** createdAt (simulated ms) of every Batch job, sorted. */
    private static List<Long> jobCreationTimes(BatchService batch) {
        List<Long> times = new ArrayList<>();
        for (JsonNode q : batch.call("DescribeJobQueues", Json.object(), CTX).path("jobQueues")) {
            ObjectNode request = Json.object().put("jobQueue", q.path("jobQueueName").asText());
            request.putArray("filters").addObject().put("name", "JOB_NAME").putArray("values").add("*");
            list(batch, "ListJobs", request, "jobSummaryList").forEach(j -> times.add(j.path("createdAt").asLong()));
        }
        times.sort(null);
        return times;
    }

    /** The most job creations (accepted SubmitJob calls) in any window of 1 simulated second. */
    static int peakPerSecond(List<Long> sortedMillis) {
        int best = 0;
        int from = 0;
        for (int to = 0; to < sortedMillis.size(); to++) {
            while (sortedMillis.get(to) - sortedMillis.get(from) >= 1000) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    private static void print(List<Row> rows, int memoryMb) {
        OUT.println();
        OUT.println("== Burst of N triggers (half S3 uploads, half bus events of mixed sizes), per N");
        header(rows, "");
        line(rows, "executions started", r -> String.valueOf(r.started()));
        line(rows, "succeeded", r -> String.valueOf(r.succeeded()));
        line(rows, "failed (by error)", r -> r.failed().isEmpty() ? "0" : r.failed().toString());
        line(rows, "all ended before the timeout", r -> r.complete() ? "yes" : "NO");
        line(rows, "simulated time (1st trigger to last end)", r -> fmt(r.simulated()));
        line(rows, "wall time", r -> fmt(r.wall()));
        line(rows, "Batch jobs created", r -> String.valueOf(r.jobs()));
        line(rows, "peak SubmitJob accepted in 1 sim-second", r -> String.valueOf(r.peakSubmitPerSecond()));
        line(rows, "SubmitJob throttled (429)", r -> String.valueOf(r.callsOf("batch:SubmitJob", true)));
        if (rows.stream().anyMatch(r -> r.journal().fsyncs() > 0)) {
            line(rows, "journal fsyncs (--state-dir)", r -> String.valueOf(r.journal().fsyncs()));
            line(rows, "journal compactions while running", r -> String.valueOf(r.journal().compactions()));
            line(rows, "longest pause of a compaction", r -> String.format(Locale.ROOT, "%.1f ms",
                    r.journal().longestCompactionPauseMicros() / 1000.0));
            line(rows, "journal size at the end", r -> String.format(Locale.ROOT, "%.1f MiB", r.journal().journalBytes() / 1048576.0));
        }

        OUT.println();
        OUT.println("== AWS API calls on the wire per job, by operation: accepted / throttled"
                + " (s3:PutObject and events:PutEvents include the triggers themselves, 0.5 per job each)");
        header(rows, "");
        TreeSet<String> ops = new TreeSet<>();
        rows.forEach(r -> ops.addAll(r.calls().keySet()));
        for (String op : ops) {
            line(rows, op, r -> String.format(Locale.ROOT, "%.2f / %.2f", r.callsOf(op, false) / (double) r.n(),
                    r.callsOf(op, true) / (double) r.n()));
        }
        line(rows, "all operations", r -> String.format(Locale.ROOT, "%.2f / %.2f",
                r.calls().values().stream().mapToLong(AwsEndpoint.OperationCount::accepted).sum() / (double) r.n(),
                r.calls().values().stream().mapToLong(AwsEndpoint.OperationCount::throttled).sum() / (double) r.n()));

        OUT.println();
        OUT.println("== State transitions and Lambda invocations per job (billed ms = mean Billed Duration per invocation)");
        header(rows, "");
        line(rows, "state transitions (states entered + retries)", r -> String.format(Locale.ROOT, "%.2f", r.transitions() / (double) r.n()));
        TreeSet<String> fns = new TreeSet<>();
        rows.forEach(r -> fns.addAll(r.lambda().keySet()));
        for (String fn : fns) {
            line(rows, "lambda " + fn, r -> {
                long[] v = r.lambda().getOrDefault(fn, new long[2]);
                return String.format(Locale.ROOT, "%.2f x %.0f ms", v[0] / (double) r.n(), v[0] == 0 ? 0.0 : v[1] / (double) v[0]);
            });
        }
        line(rows, "lambda, all functions", r -> String.format(Locale.ROOT, "%.2f x %.0f ms", r.lambdaInvocations() / (double) r.n(),
                r.lambdaInvocations() == 0 ? 0.0 : r.lambdaBilledMillis() / (double) r.lambdaInvocations()));
        line(rows, "EventBridge custom events", r -> String.format(Locale.ROOT, "%.2f", r.customEvents() / (double) r.n()));

        OUT.println();
        OUT.printf(Locale.ROOT, "== Cost per job, us-east-1 list prices, US$ (Lambda arm64 at %d MB, billed durations"
                + " measured by the local runtime on this x86 machine's warm JVM: an estimate, not a Graviton prediction;"
                + " the job's own Batch/EC2 compute excluded)%n", memoryMb);
        header(rows, "");
        double gb = memoryMb / 1024.0;
        line(rows, "Step Functions Standard ($0.025/1k transitions)", r -> usd(r.transitions() * SFN_PER_TRANSITION / r.n()));
        line(rows, "Lambda duration ($0.0000133334/GB-s)", r -> usd(r.lambdaBilledMillis() / 1000.0 * gb * LAMBDA_ARM_PER_GB_SECOND / r.n()));
        line(rows, "Lambda requests ($0.20/1M)", r -> usd(r.lambdaInvocations() * LAMBDA_PER_REQUEST / r.n()));
        line(rows, "EventBridge custom events ($1.00/1M)", r -> usd(r.customEvents() * EVENTS_PER_ENTRY / r.n()));
        line(rows, "total per job", r -> usd((r.transitions() * SFN_PER_TRANSITION
                + r.lambdaBilledMillis() / 1000.0 * gb * LAMBDA_ARM_PER_GB_SECOND + r.lambdaInvocations() * LAMBDA_PER_REQUEST
                + r.customEvents() * EVENTS_PER_ENTRY) / r.n()));
    }

    private static void header(List<Row> rows, String title) {
        StringBuilder b = new StringBuilder(String.format("%-50s", title));
        rows.forEach(r -> b.append(String.format(Locale.ROOT, " %20s", "N=" + r.n())));
        OUT.println(b);
    }

    private static void line(List<Row> rows, String label, java.util.function.Function<Row, String> cell) {
        StringBuilder b = new StringBuilder(String.format("%-50s", label));
        rows.forEach(r -> b.append(String.format(" %20s", cell.apply(r))));
        OUT.println(b);
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "$%.7f", v);
    }

    private static String fmt(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
