package dev.gbo.local.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.scenario.Glob;
import dev.gbo.local.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * EC2 (query protocol), read-only over the scenario's world: DescribeInstanceTypeOfferings,
 * DescribeInstanceTypes, DescribeSubnets, DescribeAvailabilityZones. Output member names are the
 * EC2 XML element names. State never changes, so no lock is needed.
 */
public final class Ec2Service implements AwsService {

    private final Scenario scenario;
    private final String accountId;

    public Ec2Service(Scenario scenario, String accountId) {
        this.scenario = scenario;
        this.accountId = accountId;
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        return switch (operation) {
            case "DescribeInstanceTypeOfferings" -> describeInstanceTypeOfferings(input);
            case "DescribeInstanceTypes" -> describeInstanceTypes(input);
            case "DescribeSubnets" -> describeSubnets(input);
            case "DescribeAvailabilityZones" -> describeAvailabilityZones(input);
            default -> throw new AwsException("InvalidAction", 400,
                    "The action " + operation + " is not valid for this web service (the local cloud's EC2 serves "
                            + "DescribeInstanceTypeOfferings, DescribeInstanceTypes, DescribeSubnets, "
                            + "DescribeAvailabilityZones).");
        };
    }

    // ------------------------------------------------------------------ offerings

    /** Whether EC2 offers the type in any zone of the region (what DescribeInstanceTypes lists). */
    public boolean offeredInRegion(String type) {
        String family = InstanceCatalogue.familyOf(type);
        for (Scenario.Zone z : scenario.zones()) {
            if (scenario.familiesOfferedIn(z.name()).contains(family)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode describeInstanceTypeOfferings(JsonNode input) {
        String locationType = Json.text(input, "LocationType", "region");
        Map<String, List<String>> filters = filters(input, Set.of("instance-type", "location"));
        List<ObjectNode> rows = new ArrayList<>();
        switch (locationType) {
            case "region" -> {
                Set<String> families = new LinkedHashSet<>();
                scenario.zones().forEach(z -> families.addAll(scenario.familiesOfferedIn(z.name())));
                addOfferings(rows, families, locationType, scenario.region(), filters);
            }
            case "availability-zone", "availability-zone-id" -> {
                for (Scenario.Zone z : scenario.zones()) {
                    String location = "availability-zone".equals(locationType) ? z.name() : z.zoneId();
                    addOfferings(rows, scenario.familiesOfferedIn(z.name()), locationType, location, filters);
                }
            }
            default -> throw new AwsException("InvalidParameterValue", 400,
                    "The value '" + locationType + "' for parameter LocationType is invalid. Valid values: region, "
                            + "availability-zone, availability-zone-id.");
        }
        return page(input, rows, "instanceTypeOfferingSet", 5, 1000);
    }

    private void addOfferings(List<ObjectNode> rows, Iterable<String> families, String locationType, String location,
                              Map<String, List<String>> filters) {
        if (!anyMatch(filters.get("location"), location)) {
            return;
        }
        for (String family : families) {
            for (InstanceCatalogue.InstanceType t : InstanceCatalogue.family(family)) {
                if (!anyMatch(filters.get("instance-type"), t.name())) {
                    continue;
                }
                ObjectNode row = Json.object();
                row.put("instanceType", t.name());
                row.put("locationType", locationType);
                row.put("location", location);
                rows.add(row);
            }
        }
    }

    // ------------------------------------------------------------------ types

    private JsonNode describeInstanceTypes(JsonNode input) {
        Map<String, List<String>> filters = filters(input, Set.of("instance-type", "processor-info.supported-architecture",
                "current-generation", "bare-metal", "vcpu-info.default-vcpus", "memory-info.size-in-mib",
                "processor-info.manufacturer"));
        List<String> requested = strings(input.get("InstanceType"));
        List<InstanceCatalogue.InstanceType> types = new ArrayList<>();
        if (!requested.isEmpty()) {
            if (requested.size() > 100) {
                throw new AwsException("InvalidParameterValue", 400,
                        "The InstanceType list may name at most 100 instance types; got " + requested.size() + ".");
            }
            List<String> unknown = new ArrayList<>();
            for (String name : requested) {
                InstanceCatalogue.InstanceType t = InstanceCatalogue.get(name);
                if (t == null || !offeredInRegion(name)) {
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
                if (offeredInRegion(t.name())) {
                    types.add(t);
                }
            }
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (InstanceCatalogue.InstanceType t : types) {
            if (!anyMatch(filters.get("instance-type"), t.name())
                    || !anyMatch(filters.get("processor-info.supported-architecture"), t.architecture())
                    || !anyMatch(filters.get("current-generation"), "true")
                    || !anyMatch(filters.get("bare-metal"), Boolean.toString(t.bareMetal()))
                    || !anyMatch(filters.get("vcpu-info.default-vcpus"), Integer.toString(t.vcpus()))
                    || !anyMatch(filters.get("memory-info.size-in-mib"), Long.toString(t.memoryMiB()))
                    || !anyMatch(filters.get("processor-info.manufacturer"), t.arm64() ? "AWS" : "Intel")) {
                continue;
            }
            rows.add(typeInfo(t));
        }
        return page(input, rows, "instanceTypeSet", 5, 100);
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

    // ------------------------------------------------------------------ subnets, zones

    private JsonNode describeSubnets(JsonNode input) {
        Map<String, List<String>> filters = filters(input, Set.of("vpc-id", "availability-zone", "availability-zone-id",
                "subnet-id", "state", "cidr-block"));
        List<String> ids = strings(input.get("SubnetId"));
        Map<String, Scenario.Subnet> byId = new LinkedHashMap<>();
        scenario.subnets().forEach(s -> byId.put(s.subnetId(), s));
        List<Scenario.Subnet> subnets = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                if (!id.matches("subnet-[0-9a-f]{8,17}")) {
                    throw new AwsException("InvalidSubnetID.Malformed", 400, "Invalid id: \"" + id + "\"");
                }
                Scenario.Subnet s = byId.get(id);
                if (s == null) {
                    throw new AwsException("InvalidSubnetID.NotFound", 400, "The subnet ID '" + id + "' does not exist");
                }
                subnets.add(s);
            }
        } else {
            subnets.addAll(byId.values());
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (Scenario.Subnet s : subnets) {
            String zoneId = zoneId(s.availabilityZone());
            if (!anyMatch(filters.get("vpc-id"), s.vpcId())
                    || !anyMatch(filters.get("availability-zone"), s.availabilityZone())
                    || !anyMatch(filters.get("availability-zone-id"), zoneId)
                    || !anyMatch(filters.get("subnet-id"), s.subnetId())
                    || !anyMatch(filters.get("state"), "available")
                    || !anyMatch(filters.get("cidr-block"), s.cidrBlock())) {
                continue;
            }
            ObjectNode row = Json.object();
            row.put("subnetId", s.subnetId());
            row.put("subnetArn", "arn:aws:ec2:" + scenario.region() + ":" + accountId + ":subnet/" + s.subnetId());
            row.put("state", "available");
            row.put("vpcId", s.vpcId());
            row.put("cidrBlock", s.cidrBlock());
            row.put("availableIpAddressCount", 4091);
            row.put("availabilityZone", s.availabilityZone());
            row.put("availabilityZoneId", zoneId);
            row.put("defaultForAz", false);
            row.put("mapPublicIpOnLaunch", false);
            row.put("ownerId", accountId);
            rows.add(row);
        }
        return page(input, rows, "subnetSet", 5, 1000);
    }

    private JsonNode describeAvailabilityZones(JsonNode input) {
        Map<String, List<String>> filters = filters(input, Set.of("zone-name", "zone-id", "region-name", "state"));
        List<String> names = strings(input.get("ZoneName"));
        ObjectNode out = Json.object();
        ArrayNode set = out.putArray("availabilityZoneInfo");
        for (Scenario.Zone z : scenario.zones()) {
            if ((!names.isEmpty() && !names.contains(z.name())) || !anyMatch(filters.get("zone-name"), z.name())
                    || !anyMatch(filters.get("zone-id"), z.zoneId())
                    || !anyMatch(filters.get("region-name"), scenario.region())
                    || !anyMatch(filters.get("state"), "available")) {
                continue;
            }
            ObjectNode row = set.addObject();
            row.put("zoneState", "available");
            row.put("optInStatus", "opt-in-not-required");
            row.put("regionName", scenario.region());
            row.put("zoneName", z.name());
            row.put("zoneId", z.zoneId());
            row.put("groupName", scenario.region());
            row.put("networkBorderGroup", scenario.region());
            row.put("zoneType", "availability-zone");
        }
        return out;
    }

    private String zoneId(String zone) {
        for (Scenario.Zone z : scenario.zones()) {
            if (z.name().equals(zone)) {
                return z.zoneId();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> {
                if (!n.isNull()) {
                    out.add(n.asText());
                }
            });
        } else if (node != null && node.isTextual()) {
            out.add(node.asText());
        }
        return out;
    }

    /** {@code Filter.N.Name / Filter.N.Value.M} as a map; unknown filter names are errors like EC2's. */
    private static Map<String, List<String>> filters(JsonNode input, Set<String> known) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode filters = input.get("Filter");
        if (filters == null || !filters.isArray()) {
            return out;
        }
        for (JsonNode f : filters) {
            if (f == null || f.isNull()) {
                continue;
            }
            String name = Json.text(f, "Name", null);
            if (name == null) {
                throw new AwsException("InvalidParameterValue", 400, "A filter must have a Name.");
            }
            if (!known.contains(name)) {
                throw new AwsException("InvalidParameterValue", 400,
                        "The filter '" + name + "' is invalid. Supported filters: " + String.join(", ", known) + ".");
            }
            out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(strings(f.get("Value")));
        }
        return out;
    }

    /** A filter with values matches when any value (glob with * and ?) matches; an absent filter matches all. */
    private static boolean anyMatch(List<String> values, String actual) {
        if (values == null) {
            return true;
        }
        for (String v : values) {
            if (Glob.matches(v, actual)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode page(JsonNode input, List<ObjectNode> rows, String setName, int minResults, int maxResults) {
        int max = rows.size();
        String maxText = Json.text(input, "MaxResults", null);
        if (maxText != null) {
            try {
                max = Integer.parseInt(maxText);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < minResults || max > maxResults) {
                throw new AwsException("InvalidParameterValue", 400, "Value ( " + maxText
                        + " ) for parameter maxResults is invalid. Parameter must be between " + minResults + " and "
                        + maxResults + ".");
            }
        }
        int from = 0;
        String token = Json.text(input, "NextToken", null);
        if (token != null && !token.isEmpty()) {
            from = decodeToken(token, rows.size());
        }
        int to = Math.min(rows.size(), from + max);
        ObjectNode out = Json.object();
        ArrayNode set = out.putArray(setName);
        rows.subList(from, to).forEach(set::add);
        if (to < rows.size()) {
            out.put("nextToken", encodeToken(to));
        }
        return out;
    }

    private static final Function<Integer, String> TOKEN = i -> java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("gbo-ec2:" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static String encodeToken(int offset) {
        return TOKEN.apply(offset);
    }

    static int decodeToken(String token, int size) {
        try {
            String s = new String(java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
            if (s.startsWith("gbo-ec2:")) {
                int offset = Integer.parseInt(s.substring("gbo-ec2:".length()));
                if (offset >= 0 && offset <= size) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new AwsException("InvalidPaginationToken", 400, "The pagination token '" + token + "' is invalid.");
    }
}
