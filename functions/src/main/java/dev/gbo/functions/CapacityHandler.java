package dev.gbo.functions;

import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.functions.capacity.CapacityFacts;
import dev.gbo.functions.capacity.CapacityPlanner;
import dev.gbo.functions.capacity.Ec2CapacityProbe;
import dev.gbo.functions.state.ExecutionState;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** CapacityFunction: the whole state in, the new {@code capacity} out ({@link CapacityPlanner}). */
public final class CapacityHandler extends JsonStreamHandler<ExecutionState, CapacityDecision> {
    private final Ec2Client ec2;
    private final Ec2CapacityProbe probe;
    private final CapacityPlanner planner = new CapacityPlanner();
    private final Config config;

    public CapacityHandler() {
        this(System.getenv());
    }

    public CapacityHandler(Map<String, String> environment) {
        this(Wiring.from(environment));
    }

    private CapacityHandler(Wiring wiring) {
        this(wiring.clients().ec2(), wiring.config().require("SUBNET_IDS"));
    }

    CapacityHandler(Ec2Client ec2, Config config) {
        super(ExecutionState.class);
        this.ec2 = ec2;
        this.probe = new Ec2CapacityProbe(ec2);
        this.config = config;
        registerForSnapStart();
    }

    @Override
    CapacityDecision handle(ExecutionState state) {
        // The whole ladder, whatever this execution excluded: one cached answer serves every execution.
        CapacityFacts facts = probe.probe(config.familyLadder(), config.subnetIds());
        var exclusions = CapacityPlanner.exclusionsFrom(state.capacity(), state.error() == null ? null : state.error().error());
        CapacityDecision decision = planner.plan(config.familyLadder(), exclusions, state.request().vcpus(),
                state.request().memoryMiB(), facts);
        Log.info("capacity.decision", "requestId", state.request().requestId(), "family", decision.family(),
                "instanceTypes", decision.instanceTypes(), "skipped", decision.skipped());
        return decision;
    }

    @Override
    void prime() {
        Priming.step("state binding", () -> Priming.bindSampleState(ExecutionState.class));
        Priming.step("planner", () -> Priming.writeOutput(planner.plan(List.of("m8g"), Map.of(), 1, 2048, CapacityFacts.PRIMING_SAMPLE)));
        // The hot path's three read-only calls (DescribeSubnets, DescribeInstanceTypeOfferings paginated,
        // DescribeInstanceTypes) through a throwaway probe: the handler's own cache stays empty, so no fact read
        // before the snapshot is served after a restore.
        Priming.step("ec2 Describe*", () -> new Ec2CapacityProbe(ec2).probe(config.familyLadder(), config.subnetIds()));
    }
}
