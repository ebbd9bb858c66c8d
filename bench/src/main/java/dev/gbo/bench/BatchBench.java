package dev.gbo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.batch.BatchService;
import dev.gbo.local.fleet.JobStatus;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.ScenarioLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;

/**
 * Figures for the local AWS Batch and its simulated fleet (results in docs/local-cloud.md,
 * "Benchmarks"):
 * <ol>
 *   <li>SubmitJob + DescribeJobs over HTTP with SDK v2 clients (UrlConnectionHttpClient), N client
 *       threads, MANUAL clock (jobs stay SUBMITTED: the API path alone);</li>
 *   <li>simulated jobs per second end to end, in process: submit N jobs, run the VIRTUAL clock until
 *       every job is SUCCEEDED, for N = 1k, 10k, 100k (or the sizes given as arguments).</li>
 * </ol>
 * Usage: {@code BatchBench [httpSeconds] [httpThreads] [n1 n2 ...]}; run with
 * {@code java -cp bench/target/classes:cli/target/gbo.jar dev.gbo.bench.BatchBench 10 4 1000 10000 100000}
 * after {@code ./mvnw -o -q -B install -DskipTests}.
 */
public final class BatchBench {

    private static final String SCENARIO = "{\"timing\":{\"submitJobTps\":1000000}}";

    private BatchBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 10_000, 100_000);
        }
        System.out.printf(Locale.ROOT, "BatchBench: %d cores, Java %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        http(seconds, threads);
        for (int n : sizes) {
            endToEnd(n);
        }
    }

    static BatchClient client(LocalCloud cloud) {
        return BatchClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    static void http(int seconds, int threads) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL)
                .scenario(ScenarioLoader.parse(SCENARIO, "bench.json")).build().start();
             BatchClient setup = client(cloud)) {
            setup.createComputeEnvironment(b -> b.computeEnvironmentName("bench-ce").type("MANAGED")
                    .computeResources(r -> r.type(CRType.EC2).allocationStrategy("BEST_FIT_PROGRESSIVE").maxvCpus(256)
                            .instanceTypes("m8g").subnets("subnet-0123456789abcdef0").instanceRole("ecsInstanceRole")));
            setup.createJobQueue(b -> b.jobQueueName("bench-q").priority(1).computeEnvironmentOrder(
                    ComputeEnvironmentOrder.builder().order(1).computeEnvironment("bench-ce").build()));
            setup.registerJobDefinition(b -> b.jobDefinitionName("bench").type("container").containerProperties(c -> c
                    .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest")
                    .command("python", "/app/app.py")
                    .resourceRequirements(ResourceRequirement.builder().type(ResourceType.VCPU).value("1").build(),
                            ResourceRequirement.builder().type(ResourceType.MEMORY).value("2048").build())));
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicLong requests = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = Thread.ofPlatform().name("bench-" + t).start(() -> {
                    try (BatchClient batch = client(cloud)) {
                        long n = 0;
                        while (!stop.get()) {
                            String jobId = batch.submitJob(b -> b.jobName("bench-" + id).jobQueue("bench-q")
                                    .jobDefinition("bench")).jobId();
                            batch.describeJobs(b -> b.jobs(jobId));
                            if (measuring.get()) {
                                requests.addAndGet(2);
                            }
                            n++;
                        }
                    }
                });
                workers.add(w);
            }
            Thread.sleep(3_000); // warm-up (JIT, connections)
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            System.out.printf(Locale.ROOT, "http: SubmitJob+DescribeJobs over HTTP, %d SDK client threads, %.1f s: "
                    + "%.0f requests/s (%.0f submit+describe pairs/s)%n", threads, elapsed, requests.get() / elapsed,
                    requests.get() / elapsed / 2);
        }
    }

    static void endToEnd(int n) {
        System.gc();
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.VIRTUAL)
                .scenario(ScenarioLoader.parse(SCENARIO, "bench.json")).build()) {
            BatchService batch = (BatchService) cloud.services().get("batch");
            RequestContext ctx = new RequestContext("us-east-1", "123456789012", "bench");
            batch.call("CreateComputeEnvironment", Json.parse("""
                    {"computeEnvironmentName":"ce","type":"MANAGED","computeResources":{"type":"EC2",
                     "allocationStrategy":"BEST_FIT_PROGRESSIVE","maxvCpus":1024,"instanceTypes":["m8g"],
                     "subnets":["subnet-0123456789abcdef0","subnet-0123456789abcdef1"],"instanceRole":"ecsInstanceRole"}}"""),
                    ctx);
            batch.call("CreateJobQueue", Json.parse("""
                    {"jobQueueName":"q","priority":1,"computeEnvironmentOrder":[{"order":1,"computeEnvironment":"ce"}]}"""),
                    ctx);
            batch.call("RegisterJobDefinition", Json.parse("""
                    {"jobDefinitionName":"app","type":"container","containerProperties":{
                     "image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest",
                     "command":["python","/app/app.py"],
                     "resourceRequirements":[{"type":"VCPU","value":"1"},{"type":"MEMORY","value":"2048"}]}}"""), ctx);
            JsonNode submit = Json.parse("{\"jobName\":\"e2e\",\"jobQueue\":\"q\",\"jobDefinition\":\"app\","
                    + "\"parameters\":{\"gboRequestId\":\"bench\"}}");
            long virtualStart = cloud.clock().millis();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                batch.call("SubmitJob", submit, ctx);
            }
            long submitted = System.nanoTime();
            if (!cloud.clock().awaitIdle(Duration.ofMinutes(30))) {
                throw new IllegalStateException("the simulation did not finish");
            }
            long done = System.nanoTime();
            long succeeded = batch.store().countJobs(JobStatus.SUCCEEDED);
            double total = (done - start) / 1e9;
            double virtualMinutes = (cloud.clock().millis() - virtualStart) / 60_000.0;
            System.out.printf(Locale.ROOT, "e2e: %,d jobs submit -> SUCCEEDED in %.2f s wall (submit %.2f s), "
                    + "%,.0f jobs/s, %.1f us/job, %d SUCCEEDED, %.0f min simulated (maxvCpus 1024, 5 state-change events/job)%n",
                    n, total, (submitted - start) / 1e9, n / total, total * 1e6 / n, succeeded, virtualMinutes);
        }
    }
}
