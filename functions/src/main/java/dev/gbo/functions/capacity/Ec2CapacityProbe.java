package dev.gbo.functions.capacity;

import dev.gbo.functions.cache.WarmCache;

import dev.gbo.model.errors.ConfigurationError;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
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
 *
 * <p>A warm function answers bursts from memory: an instance type's vCPUs, memory and architectures
 * never change, so they are kept for the life of the function; the subnets' zones and the offerings
 * are kept for {@link #FACTS_TTL}. EC2's Describe* calls share one request-rate bucket per account, so
 * a burst of a thousand requests costs three calls, not three thousand.
 */
public final class Ec2CapacityProbe {
    private static final int TYPES_PER_CALL = 100;
    /** How long a warm function trusts the offerings and the subnets' zones it read. */
    public static final Duration FACTS_TTL = Duration.ofMinutes(5);

    private record Key(List<String> families, List<String> subnetIds) {
    }

    private final Ec2Client ec2;
    private final WarmCache<Key, CapacityFacts> facts;
    private final Map<String, InstanceTypeInfo> knownTypes = new ConcurrentHashMap<>();

    public Ec2CapacityProbe(Ec2Client ec2) {
        this(ec2, System::nanoTime);
    }

    Ec2CapacityProbe(Ec2Client ec2, LongSupplier nanoTime) {
        this.ec2 = ec2;
        this.facts = new WarmCache<>(FACTS_TTL, nanoTime);
    }

    /** The facts for these families and subnets, from memory when read less than {@link #FACTS_TTL} ago. */
    public CapacityFacts probe(List<String> families, List<String> subnetIds) {
        return facts.get(new Key(List.copyOf(families), List.copyOf(subnetIds)), () -> read(families, subnetIds));
    }

    private CapacityFacts read(List<String> families, List<String> subnetIds) {
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

        List<String> unknown = offerings.keySet().stream().filter(t -> !knownTypes.containsKey(t)).sorted().toList();
        for (int from = 0; from < unknown.size(); from += TYPES_PER_CALL) {
            List<String> chunk = unknown.subList(from, Math.min(unknown.size(), from + TYPES_PER_CALL));
            ec2.describeInstanceTypesPaginator(DescribeInstanceTypesRequest.builder().instanceTypesWithStrings(chunk).build())
                    .instanceTypes().forEach(t -> knownTypes.put(t.instanceTypeAsString(), new InstanceTypeInfo(
                            t.instanceTypeAsString(),
                            t.vCpuInfo() == null || t.vCpuInfo().defaultVCpus() == null ? 0 : t.vCpuInfo().defaultVCpus(),
                            t.memoryInfo() == null || t.memoryInfo().sizeInMiB() == null ? 0 : t.memoryInfo().sizeInMiB(),
                            t.processorInfo() == null ? Set.of() : Set.copyOf(t.processorInfo().supportedArchitecturesAsStrings()),
                            Boolean.TRUE.equals(t.bareMetal()))));
        }
        Map<String, InstanceTypeInfo> types = new HashMap<>();
        offerings.keySet().forEach(t -> {
            InstanceTypeInfo info = knownTypes.get(t);
            if (info != null) {
                types.put(t, info);
            }
        });
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
