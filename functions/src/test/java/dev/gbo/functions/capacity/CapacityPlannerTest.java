package dev.gbo.functions.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.state.ExecutionState;
import dev.gbo.functions.state.StateJson;
import dev.gbo.functions.errors.NoArmCapacity;
import dev.gbo.model.support.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {
    private static final List<String> LADDER = List.of("m9g", "m8g", "m7g");
    private static final String[][] SIZES = {
            {"medium", "1"}, {"large", "2"}, {"xlarge", "4"}, {"2xlarge", "8"}, {"4xlarge", "16"}, {"8xlarge", "32"},
            {"12xlarge", "48"}, {"16xlarge", "64"}, {"24xlarge", "96"}, {"48xlarge", "192"}};

    private final CapacityPlanner planner = new CapacityPlanner();

    /** Facts where each family is offered in the given zones, all sizes plus metal, 4 GiB per vCPU. */
    private static CapacityFacts facts(Map<String, Set<String>> familyZones) {
        Map<String, String> subnets = new LinkedHashMap<>();
        subnets.put("subnet-a", "us-east-1a");
        subnets.put("subnet-b", "us-east-1b");
        Map<String, Set<String>> offerings = new HashMap<>();
        Map<String, InstanceTypeInfo> types = new HashMap<>();
        familyZones.forEach((family, zones) -> {
            for (String[] size : SIZES) {
                String type = family + "." + size[0];
                int vcpus = Integer.parseInt(size[1]);
                offerings.put(type, zones);
                types.put(type, new InstanceTypeInfo(type, vcpus, vcpus * 4096L, Set.of("arm64"), false));
            }
            String metal = family + ".metal-48xl";
            offerings.put(metal, zones);
            types.put(metal, new InstanceTypeInfo(metal, 192, 786_432, Set.of("arm64"), true));
        });
        return new CapacityFacts(subnets, offerings, types);
    }

    private static final Set<String> BOTH = Set.of("us-east-1a", "us-east-1b");

    @Test
    void plan_bestFamilyOffered_picksItWithSmallestFittingSizes() {
        CapacityDecision d = planner.plan(LADDER, Map.of(), 1, 2048, facts(Map.of("m9g", BOTH, "m8g", BOTH)));

        assertThat(d.family()).isEqualTo("m9g");
        assertThat(d.instanceTypes()).containsExactly("m9g.medium", "m9g.large", "m9g.xlarge", "m9g.2xlarge");
        assertThat(d.zones()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(d.subnets()).containsExactly("subnet-a", "subnet-b");
        assertThat(d.skipped()).isEmpty();
        assertThat(d.refusedFamily()).isNull();
        assertThat(d.reason()).contains("m9g is the best family");
    }

    @Test
    void plan_bestFamilyNotOfferedInSubnetZones_fallsBackAndSaysWhy() {
        CapacityDecision d = planner.plan(LADDER, Map.of(), 1, 2048,
                facts(Map.of("m9g", Set.of("us-east-1c"), "m8g", Set.of("us-east-1b"))));

        assertThat(d.family()).isEqualTo("m8g");
        assertThat(d.zones()).containsExactly("us-east-1b");
        assertThat(d.subnets()).containsExactly("subnet-b");
        assertThat(d.skipped()).singleElement().satisfies(s -> {
            assertThat(s.family()).isEqualTo("m9g");
            assertThat(s.reason()).contains("EC2 offers no m9g type in the zones of SUBNET_IDS (us-east-1a, us-east-1b)");
        });
    }

    @Test
    void plan_excludedFamily_skippedWithItsReasonAndKeptExcluded() {
        CapacityDecision d = planner.plan(LADDER, Map.of("m9g", CapacityPlanner.REFUSED), 1, 2048,
                facts(Map.of("m9g", BOTH, "m8g", BOTH)));

        assertThat(d.family()).isEqualTo("m8g");
        assertThat(d.skipped()).containsExactly(new CapacityDecision.Skipped("m9g", "Batch refused it earlier in this execution"));
        assertThat(d.excludedFamilies()).containsExactly("m9g");
        assertThat(d.exclusions()).containsExactly(new CapacityDecision.Skipped("m9g", CapacityPlanner.REFUSED));
    }

    @Test
    void plan_requestTooBigForFamily_skipsToFamilyThatFits() {
        Map<String, Set<String>> zones = Map.of("m9g", BOTH, "m8g", BOTH);
        CapacityFacts small = facts(zones);
        Map<String, InstanceTypeInfo> types = new HashMap<>(small.types());
        Map<String, Set<String>> offerings = new HashMap<>(small.offerings());
        for (String big : List.of("m9g.8xlarge", "m9g.12xlarge", "m9g.16xlarge", "m9g.24xlarge", "m9g.48xlarge", "m9g.metal-48xl")) {
            types.remove(big);
            offerings.remove(big);
        }
        CapacityDecision d = planner.plan(LADDER, Map.of(), 32, 65_536, new CapacityFacts(small.subnetZones(), offerings, types));

        assertThat(d.family()).isEqualTo("m8g");
        assertThat(d.instanceTypes()).containsExactly("m8g.8xlarge", "m8g.12xlarge", "m8g.16xlarge", "m8g.24xlarge");
        assertThat(d.skipped().get(0).reason()).contains("largest offered size m9g.4xlarge (16 vCPU");
    }

    @Test
    void plan_memoryEqualToNominalSize_needsNextSizeBecauseOfAgentReserve() {
        CapacityDecision d = planner.plan(LADDER, Map.of(), 1, 4096, facts(Map.of("m9g", BOTH)));

        assertThat(d.instanceTypes()).first().isEqualTo("m9g.large");
        assertThat(CapacityPlanner.fits(new InstanceTypeInfo("m9g.medium", 1, 4096, Set.of("arm64"), false), 1, 3840)).isTrue();
        assertThat(CapacityPlanner.fits(new InstanceTypeInfo("m9g.medium", 1, 4096, Set.of("arm64"), false), 1, 3841)).isFalse();
    }

    @Test
    void plan_largestRequest_neverPicksMetal() {
        CapacityDecision d = planner.plan(LADDER, Map.of(), 192, 700_000, facts(Map.of("m9g", BOTH)));

        assertThat(d.instanceTypes()).containsExactly("m9g.48xlarge");
    }

    @Test
    void plan_typeNotProvenArm64_isNotUsed() {
        CapacityFacts base = facts(Map.of("m9g", BOTH, "m8g", BOTH));
        Map<String, InstanceTypeInfo> types = new HashMap<>(base.types());
        types.replaceAll((k, v) -> k.startsWith("m9g.") ? new InstanceTypeInfo(k, v.vcpus(), v.memoryMiB(), Set.of("x86_64"), false) : v);

        CapacityDecision d = planner.plan(LADDER, Map.of(), 1, 2048, new CapacityFacts(base.subnetZones(), base.offerings(), types));

        assertThat(d.family()).isEqualTo("m8g");
        assertThat(d.skipped().get(0).reason()).contains("proves no offered non-metal m9g type arm64");
    }

    @Test
    void plan_nothingLeft_throwsNoArmCapacityNamingEachFamily() {
        assertThatThrownBy(() -> planner.plan(LADDER, Map.of("m9g", CapacityPlanner.CANCELLED), 1, 2048,
                facts(Map.of("m7g", Set.of("us-east-1c")))))
                .isInstanceOf(NoArmCapacity.class)
                .hasMessageContaining("- m9g: a job was cancelled for capacity")
                .hasMessageContaining("- m8g: EC2 offers no m8g type")
                .hasMessageContaining("- m7g: EC2 offers no m7g type")
                .hasMessageContaining("Fix:");
    }

    @Test
    void exclusionsFrom_refusedFamilyAfterInstanceTypeRefused_addsReasonAndKeepsEarlierOnes() {
        JsonNode state = Json.parse("""
                {"capacity": {"family": "m8g", "excludedFamilies": ["m9g"], "refusedFamily": "m8g",
                              "skipped": [{"family": "m9g", "reason": "a job was cancelled for capacity"}]},
                 "error": {"Error": "dev.gbo.functions.errors.InstanceTypeRefused", "Cause": "..."}}""");

        Map<String, String> exclusions = exclusionsFrom(state);

        assertThat(exclusions).containsExactly(Map.entry("m9g", "a job was cancelled for capacity"),
                Map.entry("m8g", "Batch refused it earlier in this execution"));
    }

    @Test
    void exclusionsFrom_capacityFailure_reasonIsCancelledForCapacity() {
        JsonNode state = Json.parse("""
                {"capacity": {"excludedFamilies": [], "refusedFamily": "m9g"},
                 "error": {"Error": "BatchCapacityUnavailable"}}""");

        assertThat(exclusionsFrom(state)).containsExactly(Map.entry("m9g", "a job was cancelled for capacity"));
    }

    @Test
    void exclusionsFrom_firstPass_isEmpty() {
        assertThat(exclusionsFrom(Json.parse("{\"capacity\": {\"excludedFamilies\": [], \"refusedFamily\": null}}")))
                .isEmpty();
        assertThat(exclusionsFrom(Json.parse("{}"))).isEmpty();
    }

    @Test
    void toJson_hasContractFields() {
        JsonNode json = planner.plan(LADDER, Map.of(), 1, 2048, facts(Map.of("m8g", BOTH))).toJson();

        assertThat(json.fieldNames()).toIterable().contains("family", "instanceTypes", "zones", "subnets", "skipped",
                "reason", "excludedFamilies", "refusedFamily");
        assertThat(json.get("refusedFamily").isNull()).isTrue();
    }

    /** Capacity's view of a state: its capacity and caught error, bound as CapacityHandler binds them. */
    private static Map<String, String> exclusionsFrom(JsonNode state) {
        return CapacityPlanner.exclusionsFrom(
                state.has("capacity") ? StateJson.bind(state.get("capacity"), CapacityDecision.class) : null,
                state.has("error") ? StateJson.bind(state.get("error"), ExecutionState.CaughtError.class).error() : null);
    }
}
