package dev.gbo.local.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** EC2 DescribeInstanceTypes: the catalogue's types offered in the region, filtered and paged. */
final class DescribeInstanceTypes implements Operation {
    private final Ec2World world;

    DescribeInstanceTypes(Ec2World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "DescribeInstanceTypes";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        Map<String, List<String>> filters = Ec2World.filters(input, Set.of("instance-type", "processor-info.supported-architecture",
                "current-generation", "bare-metal", "vcpu-info.default-vcpus", "memory-info.size-in-mib",
                "processor-info.manufacturer"));
        List<String> requested = Ec2World.strings(input.get("InstanceType"));
        List<InstanceCatalogue.InstanceType> types = new ArrayList<>();
        if (!requested.isEmpty()) {
            if (requested.size() > 100) {
                throw new AwsException("InvalidParameterValue", 400,
                        "The InstanceType list may name at most 100 instance types; got " + requested.size() + ".");
            }
            List<String> unknown = new ArrayList<>();
            for (String name : requested) {
                InstanceCatalogue.InstanceType t = InstanceCatalogue.get(name);
                if (t == null || !world.offeredInRegion(name)) {
                    unknown.add(name);
                } else {
                    types.add(t);
                }
            }
            if (!unknown.isEmpty()) {
                throw new AwsException("InvalidInstanceType", 400,
                        "The following supplied instance types do not exist: [" + String.join(", ", unknown) + "]");
            }
        } else {
            for (InstanceCatalogue.InstanceType t : InstanceCatalogue.all()) {
                if (world.offeredInRegion(t.name())) {
                    types.add(t);
                }
            }
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (InstanceCatalogue.InstanceType t : types) {
            if (!Ec2World.anyMatch(filters.get("instance-type"), t.name())
                    || !Ec2World.anyMatch(filters.get("processor-info.supported-architecture"), t.architecture())
                    || !Ec2World.anyMatch(filters.get("current-generation"), "true")
                    || !Ec2World.anyMatch(filters.get("bare-metal"), Boolean.toString(t.bareMetal()))
                    || !Ec2World.anyMatch(filters.get("vcpu-info.default-vcpus"), Integer.toString(t.vcpus()))
                    || !Ec2World.anyMatch(filters.get("memory-info.size-in-mib"), Long.toString(t.memoryMiB()))
                    || !Ec2World.anyMatch(filters.get("processor-info.manufacturer"), t.arm64() ? "AWS" : "Intel")) {
                continue;
            }
            rows.add(typeInfo(t));
        }
        return Ec2World.page(input, rows, "instanceTypeSet", 5, 100);
    }

    static ObjectNode typeInfo(InstanceCatalogue.InstanceType t) {
        ObjectNode row = Json.object();
        row.put("instanceType", t.name());
        row.put("currentGeneration", true);
        row.put("freeTierEligible", false);
        ArrayNode usage = row.putArray("supportedUsageClasses");
        usage.add("on-demand");
        usage.add("spot");
        row.putArray("supportedRootDeviceTypes").add("ebs");
        row.putArray("supportedVirtualizationTypes").add("hvm");
        row.put("bareMetal", t.bareMetal());
        if (!t.bareMetal()) {
            row.put("hypervisor", "nitro");
        }
        ObjectNode cpu = row.putObject("processorInfo");
        cpu.putArray("supportedArchitectures").add(t.architecture());
        cpu.put("sustainedClockSpeedInGhz", t.clockGhz());
        cpu.put("manufacturer", t.arm64() ? "AWS" : "Intel");
        ObjectNode v = row.putObject("vCpuInfo");
        v.put("defaultVCpus", t.vcpus());
        v.put("defaultCores", t.arm64() ? t.vcpus() : Math.max(1, t.vcpus() / 2));
        v.put("defaultThreadsPerCore", t.arm64() ? 1 : 2);
        row.putObject("memoryInfo").put("sizeInMiB", t.memoryMiB());
        row.put("instanceStorageSupported", false);
        row.put("burstablePerformanceSupported", false);
        row.put("autoRecoverySupported", !t.bareMetal());
        return row;
    }
}
