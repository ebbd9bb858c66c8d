package dev.gbo.bench;

import dev.gbo.testkit.LocalDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.scenario.Scenario;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Benchmarks of the deployable artifact (issue: the orchestrator on AWS). Prints:
 * <ol>
 *   <li>the size of each deployable artifact;</li>
 *   <li>the cold init of each handler in a fresh JVM — construction plus first invocation against
 *       the local endpoint — the project's way and the naive way (default client builders, Apache
 *       and Netty on the classpath), median of N runs;</li>
 *   <li>the state transitions of one job on the happy path, and what they cost on AWS.</li>
 * </ol>
 * Run: {@code bench/run cold-start [runs]} (see docs/benchmarks.md).
 */
public final class ColdStartBench {
    private static final List<String> HANDLERS = List.of("NormalizeHandler", "CapacityHandler", "EnsureQueueHandler",
            "SubmitHandler", "JobStateChangeHandler", "ReconcileHandler");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path home = Path.of(System.getProperty("gbo.home", ".")).toAbsolutePath().normalize();
        Path jar = home.resolve("functions/target/gbo-functions.jar");
        Map<String, Path> artifactOf = Map.of("NormalizeHandler", home.resolve("functions/target/gbo-normalize.jar"),
                "CapacityHandler", home.resolve("functions/target/gbo-capacity.jar"));
        Path benchClasses = home.resolve("bench/target/classes");
        List<String> naiveExtra = Files.readAllLines(home.resolve("bench/target/naive-classpath.txt")).stream()
                .flatMap(l -> Arrays.stream(l.split(File.pathSeparator))).filter(s -> !s.isBlank()).toList();

