package dev.gbo.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the topology sections of a scenario: {@code zones} (with their zone ids), {@code subnets},
 * per-zone instance-family {@code offerings}, the instance-family lists ({@code batchAcceptedFamilies})
 * and {@code capacity} per family, filling in the defaults (three zones, one subnet each, the
 * default families) when a section is absent.
 */
final class TopologyReader extends ScenarioFields {
    private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");

    TopologyReader(String source) {
        super(source);
    }

    List<Scenario.Zone> zones(JsonNode node, String region) {
        List<Scenario.Zone> zones = new ArrayList<>();
        String prefix = zoneIdPrefix(region);
        if (node == null || node.isNull()) {
            for (String s : List.of("a", "b", "c")) {
                zones.add(new Scenario.Zone(region + s, prefix + "-az" + (s.charAt(0) - 'a' + 1)));
            }
            return zones;
        }
        array(node, "zones");
        if (node.isEmpty()) {
            throw error("zones", "at least one availability zone is needed");
        }
        int i = 0;
        for (JsonNode z : node) {
            String path = "zones[" + i + "]";
            String zoneName;
            String zoneId;
            if (z.isTextual()) {
                zoneName = z.asText();
                zoneId = prefix + "-az" + (i + 1);
            } else if (z.isObject()) {
                allowed(z, path + ".", "name", "zoneId");
                zoneName = req(z, "name", path);
                zoneId = str(z, "zoneId", prefix + "-az" + (i + 1));
            } else {
                throw error(path, "a zone is a name such as \"" + region + "a\" or {\"name\", \"zoneId\"}");
            }
            if (!zoneName.startsWith(region) || zoneName.length() != region.length() + 1) {
                throw error(path, "zone '" + zoneName + "' is not a zone of region " + region
                        + " (expected " + region + "a, " + region + "b, ...)");
            }
            zones.add(new Scenario.Zone(zoneName, zoneId));
            i++;
        }
        return zones;
    }

    static String zoneIdPrefix(String region) {
        String[] parts = region.split("-");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            b.append(parts[i].charAt(0));
        }
        return b.append(parts[parts.length - 1]).toString();
    }

    List<Scenario.Subnet> subnets(JsonNode node, List<Scenario.Zone> zones, Set<String> zoneNames) {
        List<Scenario.Subnet> subnets = new ArrayList<>();
        if (node == null || node.isNull()) {
            String[] ids = {"subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"};
            for (int i = 0; i < Math.min(zones.size(), ids.length); i++) {
                subnets.add(new Scenario.Subnet(ids[i], "vpc-0123456789abcdef0", zones.get(i).name(),
                        "10.0." + (i * 16) + ".0/20"));
            }
            return subnets;
        }
        array(node, "subnets");
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode s : node) {
            String path = "subnets[" + i + "]";
            object(s, path);
            allowed(s, path + ".", "subnetId", "vpcId", "availabilityZone", "cidrBlock");
            String id = req(s, "subnetId", path);
            if (!SUBNET_ID.matcher(id).matches()) {
                throw error(path + ".subnetId", "not a subnet id such as subnet-0123456789abcdef0: '" + id + "'");
            }
            if (!seen.add(id)) {
                throw error(path + ".subnetId", "duplicate subnet id '" + id + "'");
            }
            String az = req(s, "availabilityZone", path);
            if (!zoneNames.contains(az)) {
                throw error(path + ".availabilityZone", "'" + az + "' is not one of the scenario's zones "
                        + zoneNames);
            }
            subnets.add(new Scenario.Subnet(id, str(s, "vpcId", "vpc-0123456789abcdef0"), az,
                    str(s, "cidrBlock", "10.0." + (i * 16) + ".0/20")));
            i++;
        }
        return subnets;
    }

    Map<String, List<String>> offerings(JsonNode node, Set<String> zoneNames) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        List<String> fallback = Scenario.DEFAULT_FAMILIES;
        if (node != null && !node.isNull()) {
            object(node, "offerings");
            if (node.has("*")) {
                fallback = families(node.get("*"), "offerings.*");
            }
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String zone = it.next();
                if (!"*".equals(zone) && !zoneNames.contains(zone)) {
                    throw error("offerings." + zone, "'" + zone + "' is not one of the scenario's zones "
                            + zoneNames + " (or \"*\" for every other zone)");
                }
            }
        }
        for (String zone : zoneNames) {
            if (node != null && node.has(zone)) {
                result.put(zone, families(node.get(zone), "offerings." + zone));
            } else {
                result.put(zone, fallback);
            }
        }
        return result;
    }

    List<String> families(JsonNode node, String path) {
        array(node, path);
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode f : node) {
            String fam = f.asText();
            if (!f.isTextual() || !FAMILY.matcher(fam).matches()) {
                throw error(path + "[" + i + "]", "not an instance family such as m8g: " + f);
            }
            out.add(fam);
            i++;
        }
        return out;
    }

    Map<String, Scenario.Capacity> capacity(JsonNode node) {
        Map<String, Scenario.Capacity> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        object(node, "capacity");
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "capacity." + e.getKey();
            if (!FAMILY.matcher(e.getKey()).matches()) {
                throw error(path, "not an instance family such as m9g");
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                switch (v.asText()) {
                    case "available" -> out.put(e.getKey(), Scenario.Capacity.AVAILABLE);
                    case "shortage" -> out.put(e.getKey(), new Scenario.Capacity(false, null));
                    default -> throw error(path, "expected \"available\", \"shortage\" or an object, got '"
                            + v.asText() + "'");
                }
            } else if (v.isObject()) {
                allowed(v, path + ".", "available", "restoredAfterSeconds");
                boolean available = bool(v, "available", path, true);
                Long restored = v.hasNonNull("restoredAfterSeconds")
                        ? lng(v, "restoredAfterSeconds", 0, 0, 10_000_000) : null;
                out.put(e.getKey(), new Scenario.Capacity(available, restored));
            } else {
                throw error(path, "expected \"available\", \"shortage\" or {\"available\": false, "
                        + "\"restoredAfterSeconds\": 3600}");
            }
        }
        return out;
    }
}
