package dev.gbo.functions.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.support.Json;
import java.util.List;

/**
 * The {@code capacity} part of the state (docs/contracts.md). {@code exclusions} keeps the reason of
 * every excluded family across passes; {@code refusedFamily} is always null on output.
 */
public record CapacityDecision(String family, List<String> instanceTypes, List<String> zones, List<String> subnets,
        List<Skipped> skipped, String reason, List<String> excludedFamilies, String refusedFamily,
        List<Skipped> exclusions) {

    public record Skipped(String family, String reason) {
    }

    public CapacityDecision {
        instanceTypes = List.copyOf(instanceTypes);
        zones = List.copyOf(zones);
        subnets = List.copyOf(subnets);
        skipped = List.copyOf(skipped);
        excludedFamilies = List.copyOf(excludedFamilies);
        exclusions = List.copyOf(exclusions);
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }
}
