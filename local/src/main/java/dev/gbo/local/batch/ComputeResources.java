package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.tags;
import static dev.gbo.local.batch.BatchInput.upper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.ec2.InstanceCatalogue;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A managed compute environment's {@code computeResources}: AWS Batch's rules for them (creation and
 * infrastructure updates), the instance types Batch accepts in the scenario's region, and what the
 * fleet will decide when CREATING or UPDATING ends (subnets that do not exist, a missing instance role).
 */
final class ComputeResources {
    static final Instant AL2_BLOCKED_FROM = Instant.parse("2026-06-30T00:00:00Z");
    static final Instant AL2023_DEFAULT_FROM = Instant.parse("2026-01-12T00:00:00Z");
    static final Set<String> STRATEGIES = Set.of("BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED",
            "SPOT_PRICE_CAPACITY_OPTIMIZED");

    private final SimClock clock;
    private final Scenario scenario;

    ComputeResources(SimClock clock, Scenario scenario) {
        this.clock = clock;
        this.scenario = scenario;
    }

    /** Validates and applies computeResources (creation, or a full infrastructure update). */
    void apply(ComputeEnvironment ce, ObjectNode cr, boolean creating) {
        String crType = upper(Json.text(cr, "type", null));
        if (crType == null) {
            throw client("computeResources.type is required: EC2, SPOT, FARGATE or FARGATE_SPOT.");
        }
        if (!Set.of("EC2", "SPOT", "FARGATE", "FARGATE_SPOT").contains(crType)) {
            throw client("computeResources.type must be one of EC2, SPOT, FARGATE, FARGATE_SPOT; got '" + crType + "'.");
        }
        if (!cr.hasNonNull("maxvCpus")) {
            throw client("computeResources.maxvCpus is required.");
        }
        int max = cr.get("maxvCpus").asInt();
        int min = cr.path("minvCpus").asInt(0);
        if (max < 0 || min < 0 || min > max) {
            throw client("computeResources: minvCpus (" + min + ") must be between 0 and maxvCpus (" + max + ").");
        }
        JsonNode subnets = cr.get("subnets");
        if (subnets == null || !subnets.isArray() || subnets.isEmpty()) {
            throw client("computeResources.subnets is required: at least one subnet.");
        }
        if (subnets.size() > 16) {
            throw client("computeResources.subnets: at most 16 subnets.");
        }
        boolean fargate = crType.startsWith("FARGATE");
        List<InstanceCatalogue.InstanceType> types = new ArrayList<>();
        String arch = null;
        String strategy = null;
        if (fargate) {
            for (String f : List.of("instanceTypes", "instanceRole", "allocationStrategy", "minvCpus", "desiredvCpus",
                    "ec2Configuration", "imageId", "bidPercentage", "launchTemplate", "placementGroup", "ec2KeyPair")) {
                if (cr.hasNonNull(f)) {
                    throw client("computeResources." + f + " is not supported for " + crType
                            + " compute environments.");
                }
            }
        } else {
            strategy = upper(Json.text(cr, "allocationStrategy", "BEST_FIT"));
            if (!STRATEGIES.contains(strategy)) {
                throw client("computeResources.allocationStrategy must be one of " + STRATEGIES + "; got '"
                        + strategy + "'.");
            }
            if (strategy.startsWith("SPOT_") && !"SPOT".equals(crType)) {
                throw client("allocationStrategy " + strategy + " is only supported for SPOT compute resources.");
            }
            cr.put("allocationStrategy", strategy);
            JsonNode it = cr.get("instanceTypes");
            if (it == null || !it.isArray() || it.isEmpty()) {
                throw client("computeResources.instanceTypes is required for " + crType + " compute environments.");
            }
            Set<String> archs = new LinkedHashSet<>();
            for (JsonNode n : it) {
                for (InstanceCatalogue.InstanceType t : expandInstanceType(n.asText())) {
                    if (!types.contains(t)) {
                        types.add(t);
                    }
                    archs.add(t.architecture());
                }
            }
            if (archs.size() > 1) {
                throw client("computeResources.instanceTypes mixes CPU architectures " + archs + ": a compute "
                        + "environment must use instance types of one architecture (arm64 or x86_64).");
            }
            arch = archs.iterator().next();
            types.sort((a, b) -> Integer.compare(a.vcpus(), b.vcpus()));
            JsonNode ec2c = cr.get("ec2Configuration");
            if (ec2c == null || ec2c.isNull() || (ec2c.isArray() && ec2c.isEmpty())) {
                ArrayNode d = cr.putArray("ec2Configuration");
                d.addObject().put("imageType", clock.now().isBefore(AL2023_DEFAULT_FROM) ? "ECS_AL2" : "ECS_AL2023");
            } else {
                for (JsonNode c : ec2c) {
                    String image = c.path("imageType").asText("");
                    if (image.startsWith("ECS_AL2") && !image.startsWith("ECS_AL2023") && creating
                            && !clock.now().isBefore(AL2_BLOCKED_FROM)) {
                        throw client("Creating compute environments with imageType " + image + " (Amazon Linux 2) is "
                                + "no longer supported since June 30, 2026. Use ECS_AL2023.");
                    }
                }
            }
            if (!cr.hasNonNull("desiredvCpus")) {
                cr.put("desiredvCpus", min);
            }
            cr.put("minvCpus", min);
        }
        if (cr.has("tags")) {
            tags(cr.get("tags"));
        }
        // settle what the fleet will decide when CREATING/UPDATING ends
        String invalid = null;
        List<String> zones = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (JsonNode s : subnets) {
            String id = s.asText();
            Scenario.Subnet sub = scenario.subnets().stream().filter(x -> x.subnetId().equals(id)).findFirst()
                    .orElse(null);
            if (sub == null) {
                if (invalid == null) {
                    invalid = "CLIENT_ERROR - The subnet ID '" + id + "' does not exist";
                }
            } else if (known.add(sub.availabilityZone())) {
                zones.add(sub.availabilityZone());
            }
        }
        if (invalid == null && !fargate && (!cr.hasNonNull("instanceRole") || cr.get("instanceRole").asText().isBlank())) {
            invalid = "CLIENT_ERROR - Instance role is missing: computeResources.instanceRole must name the ECS "
                    + "instance profile (for example ecsInstanceRole) that the container instances use.";
        }
        ce.computeResources = cr;
        ce.computeType = crType;
        ce.allocationStrategy = strategy;
        ce.architecture = arch;
        ce.instanceTypes = List.copyOf(types);
        ce.zones = List.copyOf(zones);
        ce.maxvCpus = max;
        ce.pendingInvalidReason = invalid;
    }

