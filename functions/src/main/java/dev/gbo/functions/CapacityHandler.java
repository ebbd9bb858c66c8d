package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.functions.capacity.CapacityFacts;
import dev.gbo.functions.capacity.CapacityPlanner;
import dev.gbo.functions.capacity.Ec2CapacityProbe;
import dev.gbo.functions.capacity.InstanceTypeInfo;
import dev.gbo.model.request.JobRequest;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;

/**
 * CapacityFunction: receives the whole state, returns the new {@code capacity}: the best family of
 * FAMILY_LADDER that is not excluded, offered in the subnets' zones, arm64 and big enough.
 */
public final class CapacityHandler extends JsonStreamHandler {
    private final Ec2Client ec2;
    private final Ec2CapacityProbe probe;
    private final CapacityPlanner planner = new CapacityPlanner();
    private final Config config;

    public CapacityHandler() {
        this(System.getenv());
    }

    public CapacityHandler(Map<String, String> environment) {
        this(new Clients(environment).ec2(), Config.from(environment).require("SUBNET_IDS"));
    }

    CapacityHandler(Ec2Client ec2, Config config) {
        this.ec2 = ec2;
        this.probe = new Ec2CapacityProbe(ec2);
        this.config = config;
        registerForSnapStart();
    }

    @Override
    Object handle(JsonNode state) {
        JobRequest request = JobRequest.fromJson(state.get("request"));
        Map<String, String> exclusions = CapacityPlanner.exclusionsFrom(state);
        // The whole ladder, whatever this execution excluded: one cached answer serves every execution.
        CapacityFacts facts = probe.probe(config.familyLadder(), config.subnetIds());
        CapacityDecision decision = planner.plan(config.familyLadder(), exclusions, request.vcpus(), request.memoryMiB(), facts);
        Log.info("capacity.decision", "requestId", request.requestId(), "family", decision.family(),
                "instanceTypes", decision.instanceTypes(), "skipped", decision.skipped());
        return decision.toJson();
    }

    @Override
    void prime() {
        Priming.step("planner", () -> planner.plan(List.of("m8g"), Map.of(), 1, 2048, new CapacityFacts(
                Map.of("subnet-priming", "us-east-1a"), Map.of("m8g.large", Set.of("us-east-1a")),
                Map.of("m8g.large", new InstanceTypeInfo("m8g.large", 2, 8192, Set.of("arm64"), false)))));
        Priming.step("ec2 DescribeInstanceTypes", () -> ec2.describeInstanceTypes(
                DescribeInstanceTypesRequest.builder().instanceTypesWithStrings("m8g.medium").build()));
    }
}