        System.out.println("== Deployable artifacts");
        for (String artifact : List.of("gbo-normalize.jar", "gbo-capacity.jar", "gbo-functions.jar")) {
            Path p = home.resolve("functions/target/" + artifact);
            long unzipped;
            int entries;
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(p.toFile())) {
                unzipped = zip.stream().mapToLong(java.util.zip.ZipEntry::getSize).sum();
                entries = zip.size();
            }
            System.out.printf(Locale.ROOT, "functions/target/%-18s %5.1f MiB (%d bytes), %6.1f MiB unzipped, %6d entries%n",
                    artifact, Files.size(p) / 1048576.0, Files.size(p), unzipped / 1048576.0, entries);
        }
        long naiveBytes = naiveExtra.stream().mapToLong(p -> {
            try {
                return Files.size(Path.of(p));
            } catch (Exception e) {
                return 0;
            }
        }).sum();
        Path naiveJar = home.resolve("bench/target/gbo-naive.jar");
        System.out.printf(Locale.ROOT, "naive: bench/target/gbo-naive.jar %.1f MiB (%d bytes, every model, apache5-client)"
                + " + Apache classic and Netty clients %.1f MiB in %d jars%n",
                Files.size(naiveJar) / 1048576.0, Files.size(naiveJar), naiveBytes / 1048576.0, naiveExtra.size());

        Scenario scenario = LocalDeployment.loadScenario(home.resolve("scenarios/happy-m9g.json"));
        Path tmp = Files.createTempDirectory("gbo-coldstart");
        try (LocalDeployment local = LocalDeployment.start(home, scenario, 0, null, null)) {
            local.startExecution(Files.readString(home.resolve("events/console-input.json")));
            local.cloud().clock().awaitIdle(java.time.Duration.ofSeconds(60));
            Map<String, String> functionNames = new LinkedHashMap<>();
            for (String h : HANDLERS) {
                String physical = local.report().entry(h.replace("Handler", "Function")).physicalId();
                String name = physical.contains(":function:") ? physical.substring(physical.indexOf(":function:") + 10).split(":")[0] : physical;
                functionNames.put(h, name);
            }
            Map<String, Path> payloads = new LinkedHashMap<>();
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            int transitions;
            try (SfnClient sfn = local.sfn(); LambdaClient lambda = LambdaClient.builder()
                    .region(software.amazon.awssdk.regions.Region.of(local.cloud().region()))
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("bench", "bench")))
                    .endpointOverride(local.cloud().endpoint())
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
                String execution = sfn.listExecutions(r -> r.stateMachineArn(local.stateMachineArn())).executions().get(0).executionArn();
                List<HistoryEvent> history = new ArrayList<>();
                sfn.getExecutionHistoryPaginator(r -> r.executionArn(execution)).events().forEach(history::add);
                transitions = (int) history.stream().filter(e -> e.typeAsString().endsWith("StateEntered")).count();
                System.out.println();
                System.out.println("== State transitions of one job on the happy path (scenario happy-m9g, console input)");
                System.out.println("execution " + sfn.describeExecution(r -> r.executionArn(execution)).statusAsString()
                        + ": " + transitions + " state transitions, " + history.size() + " history events");
                System.out.printf(Locale.ROOT, "cost on Standard workflows: %d x $0.025/1000 = $%.6f per job%n",
                        transitions, transitions * 0.025 / 1000);
                // The same job again on the queue the first one created, then a failing one (InvalidRequest).
                for (String[] next : new String[][] {{"events/console-input.json", "the same job again, queue exists"},
                        {"events/invalid-request.json", "a failing job (InvalidRequest: Normalize, then the failure path)"}}) {
                    String arn = local.startExecution(Files.readString(home.resolve(next[0])));
                    local.cloud().clock().awaitIdle(java.time.Duration.ofSeconds(60));
                    List<String> entered = new ArrayList<>();
                    sfn.getExecutionHistoryPaginator(r -> r.executionArn(arn)).events().forEach(e -> {
                        if (e.typeAsString().endsWith("StateEntered")) {
                            entered.add(e.stateEnteredEventDetails().name());
                        }
                    });
                    System.out.println(next[1] + ": execution " + sfn.describeExecution(r -> r.executionArn(arn)).statusAsString()
                            + ", " + entered.size() + " state transitions: " + String.join(", ", entered));
                }
                for (HistoryEvent e : history) {
                    if (!"TaskScheduled".equals(e.typeAsString())) {
                        continue;
                    }
                    JsonNode params = parseOrNull(e.taskScheduledEventDetails().parameters());
                    String fn = params == null ? null : params.path("FunctionName").asText(null);
                    if (fn == null) {
                        continue;
                    }
                    String invoked = fn.contains(":function:") ? fn.substring(fn.indexOf(":function:") + 10).split(":")[0] : fn;
                    for (String h : HANDLERS) {
                        if (functionNames.get(h).equals(invoked) && !payloads.containsKey(h)) {
                            Path p = tmp.resolve(h + ".json");
                            Files.writeString(p, params.path("Payload").toString());
                            payloads.put(h, p);
                        }
                    }
                }
                Path event = tmp.resolve("JobStateChangeHandler.json");
                Files.copy(home.resolve("events/job-succeeded.json"), event);
                payloads.put("JobStateChangeHandler", event);
                if (!payloads.containsKey("ReconcileHandler") && payloads.containsKey("SubmitHandler")) {
                    // Reconcile takes the Submit payload (state + attempt): it describes the job the happy path ran.
                    payloads.put("ReconcileHandler", payloads.get("SubmitHandler"));
                }
                for (String h : HANDLERS) {
                    environments.put(h, lambda.getFunction(r -> r.functionName(functionNames.get(h))).configuration()
                            .environment().variables());
                }
            }

            System.out.println();
            System.out.println("== Cold init in a fresh JVM: construction + first invocation against the local endpoint (median of " + runs + ")");
            System.out.printf("%-22s %-6s %10s %12s %12s %10s  %s%n", "handler", "mode", "jvm boot", "construct", "1st invoke", "total", "outcome");
            for (String h : HANDLERS) {
                if (!payloads.containsKey(h)) {
                    System.out.println(h + ": no payload recorded in the happy path; skipped");
                    continue;
                }
                for (String mode : List.of("lean", "naive")) {
                    // lean: the function's own artifact. naive: one fat artifact with every SDK service model,
                    // plus the Apache and Netty HTTP clients, and default client builders.
                    Path artifact = mode.equals("lean") ? artifactOf.getOrDefault(h, jar) : naiveJar;
                    List<String> cp = new ArrayList<>(List.of(artifact.toString(), benchClasses.toString()));
                    if (mode.equals("naive")) {
                        cp.addAll(naiveExtra);
                    }
                    List<double[]> samples = new ArrayList<>();
                    String outcome = "";
                    for (int i = 0; i < runs; i++) {
                        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, cp),
                                "dev.gbo.bench.ColdStartProbe", h, mode, payloads.get(h).toString());
                        Map<String, String> env = pb.environment();
                        env.putAll(environments.get(h));
                        env.put("AWS_REGION", local.cloud().region());
                        env.put("AWS_ENDPOINT_URL", local.cloud().endpoint().toString());
                        env.put("AWS_ACCESS_KEY_ID", "bench");
                        env.put("AWS_SECRET_ACCESS_KEY", "bench");
                        pb.redirectErrorStream(true);
                        Process p = pb.start();
                        String probeLine = null;
                        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = r.readLine()) != null) {
                                if (line.startsWith("PROBE ")) {
                                    probeLine = line;
                                }
                            }
                        }
                        p.waitFor();
                        if (probeLine == null) {
                            throw new IllegalStateException("probe of " + h + " (" + mode + ") printed no figures");
                        }
                        Map<String, String> f = new LinkedHashMap<>();
                        for (String kv : probeLine.substring(6).split(" ")) {
                            int eq = kv.indexOf('=');
                            f.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                        samples.add(new double[] {Double.parseDouble(f.get("jvmStartMs")), Double.parseDouble(f.get("constructMs")),
                                Double.parseDouble(f.get("firstInvokeMs"))});
                        outcome = f.get("outcome");
                    }
                    double boot = median(samples, 0);
                    double construct = median(samples, 1);
                    double invoke = median(samples, 2);
                    System.out.printf(Locale.ROOT, "%-22s %-6s %8.0f ms %10.0f ms %10.0f ms %8.0f ms  %s%n", h, mode, boot, construct,
                            invoke, construct + invoke, outcome);
                }
            }
        }
        System.out.println();
        System.out.println("measured " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static double median(List<double[]> samples, int index) {
        double[] v = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static com.fasterxml.jackson.databind.JsonNode parseOrNull(String text) {
        try {
            return dev.gbo.local.core.Json.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
