package dev.gbo.local.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** EC2 DescribeAvailabilityZones: the scenario's zones, by name and filters. */
final class DescribeAvailabilityZones implements Operation {
    private final Ec2World world;

    DescribeAvailabilityZones(Ec2World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "DescribeAvailabilityZones";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        Map<String, List<String>> filters = Ec2World.filters(input, Set.of("zone-name", "zone-id", "region-name", "state"));
        List<String> names = Ec2World.strings(input.get("ZoneName"));
        ObjectNode out = Json.object();
        ArrayNode set = out.putArray("availabilityZoneInfo");
        for (Scenario.Zone z : world.scenario.zones()) {
            if ((!names.isEmpty() && !names.contains(z.name())) || !Ec2World.anyMatch(filters.get("zone-name"), z.name())
                    || !Ec2World.anyMatch(filters.get("zone-id"), z.zoneId())
                    || !Ec2World.anyMatch(filters.get("region-name"), world.scenario.region())
                    || !Ec2World.anyMatch(filters.get("state"), "available")) {
                continue;
            }
            ObjectNode row = set.addObject();
            row.put("zoneState", "available");
            row.put("optInStatus", "opt-in-not-required");
            row.put("regionName", world.scenario.region());
            row.put("zoneName", z.name());
            row.put("zoneId", z.zoneId());
            row.put("groupName", world.scenario.region());
            row.put("networkBorderGroup", world.scenario.region());
            row.put("zoneType", "availability-zone");
        }
        return out;
    }
}
