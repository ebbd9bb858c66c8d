package dev.gbo.functions.capacity;

import java.util.Set;

/** What DescribeInstanceTypes says about one type, reduced to what the planner needs. */
public record InstanceTypeInfo(String instanceType, int vcpus, long memoryMiB, Set<String> architectures,
        boolean bareMetal) {
    public InstanceTypeInfo {
        architectures = Set.copyOf(architectures);
    }

    public boolean isArm64() {
        return architectures.contains("arm64");
    }

    public boolean isMetal() {
        return bareMetal || instanceType.contains(".metal");
    }
}