    /** Expands one instanceTypes entry, refusing types outside Batch's list for the region. */
    private List<InstanceCatalogue.InstanceType> expandInstanceType(String entry) {
        List<String> families = switch (entry) {
            case "optimal" -> List.of("m6i", "c6i");
            case "default_x86_64" -> List.of("m6i", "c6i");
            case "default_arm64" -> List.of("m6g", "c6g");
            default -> null;
        };
        List<InstanceCatalogue.InstanceType> out = new ArrayList<>();
        if (families != null) {
            for (String f : families) {
                if (scenario.batchAccepts(f)) {
                    out.addAll(InstanceCatalogue.family(f));
                }
            }
            if (out.isEmpty()) {
                throw refusedInstanceType();
            }
            return out;
        }
        String family = InstanceCatalogue.familyOf(entry);
        boolean known = entry.contains(".") ? InstanceCatalogue.get(entry) != null : InstanceCatalogue.isFamily(entry);
        if (!known || !scenario.batchAccepts(family)) {
            throw refusedInstanceType();
        }
        if (entry.contains(".")) {
            out.add(InstanceCatalogue.get(entry));
        } else {
            out.addAll(InstanceCatalogue.family(entry));
        }
        return out;
    }

    private AwsException refusedInstanceType() {
        List<String> accepted = new ArrayList<>();
        accepted.add("optimal");
        for (String f : scenario.batchAcceptedFamilies()) {
            if (!InstanceCatalogue.isFamily(f)) {
                continue;
            }
            accepted.add(f);
            InstanceCatalogue.family(f).forEach(t -> accepted.add(t.name()));
        }
        return client("Instance type can only be one of [" + String.join(", ", accepted) + "]");
    }
}
