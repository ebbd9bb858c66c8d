package dev.gbo.local.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** EC2 DescribeInstanceTypeOfferings: the scenario's offered types by region, zone or zone id, filtered and paged. */
final class DescribeInstanceTypeOfferings implements Operation {
    private final Ec2World world;

    DescribeInstanceTypeOfferings(Ec2World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "DescribeInstanceTypeOfferings";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String locationType = Json.text(input, "LocationType", "region");
        Map<String, List<String>> filters = Ec2World.filters(input, Set.of("instance-type", "location"));
        List<ObjectNode> rows = new ArrayList<>();
        switch (locationType) {
            case "region" -> {
                Set<String> families = new LinkedHashSet<>();
                world.scenario.zones().forEach(z -> families.addAll(world.scenario.familiesOfferedIn(z.name())));
                addOfferings(rows, families, locationType, world.scenario.region(), filters);
            }
            case "availability-zone", "availability-zone-id" -> {
                for (Scenario.Zone z : world.scenario.zones()) {
                    String location = "availability-zone".equals(locationType) ? z.name() : z.zoneId();
                    addOfferings(rows, world.scenario.familiesOfferedIn(z.name()), locationType, location, filters);
                }
            }
            default -> throw new AwsException("InvalidParameterValue", 400,
                    "The value '" + locationType + "' for parameter LocationType is invalid. Valid values: region, "
                            + "availability-zone, availability-zone-id.");
        }
        return Ec2World.page(input, rows, "instanceTypeOfferingSet", 5, 1000);
    }

    private void addOfferings(List<ObjectNode> rows, Iterable<String> families, String locationType, String location,
                              Map<String, List<String>> filters) {
        if (!Ec2World.anyMatch(filters.get("location"), location)) {
            return;
        }
        for (String family : families) {
            for (InstanceCatalogue.InstanceType t : InstanceCatalogue.family(family)) {
                if (!Ec2World.anyMatch(filters.get("instance-type"), t.name())) {
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
}
