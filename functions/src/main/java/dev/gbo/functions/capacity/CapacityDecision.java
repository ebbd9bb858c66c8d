package dev.gbo.functions.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.support.Json;
import java.util.List;

/**
 * The {@code capacity} part of the state (docs/contracts.md). {@code exclusions} keeps the reason of
 * every excluded family across passes; {@code refusedFamily} is always null on output. Bound from the state by
 * Capacity, EnsureQueue, Submit and Reconcile (missing lists read as empty).
 */
public record CapacityDecision(String family, List<String> instanceTypes, List<String> zones, List<String> subnets,
        List<Skipped> skipped, String reason, List<String> excludedFamilies, String refusedFamily,
        List<Skipped> exclusions,
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String refusedReason) {

    public record Skipped(String family, String reason) {
    }

    public CapacityDecision {
        instanceTypes = copy(instanceTypes);
        zones = copy(zones);
        subnets = copy(subnets);
        skipped = copy(skipped);
        excludedFamilies = copy(excludedFamilies);
        exclusions = copy(exclusions);
    }

    /** A decision as Capacity writes it ({@code refusedReason} is only ever read: the state machine sets it). */
    public CapacityDecision(String family, List<String> instanceTypes, List<String> zones, List<String> subnets,
            List<Skipped> skipped, String reason, List<String> excludedFamilies, String refusedFamily, List<Skipped> exclusions) {
        this(family, instanceTypes, zones, subnets, skipped, reason, excludedFamilies, refusedFamily, exclusions, null);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }
}
