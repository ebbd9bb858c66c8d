package dev.gbo.local.fleet;

import dev.gbo.local.ec2.InstanceCatalogue;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/** Where a job goes, or why it cannot go anywhere now. */
record Placement(ComputeEnvironment ce, InstanceCatalogue.InstanceType type, String blockReason, String message,
        List<String> shortFamilies) {

    static Placement of(JobQueue queue, Job job, Scenario scenario, long elapsedSeconds) {
        boolean anyUsable = false;
        boolean anyWithinMax = false;
        boolean anyFit = false;
        boolean full = false;
        List<String> shortTypes = new ArrayList<>();
        List<String> shortFamilies = new ArrayList<>();
        for (ComputeEnvironment ce : queue.order) {
            if (!ce.usable()) {
                continue;
            }
            anyUsable = true;
            if (job.vcpus > ce.maxvCpus) {
                continue;
            }
            anyWithinMax = true;
            if (ce.fargate()) {
                anyFit = true;
                if (ce.usedVcpus + job.vcpus <= ce.maxvCpus) {
                    return new Placement(ce, null, null, null, null);
                }
                full = true;
                continue;
            }
            for (InstanceCatalogue.InstanceType t : ce.instanceTypes) {
                if (t.vcpus() < job.vcpus || t.memoryMiB() < job.memoryMiB) {
                    continue;
                }
                anyFit = true;
                if (hasCapacity(ce, t.family(), scenario, elapsedSeconds)) {
                    if (ce.usedVcpus + job.vcpus <= ce.maxvCpus) {
                        return new Placement(ce, t, null, null, null);
                    }
                    full = true;
                    break;
                }
                if (!shortFamilies.contains(t.family())) {
                    shortFamilies.add(t.family());
                    shortTypes.add(t.name());
                }
            }
        }
        if (!anyUsable || full) {
            return new Placement(null, null, null, null, null);
        }
        if (!anyWithinMax) {
            return new Placement(null, null, "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
                    "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot "
                            + "meet the CPU requirement of the job.", null);
        }
        if (!anyFit) {
            return new Placement(null, null, "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
                    "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is "
                            + "higher than that can be met by the CE(s) attached to the job queue.", null);
        }
        return new Placement(null, null, "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
                "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY - Service cannot fulfill the capacity requested for instance "
                        + "type [" + String.join(", ", shortTypes) + "]", shortFamilies);
    }

    /** EC2 offers the family in a zone of the CE's subnets and the scenario gives it capacity now. */
    static boolean hasCapacity(ComputeEnvironment ce, String family, Scenario scenario, long elapsedSeconds) {
        boolean offered = false;
        for (String zone : ce.zones) {
            if (scenario.familiesOfferedIn(zone).contains(family)) {
                offered = true;
                break;
            }
        }
        return offered && scenario.capacityOf(family).availableAt(elapsedSeconds);
    }
}
