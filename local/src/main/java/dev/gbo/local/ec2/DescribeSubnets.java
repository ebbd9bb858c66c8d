package dev.gbo.local.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** EC2 DescribeSubnets: the scenario's subnets, by id and filters, paged. */
final class DescribeSubnets implements Operation {
    private final Ec2World world;

    DescribeSubnets(Ec2World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "DescribeSubnets";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        Map<String, List<String>> filters = Ec2World.filters(input, Set.of("vpc-id", "availability-zone", "availability-zone-id",
                "subnet-id", "state", "cidr-block"));
        List<String> ids = Ec2World.strings(input.get("SubnetId"));
        Map<String, Scenario.Subnet> byId = new LinkedHashMap<>();
        world.scenario.subnets().forEach(s -> byId.put(s.subnetId(), s));
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
            String zoneId = world.zoneId(s.availabilityZone());
            if (!Ec2World.anyMatch(filters.get("vpc-id"), s.vpcId())
                    || !Ec2World.anyMatch(filters.get("availability-zone"), s.availabilityZone())
                    || !Ec2World.anyMatch(filters.get("availability-zone-id"), zoneId)
                    || !Ec2World.anyMatch(filters.get("subnet-id"), s.subnetId())
                    || !Ec2World.anyMatch(filters.get("state"), "available")
                    || !Ec2World.anyMatch(filters.get("cidr-block"), s.cidrBlock())) {
                continue;
            }
            ObjectNode row = Json.object();
            row.put("subnetId", s.subnetId());
            row.put("subnetArn", "arn:aws:ec2:" + world.scenario.region() + ":" + world.accountId + ":subnet/" + s.subnetId());
            row.put("state", "available");
            row.put("vpcId", s.vpcId());
            row.put("cidrBlock", s.cidrBlock());
            row.put("availableIpAddressCount", 4091);
            row.put("availabilityZone", s.availabilityZone());
            row.put("availabilityZoneId", zoneId);
            row.put("defaultForAz", false);
            row.put("mapPublicIpOnLaunch", false);
            row.put("ownerId", world.accountId);
            rows.add(row);
        }
        return Ec2World.page(input, rows, "subnetSet", 5, 1000);
    }
}
