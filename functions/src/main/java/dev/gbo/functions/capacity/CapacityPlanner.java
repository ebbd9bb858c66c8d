package dev.gbo.functions.capacity;


import dev.gbo.functions.errors.NoArmCapacity;
import dev.gbo.model.support.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the instance family: walks the ladder best first, skips excluded families, families EC2 does
 * not offer in the subnets' zones, families without a type proven arm64, and families whose largest
 * size cannot hold the request; picks up to {@link #MAX_SIZES} non-metal sizes from the smallest that
 * fits (reported as {@code instanceTypes}; the compute environment itself takes the whole family, see
 * QueueEnsurer). {@code zones} and {@code subnets} are the family's: every zone of SUBNET_IDS where EC2
 * offers an arm64 size of it. Pure: all EC2 facts come in as {@link CapacityFacts}.
 *
 * <p>Fit: a type holds a request when its vCPUs are at least the request's and its memory, less the
 * share the ECS agent and OS keep ({@link #reservedMemoryMiB}: 6%, at least 256 MiB), is at least the
 * request's memory. Without that headroom a job asking for exactly the nominal memory of a size
 * would stay RUNNABLE forever.
 */
public final class CapacityPlanner {
    public static final int MAX_SIZES = 4;
    static final String REFUSED = "Batch refused it earlier in this execution";
    static final String CANCELLED = "a job was cancelled for capacity";
    static final String REFUSED_OR_CANCELLED = "Batch refused it or a job on it was cancelled for capacity earlier in this execution";
    static final String EXCLUDED_EARLIER = "excluded earlier in this execution";

    /** The fixed set of fallback reasons the {@code Fallbacks} metric uses as its {@code Reason} dimension. */
    public static final List<String> REASON_CODES = List.of("not-offered", "not-arm64", "too-small", "refused",
            "capacity-cancelled", "excluded");

    /** The reason code ({@link #REASON_CODES}) of a skipped family's reason as {@link #plan} and {@link #exclusionsFrom} write it. */
    public static String reasonCode(String reason) {
        if (reason == null) {
            return "excluded";
        }
        if (reason.startsWith("EC2 offers no ")) {
            return "not-offered";
        }
        if (reason.startsWith("DescribeInstanceTypes proves no ")) {
            return "not-arm64";
        }
        if (reason.startsWith("its largest offered size ")) {
            return "too-small";
        }
        if (reason.equals(REFUSED)) {
            return "refused";
        }
        if (reason.equals(CANCELLED)) {
            return "capacity-cancelled";
        }
        return "excluded";
    }

    public static long reservedMemoryMiB(long memoryMiB) {
        return Math.max(256, (long) Math.ceil(memoryMiB * 0.06));
    }

    public static boolean fits(InstanceTypeInfo type, int vcpus, int memoryMiB) {
        return type.vcpus() >= vcpus && type.memoryMiB() - reservedMemoryMiB(type.memoryMiB()) >= memoryMiB;
    }

    /**
     * Reads the families to exclude, with their reasons, from the state Capacity receives: the previous
     * {@code capacity.excludedFamilies}, {@code capacity.refusedFamily} (set by the state machine after
     * {@code InstanceTypeRefused} or {@code BatchCapacityUnavailable}) and the reasons kept in
     * {@code capacity.exclusions}/{@code capacity.skipped}. Which error caused the refusal is read from
     * {@code capacity.refusedReason} or an {@code Error} field under {@code $.error} when present.
     */
    public static Map<String, String> exclusionsFrom(CapacityDecision capacity, String caughtError) {
        Map<String, String> exclusions = new LinkedHashMap<>();
        if (capacity == null) {
            return exclusions;
        }
        Map<String, String> known = new LinkedHashMap<>();
        for (List<CapacityDecision.Skipped> list : List.of(capacity.skipped(), capacity.exclusions())) {
            for (CapacityDecision.Skipped e : list) {
                if (e.family() != null && e.reason() != null) {
                    known.put(e.family(), e.reason());
                }
            }
        }
        for (String family : capacity.excludedFamilies()) {
            exclusions.put(family, known.getOrDefault(family, EXCLUDED_EARLIER));
        }
        String refused = capacity.refusedFamily();
        if (refused != null && !refused.isBlank()) {
            exclusions.put(refused, refusalReason(capacity, caughtError));
        }
        return exclusions;
    }

    private static String refusalReason(CapacityDecision capacity, String caughtError) {
        String marker = capacity.refusedReason();
        if (marker == null) {
            marker = caughtError;
        }
        if (marker == null) {
            return REFUSED_OR_CANCELLED;
        }
        if (marker.contains("InstanceTypeRefused")) {
            return REFUSED;
        }
        if (marker.contains("BatchCapacityUnavailable")) {
            return CANCELLED;
        }
        return marker.contains(" ") ? marker : REFUSED_OR_CANCELLED;
    }

    /**
     * @param ladder     families best first (FAMILY_LADDER)
     * @param exclusions families not to use, with reasons ({@link #exclusionsFrom})
     */
    public CapacityDecision plan(List<String> ladder, Map<String, String> exclusions, int vcpus, int memoryMiB,
            CapacityFacts facts) {
        Set<String> zonesOfSubnets = new LinkedHashSet<>(facts.subnetZones().values());
        List<CapacityDecision.Skipped> skipped = new ArrayList<>();
        for (String family : ladder) {
            String excludedBecause = exclusions.get(family);
            if (excludedBecause != null) {
                skipped.add(new CapacityDecision.Skipped(family, excludedBecause));
                continue;
            }
            List<String> offered = facts.offerings().keySet().stream()
                    .filter(t -> t.startsWith(family + "."))
                    .filter(t -> facts.offerings().get(t).stream().anyMatch(zonesOfSubnets::contains))
                    .sorted().toList();
            if (offered.isEmpty()) {
                skipped.add(new CapacityDecision.Skipped(family, "EC2 offers no " + family
                        + " type in the zones of SUBNET_IDS (" + String.join(", ", zonesOfSubnets) + ")"));
                continue;
            }
            List<InstanceTypeInfo> arm = offered.stream().map(facts.types()::get)
                    .filter(i -> i != null && i.isArm64() && !i.isMetal())
                    .sorted(Comparator.comparingInt(InstanceTypeInfo::vcpus).thenComparingLong(InstanceTypeInfo::memoryMiB)
                            .thenComparing(InstanceTypeInfo::instanceType))
                    .toList();
            if (arm.isEmpty()) {
                skipped.add(new CapacityDecision.Skipped(family, "DescribeInstanceTypes proves no offered non-metal "
                        + family + " type arm64 (ProcessorInfo.SupportedArchitectures)"));
                continue;
            }
            List<InstanceTypeInfo> fitting = arm.stream().filter(i -> fits(i, vcpus, memoryMiB)).limit(MAX_SIZES).toList();
            if (fitting.isEmpty()) {
                InstanceTypeInfo largest = arm.get(arm.size() - 1);
                skipped.add(new CapacityDecision.Skipped(family, "its largest offered size " + largest.instanceType()
                        + " (" + largest.vcpus() + " vCPU, " + largest.memoryMiB() + " MiB, about "
                        + (largest.memoryMiB() - reservedMemoryMiB(largest.memoryMiB())) + " MiB usable) cannot hold "
                        + vcpus + " vCPU / " + memoryMiB + " MiB"));
                continue;
            }
            List<String> types = fitting.stream().map(InstanceTypeInfo::instanceType).toList();
            // The environment is the family's, not the request's: the zones (and so the subnets) are those
            // where EC2 offers any arm64 size of the family, the same for every request (QueueEnsurer).
            Set<String> zones = new TreeSet<>();
            for (InstanceTypeInfo t : arm) {
                facts.offerings().get(t.instanceType()).stream().filter(zonesOfSubnets::contains).forEach(zones::add);
            }
            List<String> subnets = facts.subnetZones().entrySet().stream()
                    .filter(e -> zones.contains(e.getValue())).map(Map.Entry::getKey).toList();
            String reason = family + " is the best family of the ladder (" + String.join(",", ladder) + ")"
                    + (skipped.isEmpty() ? "" : " after skipping " + skipped.stream().map(CapacityDecision.Skipped::family).toList())
                    + " that EC2 offers in " + String.join(", ", zones) + " with arm64 sizes holding " + vcpus + " vCPU / "
                    + memoryMiB + " MiB: " + String.join(", ", types);
            List<CapacityDecision.Skipped> allExclusions = exclusions.entrySet().stream()
                    .map(e -> new CapacityDecision.Skipped(e.getKey(), e.getValue())).toList();
            return new CapacityDecision(family, types, List.copyOf(zones), subnets, skipped, reason,
                    List.copyOf(exclusions.keySet()), null, allExclusions);
        }
        StringBuilder message = new StringBuilder("no arm64 capacity for ").append(vcpus).append(" vCPU / ")
                .append(memoryMiB).append(" MiB in the zones of SUBNET_IDS (").append(String.join(", ", zonesOfSubnets))
                .append("):");
        for (CapacityDecision.Skipped s : skipped) {
            message.append("\n- ").append(s.family()).append(": ").append(s.reason());
        }
        message.append("\nFix: add a family to FAMILY_LADDER, add subnets in other zones, lower vcpus/memoryMiB,"
                + " or retry later when capacity returns");
        throw new NoArmCapacity(message.toString());
    }
}
