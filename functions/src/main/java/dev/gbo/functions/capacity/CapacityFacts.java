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
    public CapacityFacts {
        subnetZones = new LinkedHashMap<>(subnetZones);
        offerings = Map.copyOf(offerings);
        types = Map.copyOf(types);
    }
}
