package dev.gbo.local.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.batch.BatchService;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.logs.LogsService;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.local.scenario.ScenarioLoader;
import java.time.Duration;

/** An in-process local cloud (no HTTP) for fleet tests: Batch calls with JSON, a clock to drive. */
public final class FleetHarness implements AutoCloseable {
    public final LocalCloud cloud;
    public final BatchService batch;
    public final LogsService logs;
    private final RequestContext ctx = new RequestContext("us-east-1", "123456789012", "test");

    public FleetHarness(Scenario scenario, SimClock.Mode mode) {
        this(scenario, mode, null);
    }

    /** A durable cloud on {@code stateDir} (null: in memory); its restored in-flight work waits for {@code cloud.resumeInFlight()}. */
    public FleetHarness(Scenario scenario, SimClock.Mode mode, java.nio.file.Path stateDir) {
        cloud = LocalCloud.builder().port(0).clock(mode).scenario(scenario).stateDir(stateDir).build();
        batch = (BatchService) cloud.services().get("batch");
        logs = (LogsService) cloud.services().get("logs");
    }

    public static FleetHarness of(String scenarioJson, SimClock.Mode mode) {
        return new FleetHarness(ScenarioLoader.parse(scenarioJson, "test.json"), mode);
    }

    public JsonNode call(String op, String json) {
        return batch.call(op, Json.parse(json), ctx);
    }

    public JsonNode call(String service, String op, String json) {
        AwsService s = cloud.services().get(service);
        return s.call(op, Json.parse(json), ctx);
    }

    public ObjectNode job(String id) {
        return (ObjectNode) call("DescribeJobs", "{\"jobs\":[\"" + id + "\"]}").get("jobs").get(0);
    }

    public String status(String id) {
        return job(id).get("status").asText();
    }

    public void idle() {
        if (!cloud.clock().awaitIdle(Duration.ofSeconds(30))) {
            throw new AssertionError("the simulation did not finish");
        }
    }

    public void advance(long seconds) {
        cloud.clock().advance(Duration.ofSeconds(seconds));
    }

    /** A VALID m8g (or the given family) CE and a queue; job definition "app". */
    public void setUp(String family, String queueExtra) {
        call("CreateComputeEnvironment", """
                {"computeEnvironmentName":"ce-%1$s","type":"MANAGED","state":"ENABLED","computeResources":{
                 "type":"EC2","allocationStrategy":"BEST_FIT_PROGRESSIVE","minvCpus":0,"maxvCpus":128,
                 "instanceTypes":["%1$s.large","%1$s.xlarge","%1$s.2xlarge"],
                 "subnets":["subnet-0123456789abcdef0","subnet-0123456789abcdef1"],
                 "securityGroupIds":["sg-0123456789abcdef0"],"instanceRole":"ecsInstanceRole",
                 "ec2Configuration":[{"imageType":"ECS_AL2023"}]}}""".formatted(family));
        call("CreateJobQueue", """
                {"jobQueueName":"q-%1$s","state":"ENABLED","priority":10,
                 "computeEnvironmentOrder":[{"order":1,"computeEnvironment":"ce-%1$s"}]%2$s}"""
                .formatted(family, queueExtra == null ? "" : "," + queueExtra));
        call("RegisterJobDefinition", """
                {"jobDefinitionName":"app","type":"container","platformCapabilities":["EC2"],
                 "containerProperties":{"image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo:latest",
                 "command":["python","/app/app.py"],
                 "resourceRequirements":[{"type":"VCPU","value":"1"},{"type":"MEMORY","value":"2048"}]}}""");
    }

    public String submit(String queue, String extra) {
        return call("SubmitJob", "{\"jobName\":\"job-1\",\"jobQueue\":\"" + queue + "\",\"jobDefinition\":\"app\""
                + (extra == null ? "" : "," + extra) + "}").get("jobId").asText();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
