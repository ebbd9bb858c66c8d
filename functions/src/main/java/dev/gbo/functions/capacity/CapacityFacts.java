package dev.gbo.functions.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The EC2 facts the planner decides on.
 *
 * @param subnetZones subnet id to availability zone, in SUBNET_IDS order
 * @param offerings   instance type to the zones (among the subnets' zones) where EC2 offers it
 * @param types       DescribeInstanceTypes facts per offered type
 */
public record CapacityFacts(Map<String, String> subnetZones, Map<String, Set<String>> offerings,
        Map<String, InstanceTypeInfo> types) {
    /** One zone offering m8g.large: what SnapStart priming plans with before the snapshot. */
    public static final CapacityFacts PRIMING_SAMPLE = new CapacityFacts(Map.of("subnet-priming", "us-east-1a"),
            Map.of("m8g.large", Set.of("us-east-1a")),
            Map.of("m8g.large", new InstanceTypeInfo("m8g.large", 2, 8192, Set.of("arm64"), false)));

    public CapacityFacts {
        subnetZones = new LinkedHashMap<>(subnetZones);
        offerings = Map.copyOf(offerings);
        types = Map.copyOf(types);
    }
}
