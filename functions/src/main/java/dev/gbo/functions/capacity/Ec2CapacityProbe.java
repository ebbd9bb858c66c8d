package dev.gbo.functions.capacity;

import dev.gbo.functions.support.ConfigurationError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Fetches {@link CapacityFacts} from EC2: the zones of the subnets (DescribeSubnets), the offerings of
 * the families in those zones (DescribeInstanceTypeOfferings, location type availability-zone,
 * paginated) and the facts of each offered type (DescribeInstanceTypes, 100 types per call).
 */
public final class Ec2CapacityProbe {
    private static final int TYPES_PER_CALL = 100;
    private final Ec2Client ec2;

    public Ec2CapacityProbe(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public CapacityFacts probe(List<String> families, List<String> subnetIds) {
        Map<String, String> subnetZones = subnetZones(subnetIds);
        if (families.isEmpty()) {
            return new CapacityFacts(subnetZones, Map.of(), Map.of());
        }
        Set<String> zones = new LinkedHashSet<>(subnetZones.values());
        Map<String, Set<String>> offerings = new HashMap<>();
        DescribeInstanceTypeOfferingsRequest request = DescribeInstanceTypeOfferingsRequest.builder()
                .locationType(LocationType.AVAILABILITY_ZONE)
                .filters(Filter.builder().name("instance-type").values(families.stream().map(f -> f + ".*").toList()).build(),
                        Filter.builder().name("location").values(zones).build())
                .build();
        ec2.describeInstanceTypeOfferingsPaginator(request).instanceTypeOfferings().forEach(o ->
                offerings.computeIfAbsent(o.instanceTypeAsString(), k -> new HashSet<>()).add(o.location()));

        Map<String, InstanceTypeInfo> types = new HashMap<>();
        List<String> offered = new ArrayList<>(offerings.keySet());
        for (int from = 0; from < offered.size(); from += TYPES_PER_CALL) {
            List<String> chunk = offered.subList(from, Math.min(offered.size(), from + TYPES_PER_CALL));
            ec2.describeInstanceTypesPaginator(DescribeInstanceTypesRequest.builder().instanceTypesWithStrings(chunk).build())
                    .instanceTypes().forEach(t -> types.put(t.instanceTypeAsString(), new InstanceTypeInfo(
                            t.instanceTypeAsString(),
                            t.vCpuInfo() == null || t.vCpuInfo().defaultVCpus() == null ? 0 : t.vCpuInfo().defaultVCpus(),
                            t.memoryInfo() == null || t.memoryInfo().sizeInMiB() == null ? 0 : t.memoryInfo().sizeInMiB(),
                            t.processorInfo() == null ? Set.of() : Set.copyOf(t.processorInfo().supportedArchitecturesAsStrings()),
                            Boolean.TRUE.equals(t.bareMetal()))));
        }
        return new CapacityFacts(subnetZones, offerings, types);
    }

    private Map<String, String> subnetZones(List<String> subnetIds) {
        List<Subnet> subnets;
        try {
            subnets = ec2.describeSubnets(DescribeSubnetsRequest.builder().subnetIds(subnetIds).build()).subnets();
        } catch (Ec2Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (code != null && code.startsWith("InvalidSubnet")) {
                throw new ConfigurationError("SUBNET_IDS: " + e.awsErrorDetails().errorMessage()
                        + "; list subnets that exist in this account and region");
            }
            throw e;
        }
        Map<String, String> byId = new HashMap<>();
        subnets.forEach(s -> byId.put(s.subnetId(), s.availabilityZone()));
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String id : subnetIds) {
            String zone = byId.get(id);
            if (zone == null) {
                throw new ConfigurationError("SUBNET_IDS: DescribeSubnets did not return " + id
                        + "; list subnets that exist in this account and region");
            }
            ordered.put(id, zone);
        }
        return ordered;
    }
}
