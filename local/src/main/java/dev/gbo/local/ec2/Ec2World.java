package dev.gbo.local.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Pages;
import dev.gbo.local.scenario.Glob;
import dev.gbo.local.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2's world: the scenario's region, zones, subnets and offered instance families, read-only. It never
 * changes, so it has no lock; the operations share its filters ({@code Filter.N.Name/Value.M}, globs)
 * and its pagination ({@code NextToken}/{@code MaxResults} through {@link Pages}).
 */
final class Ec2World {
    final Scenario scenario;
    final String accountId;

    Ec2World(Scenario scenario, String accountId) {
        this.scenario = scenario;
        this.accountId = accountId;
    }

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

    String zoneId(String zone) {
        for (Scenario.Zone z : scenario.zones()) {
            if (z.name().equals(zone)) {
                return z.zoneId();
            }
        }
        return null;
    }

    static List<String> strings(JsonNode node) {
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
    static Map<String, List<String>> filters(JsonNode input, Set<String> known) {
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
    static boolean anyMatch(List<String> values, String actual) {
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

    /**
     * The page of {@code rows} under {@code setName}: {@code MaxResults} between {@code minResults} and
     * {@code maxResults} (all rows without it), from the offset {@code NextToken} names.
     */
    static ObjectNode page(JsonNode input, List<ObjectNode> rows, String setName, int minResults, int maxResults) {
        int max = Math.max(1, rows.size());
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
        String token = Json.text(input, "NextToken", null);
        Pages pages = new Pages("gbo-ec2", "nextToken", "MaxResults", Math.max(max, maxResults),
                m -> new AwsException("InvalidPaginationToken", 400, "The pagination token '" + token + "' is invalid."));
        // EC2 takes NextToken and answers nextToken (its XML element), so the request is restated for Pages
        ObjectNode request = Json.object();
        request.put("MaxResults", max);
        if (token != null && !token.isEmpty()) {
            request.put("nextToken", token);
            if (pages.offset(request) > rows.size()) {
                throw new AwsException("InvalidPaginationToken", 400, "The pagination token '" + token + "' is invalid.");
            }
        }
        return pages.page(request, rows, setName);
    }
}
