package dev.gbo.functions;

import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.functions.capacity.CapacityFacts;
import dev.gbo.functions.capacity.CapacityPlanner;
import dev.gbo.functions.capacity.Ec2CapacityProbe;
import dev.gbo.functions.state.ExecutionState;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Metrics;
import dev.gbo.functions.support.Priming;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        record(state, decision);
        return decision;
    }

    /**
     * CapacityDecisions by family, FellBack (1 when the family is not the ladder's first), and one Fallbacks per
     * family skipped for the first time in this execution (a later pass repeats the earlier skips: not counted again).
     */
    private void record(ExecutionState state, CapacityDecision decision) {
        Metrics.property("requestId", state.request().requestId());
        Metrics.count(Metrics.CAPACITY_DECISIONS, 1, Metrics.dims(Metrics.FAMILY, decision.family()));
        List<String> ladder = config.familyLadder();
        Metrics.count(Metrics.FELL_BACK, ladder.isEmpty() || ladder.get(0).equals(decision.family()) ? 0 : 1);
        Set<String> skippedBefore = state.capacity() == null ? Set.of()
                : state.capacity().skipped().stream().map(CapacityDecision.Skipped::family).collect(Collectors.toSet());
        for (CapacityDecision.Skipped s : decision.skipped()) {
            if (!skippedBefore.contains(s.family())) {
                String reason = CapacityPlanner.reasonCode(s.reason());
                Metrics.count(Metrics.FALLBACKS, 1, Metrics.dims(Metrics.FAMILY, s.family(), Metrics.REASON, reason),
                        Metrics.dims(Metrics.REASON, reason));
            }
        }
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
