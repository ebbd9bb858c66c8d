package dev.gbo.local.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.batch.BatchModel.ComputeEnvironment;
import dev.gbo.local.batch.BatchModel.Job;
import dev.gbo.local.batch.BatchModel.JobDefinition;
import dev.gbo.local.batch.BatchModel.JobQueue;
import dev.gbo.local.batch.BatchModel.TimeLimitAction;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.ec2.InstanceCatalogue;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.scenario.Glob;
import dev.gbo.local.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS Batch (REST-JSON): compute environments, job queues, job definitions, jobs and tags, with
 * AWS's validation rules, quotas, error codes and messages. The lifecycle of what it creates runs
 * in the {@link Fleet}. One lock ({@link BatchModel.State#lock}) guards all state; events and log
 * writes happen after it is released.
 */
public final class BatchService implements AwsService {

    public static final Instant AL2_BLOCKED_FROM = Instant.parse("2026-06-30T00:00:00Z");
    public static final Instant AL2023_DEFAULT_FROM = Instant.parse("2026-01-12T00:00:00Z");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    static final int MAX_QUEUES = 50;
    static final int MAX_COMPUTE_ENVIRONMENTS = 50;
    static final int MAX_CES_PER_QUEUE = 3;
    static final int MAX_DEPENDS_ON = 20;
    static final int MAX_SUBMIT_BYTES = 30 * 1024;
    static final int MAX_JOB_DEFINITION_BYTES = 24 * 1024;
    static final Set<String> STRATEGIES = Set.of("BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED",
            "SPOT_PRICE_CAPACITY_OPTIMIZED");
    static final List<String> TIME_LIMIT_REASONS = List.of("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
            "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
            "MISCONFIGURATION:EC2_INSTANCE_CONFIGURATION_UNSUPPORTED");

    private final SimClock clock;
    private final Scenario scenario;
    private final BatchModel.State state;
    private final Fleet fleet;
    private long queueSeq;

    public BatchService(SimClock clock, Scenario scenario, BatchModel.State state, Fleet fleet) {
        this.clock = clock;
        this.scenario = scenario;
        this.state = state;
        this.fleet = fleet;
    }

    public BatchModel.State state() {
        return state;
    }

    public Fleet fleet() {
        return fleet;
    }

    @Override
    public String signingName() {
        return "batch";
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        List<Runnable> effects = new ArrayList<>();
        JsonNode out;
        state.lock.lock();
        try {
            out = switch (operation) {
                case "CreateComputeEnvironment" -> createComputeEnvironment(input);
                case "DescribeComputeEnvironments" -> describeComputeEnvironments(input);
                case "UpdateComputeEnvironment" -> updateComputeEnvironment(input);
                case "DeleteComputeEnvironment" -> deleteComputeEnvironment(input);
                case "CreateJobQueue" -> createJobQueue(input);
                case "DescribeJobQueues" -> describeJobQueues(input);
                case "UpdateJobQueue" -> updateJobQueue(input);
                case "DeleteJobQueue" -> deleteJobQueue(input, effects);
                case "RegisterJobDefinition" -> registerJobDefinition(input);
                case "DescribeJobDefinitions" -> describeJobDefinitions(input);
                case "DeregisterJobDefinition" -> deregisterJobDefinition(input);
                case "SubmitJob" -> submitJob(input);
                case "DescribeJobs" -> describeJobs(input);
                case "ListJobs" -> listJobs(input);
                case "CancelJob" -> cancelJob(input, effects);
                case "TerminateJob" -> terminateJob(input, effects);
                case "TagResource" -> tagResource(input);
                case "UntagResource" -> untagResource(input);
                case "ListTagsForResource" -> listTags(input);
                default -> throw AwsService.unknownOperation("AWS Batch", operation);
            };
        } finally {
            state.lock.unlock();
        }
        Fleet.runEffects(effects);
        return out;
    }

    static AwsException client(String message) {
        return new AwsException("ClientException", 400, message);
    }

    // ================================================================== compute environments

    private JsonNode createComputeEnvironment(JsonNode in) {
        String name = name(in, "computeEnvironmentName");
        String type = upper(req(in, "type"));
        if (!Set.of("MANAGED", "UNMANAGED").contains(type)) {
            throw client("type must be MANAGED or UNMANAGED, got '" + type + "'.");
        }
        String ceState = upper(Json.text(in, "state", "ENABLED"));
        checkState(ceState);
        if (state.computeEnvironments.containsKey(name)) {
            throw new AwsException("ConflictException", 409, "Object already exists");
        }
        if (state.computeEnvironments.size() >= MAX_COMPUTE_ENVIRONMENTS) {
            throw client("Maximum number of compute environments (" + MAX_COMPUTE_ENVIRONMENTS + ") reached. This quota "
                    + "cannot be raised: delete a compute environment first.");
        }
        ObjectNode tags = tags(in.get("tags"));
        ComputeEnvironment ce = new ComputeEnvironment();
        ce.name = name;
        ce.arn = state.arn("compute-environment", name);
        ce.uuid = fleet.uuid();
        ce.type = type;
        ce.state = ceState;
        ce.tags = tags;
        ce.serviceRole = Json.text(in, "serviceRole",
                "arn:aws:iam::" + state.accountId + ":role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch");
        ce.ecsClusterArn = "arn:aws:ecs:" + state.region + ":" + state.accountId + ":cluster/AWSBatch-" + name + "-"
                + ce.uuid;
        if (in.hasNonNull("updatePolicy")) {
            ce.updatePolicy = (ObjectNode) in.get("updatePolicy").deepCopy();
        }
        JsonNode cr = in.get("computeResources");
        if ("MANAGED".equals(type)) {
            if (cr == null || !cr.isObject()) {
                throw client("computeResources is required for a MANAGED compute environment.");
            }
            applyComputeResources(ce, (ObjectNode) cr.deepCopy(), true);
        } else if (cr != null && !cr.isNull()) {
            throw client("computeResources cannot be specified for an UNMANAGED compute environment.");
        }
        Scenario.ComputeEnvironmentFault forced = null;
        for (Scenario.ComputeEnvironmentFault f : scenario.computeEnvironmentFaults()) {
            if (Glob.matches(f.computeEnvironment(), name)) {
                forced = f;
                break;
            }
        }
        if (forced != null) {
            ce.pendingInvalidReason = forced.statusReason();
        }
        ce.status = "CREATING";
        ce.statusReason = "Creation of compute environment in progress";
        state.computeEnvironments.put(name, ce);
        fleet.onComputeEnvironmentCreated(ce);
        ObjectNode out = Json.object();
        out.put("computeEnvironmentName", name);
        out.put("computeEnvironmentArn", ce.arn);
        return out;
    }

    /** Validates and applies computeResources (creation, or a full infrastructure update). */
    private void applyComputeResources(ComputeEnvironment ce, ObjectNode cr, boolean creating) {
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

    private JsonNode updateComputeEnvironment(JsonNode in) {
        ComputeEnvironment ce = computeEnvironment(req(in, "computeEnvironment"));
        if ("DELETING".equals(ce.status) || "DELETED".equals(ce.status)) {
            throw client("Compute environment " + ce.name + " is " + ce.status + " and cannot be updated.");
        }
        if (in.hasNonNull("state")) {
            String s = upper(in.get("state").asText());
            checkState(s);
            ce.state = s;
        }
        JsonNode cr = in.get("computeResources");
        boolean infrastructure = false;
        if (cr != null && cr.isObject()) {
            if (ce.computeResources == null) {
                throw client("computeResources cannot be updated for an UNMANAGED compute environment.");
            }
            Set<String> scaling = Set.of("minvCpus", "maxvCpus", "desiredvCpus");
            List<String> others = new ArrayList<>();
            cr.fieldNames().forEachRemaining(f -> {
                if (!scaling.contains(f)) {
                    others.add(f);
                }
            });
            ObjectNode merged = ce.computeResources.deepCopy();
            cr.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
            if (!others.isEmpty()) {
                if ("BEST_FIT".equals(ce.allocationStrategy)) {
                    throw client("Compute environment " + ce.name + " uses allocationStrategy BEST_FIT, which does not "
                            + "support infrastructure updates: only minvCpus, maxvCpus, desiredvCpus and state can be "
                            + "updated in place (requested: " + String.join(", ", others) + "). Create a new compute "
                            + "environment, or use BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED or "
                            + "SPOT_PRICE_CAPACITY_OPTIMIZED.");
                }
                if ("BEST_FIT".equals(upper(merged.path("allocationStrategy").asText("")))) {
                    throw client("allocationStrategy cannot be updated to BEST_FIT.");
                }
                infrastructure = true;
            }
            int max = merged.path("maxvCpus").asInt(ce.maxvCpus);
            int min = merged.path("minvCpus").asInt(0);
            if (min > max || max < 0) {
                throw client("computeResources: minvCpus (" + min + ") must be between 0 and maxvCpus (" + max + ").");
            }
            if (infrastructure) {
                String oldArch = ce.architecture;
                ComputeEnvironment probe = new ComputeEnvironment();
                applyComputeResources(probe, merged, false);
                if (!java.util.Objects.equals(oldArch, probe.architecture) && !ce.queues.isEmpty()) {
                    for (JobQueue q : ce.queues) {
                        for (ComputeEnvironment other : q.order) {
                            if (other != ce && other.architecture != null
                                    && !other.architecture.equals(probe.architecture)) {
                                throw client("Compute environment " + ce.name + " is attached to job queue " + q.name
                                        + " whose compute environments use " + other.architecture + "; all compute "
                                        + "environments of a job queue must share one CPU architecture.");
                            }
                        }
                    }
                }
                applyComputeResources(ce, merged, false);
            } else {
                ce.computeResources = merged;
                ce.maxvCpus = max;
            }
        }
        if (in.hasNonNull("serviceRole")) {
            ce.serviceRole = in.get("serviceRole").asText();
        }
        if (in.hasNonNull("updatePolicy")) {
            ce.updatePolicy = (ObjectNode) in.get("updatePolicy").deepCopy();
        }
        if (infrastructure) {
            ce.status = "UPDATING";
            ce.statusReason = "Update of compute environment in progress";
            fleet.onComputeEnvironmentUpdated(ce);
        } else {
            for (JobQueue q : ce.queues) {
                fleet.onQueueChanged(q);
            }
        }
        ObjectNode out = Json.object();
        out.put("computeEnvironmentName", ce.name);
        out.put("computeEnvironmentArn", ce.arn);
        return out;
    }

    private JsonNode deleteComputeEnvironment(JsonNode in) {
        ComputeEnvironment ce = computeEnvironment(req(in, "computeEnvironment"));
        if (!ce.queues.isEmpty()) {
            throw client("Cannot delete, found existing JobQueue relationship");
        }
        if ("ENABLED".equals(ce.state)) {
            throw client("Cannot delete compute environment " + ce.name + " while it is ENABLED: disable it first.");
        }
        if (!"DELETING".equals(ce.status)) {
            ce.status = "DELETING";
            ce.statusReason = "Deletion of compute environment in progress";
            fleet.onComputeEnvironmentDeleted(ce);
        }
        return Json.object();
    }

    private JsonNode describeComputeEnvironments(JsonNode in) {
        List<String> wanted = strings(in.get("computeEnvironments"));
        if (wanted.size() > 100) {
            throw client("computeEnvironments can list at most 100 compute environments.");
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ComputeEnvironment ce : state.computeEnvironments.values()) {
            if (wanted.isEmpty() || wanted.contains(ce.name) || wanted.contains(ce.arn)) {
                rows.add(ceJson(ce));
            }
        }
        return page(in, rows, "computeEnvironments", 100);
    }

    private ObjectNode ceJson(ComputeEnvironment ce) {
        ObjectNode o = Json.object();
        o.put("computeEnvironmentName", ce.name);
        o.put("computeEnvironmentArn", ce.arn);
        o.put("ecsClusterArn", ce.ecsClusterArn);
        o.set("tags", ce.tags.deepCopy());
        o.put("type", ce.type);
        o.put("state", ce.state);
        o.put("status", ce.status);
        if (ce.statusReason != null) {
            o.put("statusReason", ce.statusReason);
        }
        if (ce.computeResources != null) {
            ObjectNode cr = ce.computeResources.deepCopy();
            if (!ce.fargate()) {
                // Batch scales desiredvCpus with the work placed on the environment.
                cr.put("desiredvCpus", Math.max(cr.path("minvCpus").asInt(0), ce.usedVcpus));
            }
            o.set("computeResources", cr);
        }
        o.put("serviceRole", ce.serviceRole);
        if (ce.updatePolicy != null) {
            o.set("updatePolicy", ce.updatePolicy.deepCopy());
        } else {
            o.putObject("updatePolicy").put("terminateJobsOnUpdate", false).put("jobExecutionTimeoutMinutes", 30);
        }
        o.put("containerOrchestrationType", "ECS");
        o.put("uuid", ce.uuid);
        return o;
    }

    // ================================================================== job queues

    private JsonNode createJobQueue(JsonNode in) {
        String name = name(in, "jobQueueName");
        String qState = upper(Json.text(in, "state", "ENABLED"));
        checkState(qState);
        if (!in.hasNonNull("priority")) {
            throw client("priority is required.");
        }
        int priority = priority(in.get("priority"));
        if (state.queues.containsKey(name)) {
            throw new AwsException("ConflictException", 409, "Object already exists");
        }
        if (state.queues.size() >= MAX_QUEUES) {
            throw client("Maximum number of job queues (" + MAX_QUEUES + ") reached. This quota cannot be raised: "
                    + "delete a job queue first.");
        }
        List<Map.Entry<Integer, ComputeEnvironment>> order = order(in.get("computeEnvironmentOrder"));
        List<TimeLimitAction> actions = timeLimitActions(in.get("jobStateTimeLimitActions"), order);
        JobQueue q = new JobQueue();
        q.name = name;
        q.arn = state.arn("job-queue", name);
        q.state = qState;
        q.status = "VALID";
        q.statusReason = "JobQueue Healthy";
        q.priority = priority;
        q.tags = tags(in.get("tags"));
        q.jobQueueType = Json.text(in, "jobQueueType", null);
        if (q.jobQueueType != null && !Set.of("ECS", "ECS_FARGATE", "EKS", "SAGEMAKER_TRAINING").contains(q.jobQueueType)) {
            throw client("jobQueueType must be one of ECS, ECS_FARGATE, EKS, SAGEMAKER_TRAINING; got '"
                    + q.jobQueueType + "'.");
        }
        q.schedulingPolicyArn = Json.text(in, "schedulingPolicyArn", null);
        q.timeLimitActions = actions;
        q.createdSeq = ++queueSeq;
        setOrder(q, order);
        state.queues.put(name, q);
        fleet.onQueueChanged(q);
        ObjectNode out = Json.object();
        out.put("jobQueueName", name);
        out.put("jobQueueArn", q.arn);
        return out;
    }

    private static int priority(JsonNode p) {
        int priority = p.asInt(-1);
        if (!p.canConvertToInt() || priority < 0 || priority > 1000) {
            throw client("priority must be between 0 and 1000, got " + p + ".");
        }
        return priority;
    }

    private List<Map.Entry<Integer, ComputeEnvironment>> order(JsonNode orderNode) {
        if (orderNode == null || !orderNode.isArray() || orderNode.isEmpty()) {
            throw client("computeEnvironmentOrder is required: at least one compute environment.");
        }
        if (orderNode.size() > MAX_CES_PER_QUEUE) {
            throw client("A job queue can have at most " + MAX_CES_PER_QUEUE + " compute environments; "
                    + "computeEnvironmentOrder has " + orderNode.size() + ".");
        }
        List<Map.Entry<Integer, ComputeEnvironment>> order = new ArrayList<>();
        Set<Integer> numbers = new LinkedHashSet<>();
        Set<String> archs = new LinkedHashSet<>();
        boolean ec2 = false;
        boolean fargate = false;
        for (JsonNode o : orderNode) {
            if (!o.hasNonNull("order") || !o.hasNonNull("computeEnvironment")) {
                throw client("Each computeEnvironmentOrder entry needs order and computeEnvironment.");
            }
            int n = o.get("order").asInt();
            if (!numbers.add(n)) {
                throw client("computeEnvironmentOrder has the order " + n + " twice; orders must be unique.");
            }
            ComputeEnvironment ce = computeEnvironment(o.get("computeEnvironment").asText());
            if ("DELETING".equals(ce.status) || "DELETED".equals(ce.status)) {
                throw client("Compute environment " + ce.name + " is " + ce.status + ".");
            }
            if (ce.architecture != null) {
                archs.add(ce.architecture);
            }
            if (ce.fargate()) {
                fargate = true;
            } else {
                ec2 = true;
            }
            order.add(Map.entry(n, ce));
        }
        if (ec2 && fargate) {
            throw client("A job queue cannot mix EC2 (or SPOT) and Fargate (FARGATE, FARGATE_SPOT) compute "
                    + "environments.");
        }
        if (archs.size() > 1) {
            throw client("All compute environments attached to a job queue must share one CPU architecture; "
                    + "computeEnvironmentOrder mixes " + archs + ".");
        }
        order.sort(Map.Entry.comparingByKey());
        return order;
    }

    private void setOrder(JobQueue q, List<Map.Entry<Integer, ComputeEnvironment>> order) {
        for (ComputeEnvironment old : q.order) {
            old.queues.remove(q);
        }
        q.order.clear();
        q.orderNumbers.clear();
        for (Map.Entry<Integer, ComputeEnvironment> e : order) {
            q.order.add(e.getValue());
            q.orderNumbers.add(e.getKey());
            e.getValue().queues.add(q);
        }
    }

    private List<TimeLimitAction> timeLimitActions(JsonNode node, List<Map.Entry<Integer, ComputeEnvironment>> order) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw client("jobStateTimeLimitActions must be a list.");
        }
        if (node.size() > 5) {
            throw client("jobStateTimeLimitActions can have at most 5 entries.");
        }
        for (Map.Entry<Integer, ComputeEnvironment> e : order) {
            if (e.getValue().fargate()) {
                throw client("jobStateTimeLimitActions are supported only for job queues with EC2 compute "
                        + "environments (ECS), not Fargate.");
            }
        }
        List<TimeLimitAction> out = new ArrayList<>();
        for (JsonNode a : node) {
            String reason = a.path("reason").asText("");
            String st = a.path("state").asText("");
            String action = a.path("action").asText("");
            if (!TIME_LIMIT_REASONS.contains(reason)) {
                throw client("jobStateTimeLimitActions.reason must be one of " + TIME_LIMIT_REASONS + "; got '"
                        + reason + "'.");
            }
            if (!"RUNNABLE".equals(st)) {
                throw client("jobStateTimeLimitActions.state must be RUNNABLE; got '" + st + "'.");
            }
            if (!"CANCEL".equals(action)) {
                throw client("jobStateTimeLimitActions.action must be CANCEL; got '" + action + "'.");
            }
            if (!a.hasNonNull("maxTimeSeconds") || a.get("maxTimeSeconds").asInt() < 600
                    || a.get("maxTimeSeconds").asInt() > 86_400) {
                throw client("jobStateTimeLimitActions.maxTimeSeconds must be between 600 and 86400; got "
                        + a.get("maxTimeSeconds") + ".");
            }
            out.add(new TimeLimitAction(reason, st, a.get("maxTimeSeconds").asInt(), action));
        }
        return List.copyOf(out);
    }

    private JsonNode updateJobQueue(JsonNode in) {
        JobQueue q = queue(req(in, "jobQueue"));
        if ("DELETING".equals(q.status) || "DELETED".equals(q.status)) {
            throw client("Job queue " + q.name + " is " + q.status + " and cannot be updated.");
        }
        List<Map.Entry<Integer, ComputeEnvironment>> order = null;
        if (in.hasNonNull("computeEnvironmentOrder")) {
            order = order(in.get("computeEnvironmentOrder"));
        }
        List<TimeLimitAction> actions = null;
        if (in.hasNonNull("jobStateTimeLimitActions")) {
            List<Map.Entry<Integer, ComputeEnvironment>> effective = order;
            if (effective == null) {
                effective = new ArrayList<>();
                for (int i = 0; i < q.order.size(); i++) {
                    effective.add(Map.entry(q.orderNumbers.get(i), q.order.get(i)));
                }
            }
            actions = timeLimitActions(in.get("jobStateTimeLimitActions"), effective);
        }
        Integer priority = in.hasNonNull("priority") ? priority(in.get("priority")) : null;
        if (in.hasNonNull("state")) {
            String s = upper(in.get("state").asText());
            checkState(s);
            q.state = s;
        }
        if (priority != null) {
            q.priority = priority;
        }
        if (order != null) {
            setOrder(q, order);
        }
        if (actions != null) {
            q.timeLimitActions = actions;
        }
        fleet.onQueueChanged(q);
        ObjectNode out = Json.object();
        out.put("jobQueueName", q.name);
        out.put("jobQueueArn", q.arn);
        return out;
    }

    private JsonNode deleteJobQueue(JsonNode in, List<Runnable> effects) {
        JobQueue q = queue(req(in, "jobQueue"));
        if ("ENABLED".equals(q.state)) {
            throw client("Cannot delete job queue " + q.name + " while it is ENABLED: disable it first.");
        }
        if (!"DELETING".equals(q.status)) {
            q.status = "DELETING";
            q.statusReason = "Deletion of job queue in progress";
            fleet.onQueueDeleted(q, effects);
        }
        return Json.object();
    }

    private JsonNode describeJobQueues(JsonNode in) {
        List<String> wanted = strings(in.get("jobQueues"));
        if (wanted.size() > 100) {
            throw client("jobQueues can list at most 100 job queues.");
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (JobQueue q : state.queues.values()) {
            if (wanted.isEmpty() || wanted.contains(q.name) || wanted.contains(q.arn)) {
                rows.add(queueJson(q));
            }
        }
        return page(in, rows, "jobQueues", 100);
    }

    private static ObjectNode queueJson(JobQueue q) {
        ObjectNode o = Json.object();
        o.put("jobQueueName", q.name);
        o.put("jobQueueArn", q.arn);
        o.put("state", q.state);
        if (q.schedulingPolicyArn != null) {
            o.put("schedulingPolicyArn", q.schedulingPolicyArn);
        }
        o.put("status", q.status);
        o.put("statusReason", q.statusReason);
        o.put("priority", q.priority);
        ArrayNode order = o.putArray("computeEnvironmentOrder");
        for (int i = 0; i < q.order.size(); i++) {
            order.addObject().put("order", q.orderNumbers.get(i)).put("computeEnvironment", q.order.get(i).arn);
        }
        o.set("tags", q.tags.deepCopy());
        ArrayNode actions = o.putArray("jobStateTimeLimitActions");
        for (TimeLimitAction a : q.timeLimitActions) {
            actions.addObject().put("reason", a.reason()).put("state", a.state())
                    .put("maxTimeSeconds", a.maxTimeSeconds()).put("action", a.action());
        }
        if (q.jobQueueType != null) {
            o.put("jobQueueType", q.jobQueueType);
        }
        return o;
    }

    // ================================================================== job definitions

    private JsonNode registerJobDefinition(JsonNode in) {
        String name = name(in, "jobDefinitionName");
        if (Json.write(in).getBytes(StandardCharsets.UTF_8).length > MAX_JOB_DEFINITION_BYTES) {
            throw client("The job definition is larger than the maximum of 24 KiB.");
        }
        String type = Json.text(in, "type", null);
        if (type == null) {
            throw client("type is required: container or multinode.");
        }
        if (!"container".equals(type)) {
            throw client("The local cloud supports job definitions of type container only; got '" + type + "'.");
        }
        JsonNode cpNode = in.get("containerProperties");
        if (cpNode == null || !cpNode.isObject()) {
            throw client("containerProperties is required for a container job definition.");
        }
        ObjectNode cp = cpNode.deepCopy();
        if (!cp.hasNonNull("image") || cp.get("image").asText().isBlank()) {
            throw client("containerProperties.image is required.");
        }
        List<String> caps = strings(in.get("platformCapabilities"));
        if (caps.isEmpty()) {
            caps = List.of("EC2");
        }
        for (String c : caps) {
            if (!Set.of("EC2", "FARGATE").contains(c)) {
                throw client("platformCapabilities must be EC2 or FARGATE; got '" + c + "'.");
            }
        }
        int[] res = resources(cp, null);
        if (res[0] <= 0 || res[1] <= 0) {
            throw client("containerProperties.resourceRequirements must give VCPU and MEMORY (or vcpus and memory).");
        }
        if (res[1] < 4) {
            throw client("containerProperties: MEMORY must be at least 4 MiB.");
        }
        checkEnvironment(cp.get("environment"), "containerProperties.environment");
        JsonNode retry = in.get("retryStrategy");
        checkRetry(retry);
        JsonNode timeout = in.get("timeout");
        checkTimeout(timeout);
        ObjectNode tags = tags(in.get("tags"));
        ObjectNode params = in.hasNonNull("parameters") && in.get("parameters").isObject()
                ? (ObjectNode) in.get("parameters").deepCopy() : Json.object();
        List<JobDefinition> revisions = state.jobDefinitions.computeIfAbsent(name, k -> new ArrayList<>());
        JobDefinition d = new JobDefinition();
        d.name = name;
        d.revision = revisions.size() + 1;
        d.arn = state.arn("job-definition", name + ":" + d.revision);
        d.containerProperties = cp;
        d.parameters = params;
        d.retryStrategy = retry == null || retry.isNull() ? null : retry.deepCopy();
        d.timeout = timeout == null || timeout.isNull() ? null : timeout.deepCopy();
        d.tags = tags;
        d.propagateTags = in.path("propagateTags").asBoolean(false);
        d.platformCapabilities = List.copyOf(caps);
        ObjectNode json = Json.object();
        json.put("jobDefinitionName", name);
        json.put("jobDefinitionArn", d.arn);
        json.put("revision", d.revision);
        json.put("status", "ACTIVE");
        json.put("type", type);
        json.set("parameters", params.deepCopy());
        if (d.retryStrategy != null) {
            json.set("retryStrategy", d.retryStrategy.deepCopy());
        }
        ObjectNode cpOut = cp.deepCopy();
        for (String f : List.of("command", "volumes", "environment", "mountPoints", "ulimits", "resourceRequirements",
                "secrets")) {
            if (!cpOut.has(f)) {
                cpOut.putArray(f);
            }
        }
        json.set("containerProperties", cpOut);
        if (d.timeout != null) {
            json.set("timeout", d.timeout.deepCopy());
        }
        json.set("tags", tags.deepCopy());
        json.put("propagateTags", d.propagateTags);
        ArrayNode pc = json.putArray("platformCapabilities");
        caps.forEach(pc::add);
        json.put("containerOrchestrationType", "ECS");
        d.json = json;
        revisions.add(d);
        ObjectNode out = Json.object();
        out.put("jobDefinitionName", name);
        out.put("jobDefinitionArn", d.arn);
        out.put("revision", d.revision);
        return out;
    }

    /** [vcpus, memoryMiB] from resourceRequirements (or legacy vcpus/memory), overridden by {@code over}. */
    private static int[] resources(JsonNode cp, JsonNode over) {
        int[] r = {0, 0};
        for (JsonNode src : new JsonNode[] {cp, over}) {
            if (src == null || src.isNull()) {
                continue;
            }
            if (src.hasNonNull("vcpus")) {
                r[0] = src.get("vcpus").asInt();
            }
            if (src.hasNonNull("memory")) {
                r[1] = src.get("memory").asInt();
            }
            JsonNode rr = src.get("resourceRequirements");
            if (rr != null && rr.isArray()) {
                for (JsonNode e : rr) {
                    String t = e.path("type").asText("");
                    String v = e.path("value").asText("");
                    double value;
                    try {
                        value = Double.parseDouble(v);
                    } catch (NumberFormatException ex) {
                        throw client("resourceRequirements value '" + v + "' for " + t + " is not a number.");
                    }
                    switch (t) {
                        case "VCPU" -> r[0] = (int) Math.ceil(value);
                        case "MEMORY" -> r[1] = (int) value;
                        case "GPU" -> {
                            // accepted, not simulated
                        }
                        default -> throw client("resourceRequirements type must be VCPU, MEMORY or GPU; got '" + t
                                + "'.");
                    }
                }
            }
        }
        return r;
    }

    private static void checkEnvironment(JsonNode env, String field) {
        if (env == null || env.isNull()) {
            return;
        }
        if (!env.isArray()) {
            throw client(field + " must be a list of {name, value}.");
        }
        for (JsonNode e : env) {
            String n = e.path("name").asText("");
            if (n.startsWith("AWS_BATCH")) {
                throw client(field + ": environment variable names starting with AWS_BATCH are reserved for "
                        + "variables that AWS Batch sets; got '" + n + "'.");
            }
        }
    }

    static void checkRetry(JsonNode retry) {
        if (retry == null || retry.isNull()) {
            return;
        }
        if (retry.hasNonNull("attempts")) {
            int a = retry.get("attempts").asInt();
            if (a < 1 || a > 10) {
                throw client("retryStrategy.attempts must be between 1 and 10; got " + retry.get("attempts") + ".");
            }
        }
        JsonNode eoe = retry.get("evaluateOnExit");
        if (eoe != null && !eoe.isNull()) {
            if (!eoe.isArray() || eoe.size() > 5) {
                throw client("retryStrategy.evaluateOnExit can have at most 5 entries.");
            }
            for (JsonNode e : eoe) {
                String action = e.path("action").asText("");
                if (!"RETRY".equalsIgnoreCase(action) && !"EXIT".equalsIgnoreCase(action)) {
                    throw client("retryStrategy.evaluateOnExit.action must be RETRY or EXIT; got '" + action + "'.");
                }
                for (String f : List.of("onStatusReason", "onReason", "onExitCode")) {
                    if (e.hasNonNull(f) && e.get(f).asText().length() > 512) {
                        throw client("retryStrategy.evaluateOnExit." + f + " can be at most 512 characters.");
                    }
                }
                if (e.hasNonNull("onExitCode") && !e.get("onExitCode").asText().matches("[0-9]*\\*?")) {
                    throw client("retryStrategy.evaluateOnExit.onExitCode may contain only digits and a trailing *; "
                            + "got '" + e.get("onExitCode").asText() + "'.");
                }
            }
        }
    }

    private static void checkTimeout(JsonNode timeout) {
        if (timeout == null || timeout.isNull() || !timeout.hasNonNull("attemptDurationSeconds")) {
            return;
        }
        if (timeout.get("attemptDurationSeconds").asInt() < 60) {
            throw client("timeout.attemptDurationSeconds must be at least 60 seconds; got "
                    + timeout.get("attemptDurationSeconds") + ".");
        }
    }

    private JobDefinition jobDefinition(String ref, boolean activeLatest) {
        String nameRev = ref;
        if (ref.startsWith("arn:")) {
            int slash = ref.indexOf(":job-definition/");
            if (slash < 0) {
                throw client("Job definition " + ref + " does not exist.");
            }
            nameRev = ref.substring(slash + ":job-definition/".length());
        }
        int colon = nameRev.lastIndexOf(':');
        List<JobDefinition> revisions = state.jobDefinitions.get(colon < 0 ? nameRev : nameRev.substring(0, colon));
        if (revisions != null) {
            if (colon >= 0) {
                try {
                    int rev = Integer.parseInt(nameRev.substring(colon + 1));
                    if (rev >= 1 && rev <= revisions.size()) {
                        return revisions.get(rev - 1);
                    }
                } catch (NumberFormatException e) {
                    // not found
                }
            } else if (activeLatest) {
                for (int i = revisions.size() - 1; i >= 0; i--) {
                    if ("ACTIVE".equals(revisions.get(i).status)) {
                        return revisions.get(i);
                    }
                }
            }
        }
        throw client("Job definition " + ref + " does not exist.");
    }

    private JsonNode describeJobDefinitions(JsonNode in) {
        List<String> refs = strings(in.get("jobDefinitions"));
        if (refs.size() > 100) {
            throw client("jobDefinitions can list at most 100 job definitions.");
        }
        String byName = Json.text(in, "jobDefinitionName", null);
        String status = Json.text(in, "status", null);
        List<ObjectNode> rows = new ArrayList<>();
        for (List<JobDefinition> revisions : state.jobDefinitions.values()) {
            for (JobDefinition d : revisions) {
                boolean wanted = refs.isEmpty() || refs.contains(d.arn) || refs.contains(d.name + ":" + d.revision)
                        || refs.contains(d.name);
                if (!wanted || (byName != null && !byName.equals(d.name))
                        || (status != null && !status.equalsIgnoreCase(d.status))) {
                    continue;
                }
                ObjectNode o = d.json.deepCopy();
                o.put("status", d.status);
                rows.add(o);
            }
        }
        return page(in, rows, "jobDefinitions", 100);
    }

    private JsonNode deregisterJobDefinition(JsonNode in) {
        String ref = req(in, "jobDefinition");
        if (!ref.startsWith("arn:") && ref.indexOf(':') < 0) {
            throw client("jobDefinition must be name:revision or an ARN; got '" + ref + "'.");
        }
        JobDefinition d = jobDefinition(ref, false);
        d.status = "INACTIVE";
        return Json.object();
    }

    // ================================================================== jobs

    private JsonNode submitJob(JsonNode in) {
        // SubmitJob's 50 TPS is applied by the endpoint to calls on the wire (dev.gbo.local.core.RateLimits).
        if (Json.write(in).getBytes(StandardCharsets.UTF_8).length > MAX_SUBMIT_BYTES) {
            throw client("The SubmitJob request is larger than the maximum of 30 KiB.");
        }
        String name = req(in, "jobName");
        if (!NAME.matcher(name).matches()) {
            throw client("jobName must be 1 to 128 characters of letters (uppercase and lowercase), numbers, "
                    + "hyphens (-) and underscores (_); got '" + name + "'.");
        }
        JobQueue q = queue(req(in, "jobQueue"));
        if (!"ENABLED".equals(q.state) || "DELETING".equals(q.status) || "DELETED".equals(q.status)) {
            throw client("Job queue " + q.name + " is not ENABLED and VALID (state " + q.state + ", status " + q.status
                    + "); it does not accept new jobs.");
        }
        JobDefinition d = jobDefinition(req(in, "jobDefinition"), true);
        if (!"ACTIVE".equals(d.status)) {
            throw client("Job definition " + d.name + ":" + d.revision + " is INACTIVE and cannot be used.");
        }
        int arraySize = 0;
        JsonNode ap = in.get("arrayProperties");
        if (ap != null && ap.hasNonNull("size")) {
            arraySize = ap.get("size").asInt();
            if (arraySize < 2 || arraySize > 10_000) {
                throw client("arrayProperties.size must be between 2 and 10000; got " + ap.get("size") + ".");
            }
        }
        JsonNode deps = in.get("dependsOn");
        if (deps != null && deps.isArray() && deps.size() > MAX_DEPENDS_ON) {
            throw client("A job can depend on at most " + MAX_DEPENDS_ON + " jobs; dependsOn has " + deps.size() + ".");
        }
        JsonNode retry = in.hasNonNull("retryStrategy") ? in.get("retryStrategy") : d.retryStrategy;
        checkRetry(retry);
        JsonNode timeout = in.hasNonNull("timeout") ? in.get("timeout") : d.timeout;
        checkTimeout(timeout);
        JsonNode overrides = in.get("containerOverrides");
        if (overrides != null && overrides.has("environment")) {
            checkEnvironment(overrides.get("environment"), "containerOverrides.environment");
        }
        ObjectNode jobTags = tags(in.get("tags"));
        int[] res = resources(d.containerProperties, overrides);
        // dependencies
        List<Job> depJobs = new ArrayList<>();
        List<String> depTypes = new ArrayList<>();
        boolean sequential = false;
        if (deps != null && deps.isArray()) {
            for (JsonNode dep : deps) {
                String type = dep.path("type").asText("");
                if ("SEQUENTIAL".equals(type)) {
                    if (arraySize == 0) {
                        throw client("A SEQUENTIAL dependency is only valid for an array job.");
                    }
                    if (dep.hasNonNull("jobId")) {
                        throw client("A SEQUENTIAL dependency must not name a jobId.");
                    }
                    sequential = true;
                    continue;
                }
                String id = dep.path("jobId").asText("");
                Job dj = state.jobs.get(id);
                if (dj == null) {
                    throw client("Dependent job " + id + " does not exist.");
                }
                if ("N_TO_N".equals(type)) {
                    if (arraySize == 0 || dj.arraySize != arraySize) {
                        throw client("An N_TO_N dependency requires both jobs to be array jobs of the same size ("
                                + id + " has size " + dj.arraySize + ", this job " + arraySize + ").");
                    }
                } else if (!type.isEmpty()) {
                    throw client("dependsOn.type must be N_TO_N or SEQUENTIAL; got '" + type + "'.");
                }
                depJobs.add(dj);
                depTypes.add(type);
            }
        }
        // the job
        Job job = new Job();
        job.id = fleet.uuid();
        job.arn = state.arn("job", job.id);
        job.name = name;
        job.queue = q;
        job.definition = d;
        job.createdAt = clock.millis();
        job.parameters = d.parameters.deepCopy();
        if (in.hasNonNull("parameters") && in.get("parameters").isObject()) {
            in.get("parameters").fields().forEachRemaining(e -> job.parameters.put(e.getKey(), e.getValue().asText()));
        }
        job.image = d.containerProperties.get("image").asText();
        List<String> command = strings(overrides != null && overrides.has("command") ? overrides.get("command")
                : d.containerProperties.get("command"));
        job.command = substitute(command, job.parameters);
        Map<String, String> env = new LinkedHashMap<>();
        putEnv(env, d.containerProperties.get("environment"));
        if (overrides != null) {
            putEnv(env, overrides.get("environment"));
        }
        job.environment = env;
        job.vcpus = res[0];
        job.memoryMiB = res[1];
        if (job.vcpus <= 0 || job.memoryMiB <= 0) {
            throw client("The job needs VCPU and MEMORY resource requirements (from the job definition or "
                    + "containerOverrides).");
        }
        ArrayNode rr = Json.array();
        rr.addObject().put("value", Integer.toString(job.vcpus)).put("type", "VCPU");
        rr.addObject().put("value", Integer.toString(job.memoryMiB)).put("type", "MEMORY");
        job.resourceRequirements = rr;
        JsonNode rp = d.containerProperties.get("runtimePlatform");
        job.runtimeArchitecture = rp == null ? null : rp.path("cpuArchitecture").asText(null);
        if (retry != null && !retry.isNull()) {
            job.retryStrategyJson = retry.deepCopy();
            job.maxAttempts = retry.path("attempts").asInt(1);
            job.evaluateOnExit = retry.get("evaluateOnExit");
        }
        if (timeout != null && timeout.hasNonNull("attemptDurationSeconds")) {
            job.timeoutSeconds = timeout.get("attemptDurationSeconds").asInt();
        }
        job.propagateTags = in.has("propagateTags") ? in.get("propagateTags").asBoolean() : d.propagateTags;
        ObjectNode tags = Json.object();
        if (job.propagateTags) {
            tags.setAll(d.tags);
        }
        tags.setAll(jobTags);
        job.tags = tags;
        job.platformCapabilities = d.platformCapabilities;
        if (deps != null && deps.isArray()) {
            job.dependsOnJson = deps.deepCopy();
        }
        job.shareIdentifier = Json.text(in, "shareIdentifier", null);
        if (arraySize > 0) {
            job.arraySize = arraySize;
            job.children = new ArrayList<>(arraySize);
            job.childCounts[BatchModel.statusIndex("SUBMITTED")] = arraySize;
            for (int i = 0; i < arraySize; i++) {
                Job c = child(job, i);
                job.children.add(c);
                state.jobs.put(c.id, c);
            }
            if (sequential) {
                for (int i = 1; i < arraySize; i++) {
                    dependOn(job.children.get(i), job.children.get(i - 1));
                }
            }
        }
        for (int k = 0; k < depJobs.size(); k++) {
            Job dj = depJobs.get(k);
            if ("N_TO_N".equals(depTypes.get(k))) {
                for (int i = 0; i < arraySize; i++) {
                    dependOn(job.children.get(i), dj.children.get(i));
                }
            } else {
                dependOn(job, dj);
            }
        }
        state.jobs.put(job.id, job);
        q.jobs.add(job);
        fleet.onSubmitted(job);
        ObjectNode out = Json.object();
        out.put("jobArn", job.arn);
        out.put("jobName", job.name);
        out.put("jobId", job.id);
        return out;
    }

    private static void dependOn(Job job, Job dependency) {
        if ("SUCCEEDED".equals(dependency.status)) {
            return;
        }
        if ("FAILED".equals(dependency.status)) {
            job.dependencyFailed = true;
            return;
        }
        job.unresolved++;
        if (dependency.dependents == null) {
            dependency.dependents = new ArrayList<>(2);
        }
        dependency.dependents.add(job);
    }

    private Job child(Job parent, int index) {
        Job c = new Job();
        c.id = parent.id + ":" + index;
        c.arn = parent.arn + ":" + index;
        c.name = parent.name;
        c.queue = parent.queue;
        c.definition = parent.definition;
        c.createdAt = parent.createdAt;
        c.parameters = parent.parameters;
        c.image = parent.image;
        c.command = parent.command;
        c.environment = parent.environment;
        c.vcpus = parent.vcpus;
        c.memoryMiB = parent.memoryMiB;
        c.resourceRequirements = parent.resourceRequirements;
        c.runtimeArchitecture = parent.runtimeArchitecture;
        c.maxAttempts = parent.maxAttempts;
        c.evaluateOnExit = parent.evaluateOnExit;
        c.retryStrategyJson = parent.retryStrategyJson;
        c.timeoutSeconds = parent.timeoutSeconds;
        c.tags = parent.tags;
        c.propagateTags = parent.propagateTags;
        c.platformCapabilities = parent.platformCapabilities;
        c.arrayIndex = index;
        c.parent = parent;
        return c;
    }

    private static List<String> substitute(List<String> command, ObjectNode params) {
        List<String> out = new ArrayList<>(command.size());
        for (String c : command) {
            if (c.startsWith("Ref::") && params.hasNonNull(c.substring(5))) {
                out.add(params.get(c.substring(5)).asText());
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static void putEnv(Map<String, String> env, JsonNode list) {
        if (list != null && list.isArray()) {
            for (JsonNode e : list) {
                env.put(e.path("name").asText(), e.path("value").asText(""));
            }
        }
    }

    private JsonNode describeJobs(JsonNode in) {
        List<String> ids = strings(in.get("jobs"));
        if (in.get("jobs") == null) {
            throw client("jobs is required: a list of up to 100 job IDs.");
        }
        if (ids.size() > 100) {
            throw client("DescribeJobs takes at most 100 job IDs; got " + ids.size() + ".");
        }
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("jobs");
        for (String id : ids) {
            Job j = state.jobs.get(id.startsWith("arn:") ? id.substring(id.indexOf(":job/") + 5) : id);
            if (j != null) {
                arr.add(JobView.detail(j));
            }
        }
        return out;
    }

    private JsonNode listJobs(JsonNode in) {
        String queueRef = Json.text(in, "jobQueue", null);
        String arrayJobId = Json.text(in, "arrayJobId", null);
        if (queueRef == null && arrayJobId == null && Json.text(in, "multiNodeJobId", null) == null) {
            throw client("ListJobs needs one of jobQueue, arrayJobId or multiNodeJobId.");
        }
        List<Job> source;
        boolean newestFirst = false;
        if (arrayJobId != null) {
            Job parent = state.jobs.get(arrayJobId);
            if (parent == null || !parent.isArrayParent()) {
                throw client("Array job " + arrayJobId + " does not exist.");
            }
            source = parent.children;
        } else if (queueRef != null) {
            source = queue(queueRef).jobs;
            newestFirst = true;
        } else {
            source = List.of();
        }
        JsonNode filters = in.get("filters");
        boolean filtered = filters != null && filters.isArray() && !filters.isEmpty();
        String status = filtered ? null : upper(Json.text(in, "jobStatus", "RUNNING"));
        if (status != null && !BatchModel.STATUSES.contains(status)) {
            throw client("jobStatus must be one of " + BatchModel.STATUSES + "; got '" + status + "'.");
        }
        List<java.util.function.Predicate<Job>> preds = new ArrayList<>();
        if (filtered) {
            for (JsonNode f : filters) {
                String fname = f.path("name").asText("");
                List<String> values = strings(f.get("values"));
                if (values.size() != 1) {
                    throw client("Filter " + fname + " takes exactly one value.");
                }
                String v = values.get(0);
                switch (fname) {
                    case "JOB_NAME" -> {
                        String lv = v.toLowerCase(Locale.ROOT);
                        if (lv.endsWith("*")) {
                            String p = lv.substring(0, lv.length() - 1);
                            preds.add(j -> j.name.toLowerCase(Locale.ROOT).startsWith(p));
                        } else {
                            preds.add(j -> j.name.equalsIgnoreCase(v));
                        }
                    }
                    case "JOB_DEFINITION" -> preds.add(j -> v.equals(j.definition.arn) || v.equals(j.definition.name)
                            || v.equals(j.definition.name + ":" + j.definition.revision)
                            || (v.endsWith("*") && j.definition.name.startsWith(v.substring(0, v.length() - 1))));
                    case "BEFORE_CREATED_AT", "AFTER_CREATED_AT" -> {
                        long t;
                        try {
                            t = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            throw client("Filter " + fname + " takes a time in milliseconds since the epoch; got '"
                                    + v + "'.");
                        }
                        preds.add("BEFORE_CREATED_AT".equals(fname) ? j -> j.createdAt < t : j -> j.createdAt > t);
                    }
                    default -> throw client("Filter name must be JOB_NAME, JOB_DEFINITION, BEFORE_CREATED_AT or "
                            + "AFTER_CREATED_AT; got '" + fname + "'.");
                }
            }
        }
        int max = in.hasNonNull("maxResults") ? in.get("maxResults").asInt() : 100;
        if (max < 1 || max > 1000) {
            throw client("maxResults must be between 1 and 1000; got " + max + ".");
        }
        int from = offset(in);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("jobSummaryList");
        int seen = 0;
        int n = source.size();
        for (int k = 0; k < n; k++) {
            Job j = source.get(newestFirst ? n - 1 - k : k);
            if (status != null && !status.equals(j.status)) {
                continue;
            }
            boolean ok = true;
            for (var p : preds) {
                if (!p.test(j)) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            if (seen++ < from) {
                continue;
            }
            if (arr.size() == max) {
                out.put("nextToken", token(from + max));
                break;
            }
            arr.add(JobView.summary(j));
        }
        return out;
    }

    private Job job(String id) {
        Job j = state.jobs.get(id);
        if (j == null) {
            throw client("Job " + id + " does not exist.");
        }
        return j;
    }

    private JsonNode cancelJob(JsonNode in, List<Runnable> effects) {
        Job j = job(req(in, "jobId"));
        String reason = req(in, "reason");
        cancel(j, reason, effects);
        return Json.object();
    }

    private void cancel(Job j, String reason, List<Runnable> effects) {
        if (j.isArrayParent()) {
            for (Job c : j.children) {
                cancel(c, reason, effects);
            }
            if (!j.terminal() && "SUBMITTED".equals(j.status)) {
                fleet.fail(j, reason, true, false, effects);
            }
            return;
        }
        if (Set.of("SUBMITTED", "PENDING", "RUNNABLE").contains(j.status)) {
            fleet.fail(j, reason, true, false, effects);
        }
        // STARTING and RUNNING jobs are not cancelled (use TerminateJob); the call still succeeds.
    }

    private JsonNode terminateJob(JsonNode in, List<Runnable> effects) {
        Job j = job(req(in, "jobId"));
        String reason = req(in, "reason");
        fleet.fail(j, reason, false, true, effects);
        return Json.object();
    }

    // ================================================================== tags

    private ObjectNode taggable(String arn) {
        String prefix = "arn:aws:batch:" + state.region + ":" + state.accountId + ":";
        if (arn != null && arn.startsWith(prefix)) {
            String rest = arn.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String kind = rest.substring(0, slash);
                String id = rest.substring(slash + 1);
                switch (kind) {
                    case "compute-environment" -> {
                        ComputeEnvironment ce = state.computeEnvironments.get(id);
                        if (ce != null) {
                            return ce.tags;
                        }
                    }
                    case "job-queue" -> {
                        JobQueue q = state.queues.get(id);
                        if (q != null) {
                            return q.tags;
                        }
                    }
                    case "job-definition" -> {
                        try {
                            return jobDefinition(arn, false).tags;
                        } catch (AwsException e) {
                            // not found below
                        }
                    }
                    case "job" -> {
                        Job j = state.jobs.get(id);
                        if (j != null) {
                            if (j.parent == null && j.children == null && j.tags == null) {
                                j.tags = Json.object();
                            }
                            return j.tags;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        throw client("Resource " + arn + " does not exist or cannot be tagged.");
    }

    private JsonNode tagResource(JsonNode in) {
        ObjectNode tags = taggable(req(in, "resourceArn"));
        ObjectNode add = tags(in.get("tags"));
        if (add.isEmpty()) {
            throw client("tags is required: at least one tag.");
        }
        ObjectNode merged = tags.deepCopy();
        merged.setAll(add);
        checkTagCount(merged);
        tags.setAll(add);
        return Json.object();
    }

    private JsonNode untagResource(JsonNode in) {
        ObjectNode tags = taggable(req(in, "resourceArn"));
        List<String> keys = strings(in.get("tagKeys"));
        if (keys.isEmpty()) {
            throw client("tagKeys is required: at least one key.");
        }
        keys.forEach(tags::remove);
        return Json.object();
    }

    private JsonNode listTags(JsonNode in) {
        ObjectNode tags = taggable(req(in, "resourceArn"));
        ObjectNode out = Json.object();
        out.set("tags", tags.deepCopy());
        return out;
    }

    static ObjectNode tags(JsonNode node) {
        ObjectNode out = Json.object();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw client("tags must be a map of key to value.");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            String v = e.getValue().asText();
            if (k.isEmpty() || k.length() > 128) {
                throw client("Tag keys must be 1 to 128 characters; got a key of " + k.length() + ".");
            }
            if (v.length() > 256) {
                throw client("Tag values must be at most 256 characters; the value of '" + k + "' has " + v.length()
                        + ".");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw client("Tag keys starting with aws: are reserved; got '" + k + "'.");
            }
            out.put(k, v);
        }
        checkTagCount(out);
        return out;
    }

    private static void checkTagCount(ObjectNode tags) {
        if (tags.size() > 50) {
            throw client("A resource can have at most 50 tags; got " + tags.size() + ".");
        }
    }

    // ================================================================== helpers

    private ComputeEnvironment computeEnvironment(String ref) {
        String name = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
        ComputeEnvironment ce = state.computeEnvironments.get(name);
        if (ce == null || (ref.startsWith("arn:") && !ce.arn.equals(ref))) {
            throw client("Compute environment " + ref + " does not exist.");
        }
        return ce;
    }

    private JobQueue queue(String ref) {
        String name = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
        JobQueue q = state.queues.get(name);
        if (q == null || (ref.startsWith("arn:") && !q.arn.equals(ref))) {
            throw client("Job queue " + ref + " does not exist.");
        }
        return q;
    }

    private static String name(JsonNode in, String field) {
        String v = req(in, field);
        if (!NAME.matcher(v).matches()) {
            throw client(field + " must be 1 to 128 characters of letters (uppercase and lowercase), numbers, "
                    + "hyphens (-) and underscores (_); got '" + v + "'.");
        }
        return v;
    }

    private static String req(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw client(field + " is required.");
        }
        return v.asText();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static void checkState(String s) {
        if (!"ENABLED".equals(s) && !"DISABLED".equals(s)) {
            throw client("state must be ENABLED or DISABLED; got '" + s + "'.");
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("gbo-batch:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(JsonNode in) {
        String t = Json.text(in, "nextToken", null);
        if (t == null || t.isEmpty()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
            if (s.startsWith("gbo-batch:")) {
                return Integer.parseInt(s.substring("gbo-batch:".length()));
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw client("The nextToken '" + t + "' is not valid.");
    }

    private static JsonNode page(JsonNode in, List<ObjectNode> rows, String member, int maxAllowed) {
        int max = in.hasNonNull("maxResults") ? in.get("maxResults").asInt() : maxAllowed;
        if (max < 1 || max > maxAllowed) {
            throw client("maxResults must be between 1 and " + maxAllowed + "; got " + max + ".");
        }
        int from = Math.min(offset(in), rows.size());
        int to = Math.min(rows.size(), from + max);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray(member);
        rows.subList(from, to).forEach(arr::add);
        if (to < rows.size()) {
            out.put("nextToken", token(to));
        }
        return out;
    }
}
