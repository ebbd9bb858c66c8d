package dev.gbo.functions.queue;

import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.functions.state.QueueState;

import dev.gbo.functions.errors.ComputeEnvironmentInvalid;
import dev.gbo.functions.errors.ComputeEnvironmentNotReady;
import dev.gbo.functions.errors.InstanceTypeRefused;
import dev.gbo.functions.errors.QueueArchitectureConflict;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.arch.Architectures;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.cache.WarmCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.BatchException;
import software.amazon.awssdk.services.batch.model.CEState;
import software.amazon.awssdk.services.batch.model.CEStatus;
import software.amazon.awssdk.services.batch.model.CEType;
import software.amazon.awssdk.services.batch.model.CRAllocationStrategy;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.ComputeResource;
import software.amazon.awssdk.services.batch.model.ComputeResourceUpdate;
import software.amazon.awssdk.services.batch.model.CreateComputeEnvironmentRequest;
import software.amazon.awssdk.services.batch.model.CreateJobQueueRequest;
import software.amazon.awssdk.services.batch.model.DescribeComputeEnvironmentsRequest;
import software.amazon.awssdk.services.batch.model.DescribeJobDefinitionsRequest;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;
import software.amazon.awssdk.services.batch.model.Ec2Configuration;
import software.amazon.awssdk.services.batch.model.JQState;
import software.amazon.awssdk.services.batch.model.JQStatus;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitAction;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitActionsAction;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitActionsState;
import software.amazon.awssdk.services.batch.model.UpdateComputeEnvironmentRequest;
import software.amazon.awssdk.services.batch.model.UpdateJobQueueRequest;

/**
 * Create-or-verify, never wait: per family of the ladder, one managed EC2/Spot compute environment
 * and one job queue, both named {@code <prefix>-<family>-<spot|od>}, plus the content-addressed job
 * definition. Each call does what it can and reports {@code ready}; the state machine waits and calls
 * again (an UPDATING or CREATING environment is waited for, never failed). After {@link #MAX_CHECKS}
 * checks without readiness it gives up.
 *
 * <p>Environments that never fight (docs/architecture.md, "Compute environments"): the environment's
 * {@code instanceTypes} is the family name itself ({@code ["m8g"]}), which Batch accepts and expands
 * to every size of the family, and its subnets are those of every zone where EC2 offers the family.
 * Both are the same for every request, so concurrent requests of mixed sizes never update the
 * environment; a request no size of the family can hold was already moved down the ladder by
 * Capacity. An environment gbo finds narrower (explicit sizes, fewer subnets, e.g. from an older gbo)
 * is only ever widened, from VALID, to the same target by every writer, so writers converge.
 */
public final class QueueEnsurer {
    public static final int MAX_CHECKS = 40;
    public static final int MAX_CES_PER_QUEUE = 3;
    public static final List<String> TIME_LIMIT_REASONS = List.of(
            "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
            "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
            "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT");
    private static final Set<String> UPDATABLE_STRATEGIES = Set.of("BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED",
            "SPOT_PRICE_CAPACITY_OPTIMIZED");

    private final BatchClient batch;
    private final Config config;

    public QueueEnsurer(BatchClient batch, Config config) {
        this.batch = batch;
        this.config = config;
    }

    /**
     * @param capacity       the {@code capacity} part of the state (family, instanceTypes, subnets, skipped, excludedFamilies)
     * @param previousChecks {@code queue.checks} of the previous pass, 0 on the first
     * @return the {@code queue} part of the state
     */
    public QueueState ensure(JobRequest request, CapacityDecision capacity, int previousChecks) {
        int checks = previousChecks + 1;
        String family = capacity == null ? null : capacity.family();
        List<String> subnets = capacity == null ? List.of() : capacity.subnets();
        if (family == null || subnets.isEmpty()) {
            throw new IllegalArgumentException("state 'capacity' lacks family or subnets; CapacityHandler output must be at $.capacity");
        }
        String queueName = config.jobQueueName(family);

        // 1. The queue must stay arm64-only: check what it holds before touching anything.
        Optional<JobQueueDetail> queue = describeQueue(queueName);
        List<ComputeEnvironmentDetail> attached = queue.map(this::checkedEnvironments).orElse(List.of());

        // 2. The family's compute environment (created, or widened if an older one is narrower; never narrowed).
        ComputeEnvironmentDetail ce = ensureComputeEnvironment(family, subnets);
        boolean ceUsable = ce != null && ce.status() == CEStatus.VALID && ce.state() == CEState.ENABLED;

        // 3. The family's queue: our environment first.
        JobQueueDetail queueDetail = null;
        if (queue.isPresent()) {
            queueDetail = ensureQueueShape(queue.get(), ce, ceUsable, attached);
        } else if (ceUsable) {
            queueDetail = createQueue(queueName, List.of(ce));
        }

        // 4. The job definition.
        String jobDefinitionArn = ensureJobDefinition(request);

        // 5. Readiness.
        boolean ready = ceUsable && queueDetail != null && queueDetail.status() == JQStatus.VALID
                && queueDetail.state() == JQState.ENABLED
                && queueDetail.computeEnvironmentOrder().stream()
                        .anyMatch(o -> o.computeEnvironment().equals(ce.computeEnvironmentArn()));
        List<ComputeEnvironmentDetail> listed = new ArrayList<>();
        if (ce != null) {
            listed.add(ce);
        }
        attached.stream().filter(c -> ce == null || !c.computeEnvironmentArn().equals(ce.computeEnvironmentArn()))
                .forEach(listed::add);
        List<QueueState.ComputeEnvironment> ces = listed.stream().map(c -> new QueueState.ComputeEnvironment(
                c.computeEnvironmentName(), c.computeEnvironmentArn(), familyOfEnvironment(c), c.statusAsString())).toList();
        QueueState out = new QueueState(queueName, queueDetail == null ? null : queueDetail.jobQueueArn(), family, ces,
                jobDefinitionArn, ready, checks);
        Log.info("queue.ensure", "queue", queueName, "family", family, "ready", ready, "checks", checks,
                "computeEnvironments", ces);
        if (!ready && checks >= MAX_CHECKS) {
            throw new ComputeEnvironmentNotReady("after " + checks + " checks the compute environment "
                    + config.computeEnvironmentName(family) + " (status " + (ce == null ? "absent" : ce.statusAsString() + "/"
                    + ce.stateAsString()) + ") and job queue " + queueName + " (status "
                    + (queueDetail == null ? "absent" : queueDetail.statusAsString() + "/" + queueDetail.stateAsString())
                    + ") are still not VALID and ENABLED; check their statusReason with aws batch"
                    + " describe-compute-environments / describe-job-queues, and the subnets, security groups and"
                    + " INSTANCE_ROLE_ARN they use");
        }
        return out;
    }

    /** The queue's environments, described; refuses a queue that holds anything but arm64 EC2/Spot environments. */
    private List<ComputeEnvironmentDetail> checkedEnvironments(JobQueueDetail queue) {
        List<String> arns = queue.computeEnvironmentOrder().stream()
                .sorted(Comparator.comparingInt(ComputeEnvironmentOrder::order))
                .map(ComputeEnvironmentOrder::computeEnvironment).toList();
        List<ComputeEnvironmentDetail> described = describeComputeEnvironments(arns);
        for (ComputeEnvironmentDetail ce : described) {
            String problem = architectureProblem(ce);
            if (problem != null) {
                throw new QueueArchitectureConflict("job queue " + queue.jobQueueName() + " holds compute environment "
                        + ce.computeEnvironmentName() + " that " + problem + "; a Batch queue must not mix CPU"
                        + " architectures and gbo never changes a queue it did not keep arm64-only: detach "
                        + ce.computeEnvironmentName() + " from " + queue.jobQueueName() + " or set another NAME_PREFIX");
            }
        }
        Map<String, ComputeEnvironmentDetail> byArn = new LinkedHashMap<>();
        described.forEach(c -> byArn.put(c.computeEnvironmentArn(), c));
        return arns.stream().map(byArn::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Returns the environment as it is now, or null when it was just created and cannot be described yet. */
    private ComputeEnvironmentDetail ensureComputeEnvironment(String family, List<String> subnets) {
        String name = config.computeEnvironmentName(family);
        Optional<ComputeEnvironmentDetail> existing = describeComputeEnvironment(name)
                .filter(c -> c.status() != CEStatus.DELETED);
        if (existing.isEmpty()) {
            create(name, family, List.of(family), subnets);
            return describeComputeEnvironment(name).orElse(null);
        }
        ComputeEnvironmentDetail ce = existing.get();
        String problem = architectureProblem(ce);
        if (problem != null) {
            throw new QueueArchitectureConflict("compute environment " + name + " " + problem
                    + "; gbo only attaches arm64 environments to its queues: delete " + name + " so gbo recreates it");
        }
        if (ce.status() == CEStatus.INVALID) {
            throw new ComputeEnvironmentInvalid("compute environment " + name + " is INVALID: " + ce.statusReason()
                    + ". Fix: " + fixHint(ce.statusReason()) + "; then update it or delete it so gbo recreates it");
        }
        if (ce.state() == CEState.DISABLED) {
            throw new ComputeEnvironmentInvalid("compute environment " + name + " is DISABLED (someone disabled it);"
                    + " enable it with aws batch update-compute-environment --compute-environment " + name + " --state ENABLED");
        }
        if (ce.status() != CEStatus.VALID || ce.computeResources() == null) {
            return ce; // CREATING or UPDATING: not ready yet, the state machine waits and asks again
        }
        Widening widening = widening(ce, family, subnets);
        if (widening == null) {
            return ce;
        }
        String strategy = ce.computeResources().allocationStrategyAsString();
        if (!UPDATABLE_STRATEGIES.contains(strategy)) {
            Log.warn("ce.narrow", "computeEnvironment", name, "allocationStrategy", strategy, "instanceTypes",
                    ce.computeResources().instanceTypes(), "note", "Batch cannot update it in place; used as it is."
                            + " Delete it so gbo recreates it with " + allocationStrategy() + " and [" + family + "]");
            return ce;
        }
        try {
            batch.updateComputeEnvironment(UpdateComputeEnvironmentRequest.builder().computeEnvironment(name)
                    .computeResources(ComputeResourceUpdate.builder().instanceTypes(widening.instanceTypes())
                            .subnets(widening.subnets()).build()).build());
        } catch (BatchException e) {
            if (!alreadyUpdating(e)) {
                throw refusedOrRethrow(family, e);
            }
            Log.info("ce.widen.raced", "computeEnvironment", name, "note", "another execution is widening it; waiting");
            return describeComputeEnvironment(name).orElse(ce);
        }
        Log.info("ce.widen", "computeEnvironment", name, "instanceTypes", widening.instanceTypes(), "subnets", widening.subnets());
        return describeComputeEnvironment(name).orElse(ce);
    }

    /** What a VALID environment lacks: the family as a whole, or subnets. Null when nothing is missing. */
    record Widening(List<String> instanceTypes, List<String> subnets) {
    }

    static Widening widening(ComputeEnvironmentDetail ce, String family, List<String> subnets) {
        List<String> types = ce.computeResources().instanceTypes();
        List<String> currentSubnets = ce.computeResources().subnets();
        boolean familyCovered = types.contains(family);
        boolean subnetsCovered = new HashSet<>(currentSubnets).containsAll(subnets);
        if (familyCovered && subnetsCovered) {
            return null;
        }
        List<String> wideTypes = new ArrayList<>();
        wideTypes.add(family);
        types.stream().filter(t -> !Architectures.familyOf(t).equals(family) && !wideTypes.contains(t)).forEach(wideTypes::add);
        List<String> wideSubnets = new ArrayList<>(currentSubnets);
        subnets.stream().filter(sn -> !wideSubnets.contains(sn)).forEach(wideSubnets::add);
        return new Widening(List.copyOf(wideTypes), List.copyOf(wideSubnets));
    }

    private static boolean alreadyUpdating(BatchException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.contains("UPDATING") || m.contains("being updated") || m.contains("is not VALID");
    }

    private void create(String name, String family, List<String> instanceTypes, List<String> subnets) {
        config.require("SECURITY_GROUP_IDS", "INSTANCE_ROLE_ARN");
        boolean spot = config.provisioning() == Config.Provisioning.SPOT;
        ComputeResource.Builder resources = ComputeResource.builder()
                .type(spot ? CRType.SPOT : CRType.EC2)
                .allocationStrategy(allocationStrategy())
                .minvCpus(0)
                .maxvCpus(config.maxVcpus())
                .instanceTypes(instanceTypes)
                .subnets(subnets)
                .securityGroupIds(config.securityGroupIds())
                .instanceRole(config.instanceRoleArn())
                .ec2Configuration(Ec2Configuration.builder().imageType("ECS_AL2023").build())
                .tags(Map.of("gbo:family", family, "gbo:prefix", config.namePrefix()));
        if (spot && config.spotFleetRoleArn() != null) {
            resources.spotIamFleetRole(config.spotFleetRoleArn());
        }
        try {
            batch.createComputeEnvironment(CreateComputeEnvironmentRequest.builder()
                    .computeEnvironmentName(name)
                    .type(CEType.MANAGED)
                    .state(CEState.ENABLED)
                    .computeResources(resources.build())
                    .tags(Map.of("gbo:family", family, "gbo:prefix", config.namePrefix()))
                    .build());
            Log.info("ce.create", "computeEnvironment", name, "instanceTypes", instanceTypes);
        } catch (BatchException e) {
            if (alreadyExists(e)) {
                Log.info("ce.create.raced", "computeEnvironment", name);
                return;
            }
            throw refusedOrRethrow(family, e);
        }
    }

    private CRAllocationStrategy allocationStrategy() {
        return config.provisioning() == Config.Provisioning.SPOT
                ? CRAllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED
                : CRAllocationStrategy.BEST_FIT_PROGRESSIVE;
    }

    private RuntimeException refusedOrRethrow(String family, BatchException e) {
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
        if (message != null && message.contains("Instance type can only be one of")) {
            return new InstanceTypeRefused("AWS Batch refused family " + family + " in this region although EC2 offers it: "
                    + message + ". gbo excludes " + family + " and tries the next family of FAMILY_LADDER", e);
        }
        return e;
    }

    /**
     * Keeps the queue as gbo made it: our environment first (once usable), then whatever arm64
     * environments someone else attached and that are still usable, at most three; the RUNNABLE
     * time-limit actions. Every execution of the family computes the same shape, so writers converge;
     * a queue that is not VALID is left alone until it is.
     */
    private JobQueueDetail ensureQueueShape(JobQueueDetail queue, ComputeEnvironmentDetail ours, boolean oursUsable,
            List<ComputeEnvironmentDetail> attached) {
        if (queue.status() == JQStatus.INVALID) {
            throw new ComputeEnvironmentInvalid("job queue " + queue.jobQueueName() + " is INVALID: " + queue.statusReason()
                    + ". Fix: " + fixHint(queue.statusReason()));
        }
        if (queue.state() == JQState.DISABLED) {
            throw new ComputeEnvironmentInvalid("job queue " + queue.jobQueueName() + " is DISABLED (someone disabled it);"
                    + " enable it with aws batch update-job-queue --job-queue " + queue.jobQueueName() + " --state ENABLED");
        }
        List<ComputeEnvironmentDetail> desired = desiredOrder(ours, oursUsable, attached);
        List<String> current = attached.stream().map(ComputeEnvironmentDetail::computeEnvironmentArn).toList();
        List<String> wanted = desired.stream().map(ComputeEnvironmentDetail::computeEnvironmentArn).toList();
        boolean orderDiffers = !wanted.isEmpty() && !current.equals(wanted);
        boolean actionsDiffer = !timeLimitActions().equals(queue.jobStateTimeLimitActions().stream()
                .sorted(Comparator.comparing(JobStateTimeLimitAction::reason)).toList());
        if (queue.status() == JQStatus.VALID && (orderDiffers || actionsDiffer)) {
            UpdateJobQueueRequest.Builder update = UpdateJobQueueRequest.builder().jobQueue(queue.jobQueueName())
                    .jobStateTimeLimitActions(timeLimitActions());
            if (orderDiffers) {
                update.computeEnvironmentOrder(order(desired));
            }
            batch.updateJobQueue(update.build());
            Log.info("queue.update", "queue", queue.jobQueueName(), "from", current, "to", wanted);
            return describeQueue(queue.jobQueueName()).orElse(queue);
        }
        return queue;
    }

    /** Ours first (once usable, or already attached), then the other attached ones that are usable; at most three. */
    static List<ComputeEnvironmentDetail> desiredOrder(ComputeEnvironmentDetail ours, boolean oursUsable,
            List<ComputeEnvironmentDetail> attached) {
        List<ComputeEnvironmentDetail> order = new ArrayList<>();
        boolean oursAttached = ours != null && attached.stream()
                .anyMatch(c -> c.computeEnvironmentArn().equals(ours.computeEnvironmentArn()));
        if (oursUsable || oursAttached) {
            order.add(ours);
        }
        attached.stream()
                .filter(c -> ours == null || !c.computeEnvironmentArn().equals(ours.computeEnvironmentArn()))
                .filter(c -> c.status() != CEStatus.INVALID && c.state() == CEState.ENABLED)
                .forEach(order::add);
        return List.copyOf(order.subList(0, Math.min(MAX_CES_PER_QUEUE, order.size())));
    }

    private JobQueueDetail createQueue(String queueName, List<ComputeEnvironmentDetail> desired) {
        try {
            batch.createJobQueue(CreateJobQueueRequest.builder()
                    .jobQueueName(queueName)
                    .state(JQState.ENABLED)
                    .priority(1)
                    .computeEnvironmentOrder(order(desired))
                    .jobStateTimeLimitActions(timeLimitActions())
                    .tags(Map.of("gbo:prefix", config.namePrefix(), "gbo:architecture", "arm64"))
                    .build());
            Log.info("queue.create", "queue", queueName);
        } catch (BatchException e) {
            if (!alreadyExists(e)) {
                throw e;
            }
        }
        return describeQueue(queueName).orElse(null);
    }

    private static List<ComputeEnvironmentOrder> order(List<ComputeEnvironmentDetail> desired) {
        List<ComputeEnvironmentOrder> order = new ArrayList<>();
        for (int i = 0; i < desired.size(); i++) {
            order.add(ComputeEnvironmentOrder.builder().order(i + 1).computeEnvironment(desired.get(i).computeEnvironmentArn()).build());
        }
        return order;
    }

    List<JobStateTimeLimitAction> timeLimitActions() {
        return TIME_LIMIT_REASONS.stream().sorted().map(reason -> JobStateTimeLimitAction.builder()
                .reason(reason)
                .state(JobStateTimeLimitActionsState.RUNNABLE)
                .maxTimeSeconds(config.runnableTimeoutSeconds())
                .action(JobStateTimeLimitActionsAction.CANCEL)
                .build()).toList();
    }

    /** How long a warm function reuses a job definition ARN it found or registered without asking Batch again. */
    static final java.time.Duration JOB_DEFINITION_TTL = java.time.Duration.ofMinutes(5);

    /** name@content hash -> ARN: the definition is content-addressed, so the same request shape maps to the same ARN. */
    private final WarmCache<String, String> knownDefinitions = new WarmCache<>(JOB_DEFINITION_TTL);

    private String ensureJobDefinition(JobRequest request) {
        JobDefinitionSpec spec = JobDefinitionSpec.of(config.namePrefix(), request, config.jobRoleArn(), config.logGroup());
        return knownDefinitions.get(spec.name() + "@" + spec.contentHash(), () -> findOrRegister(spec));
    }

    private String findOrRegister(JobDefinitionSpec spec) {
        Optional<JobDefinition> reusable = batch.describeJobDefinitionsPaginator(DescribeJobDefinitionsRequest.builder()
                        .jobDefinitionName(spec.name()).status("ACTIVE").build())
                .jobDefinitions().stream()
                .filter(d -> spec.contentHash().equals(d.parameters().get(JobDefinitionSpec.HASH_KEY))
                        || spec.contentHash().equals(d.tags().get(JobDefinitionSpec.HASH_KEY)))
                .max(Comparator.comparingInt(JobDefinition::revision));
        if (reusable.isPresent()) {
            return reusable.get().jobDefinitionArn();
        }
        String arn = batch.registerJobDefinition(spec.registerRequest()).jobDefinitionArn();
        Log.info("jobdefinition.register", "jobDefinition", arn, JobDefinitionSpec.HASH_KEY, spec.contentHash());
        return arn;
    }

    private Optional<JobQueueDetail> describeQueue(String name) {
        return batch.describeJobQueues(DescribeJobQueuesRequest.builder().jobQueues(name).build()).jobQueues().stream()
                .filter(q -> q.status() != JQStatus.DELETED)
                .findFirst();
    }

    private Optional<ComputeEnvironmentDetail> describeComputeEnvironment(String name) {
        return batch.describeComputeEnvironments(DescribeComputeEnvironmentsRequest.builder().computeEnvironments(name).build())
                .computeEnvironments().stream().findFirst();
    }

    private List<ComputeEnvironmentDetail> describeComputeEnvironments(List<String> arns) {
        if (arns.isEmpty()) {
            return List.of();
        }
        return batch.describeComputeEnvironments(DescribeComputeEnvironmentsRequest.builder().computeEnvironments(arns).build())
                .computeEnvironments();
    }

    /** Null when the environment is arm64-only EC2/Spot; otherwise what is wrong with it. */
    static String architectureProblem(ComputeEnvironmentDetail ce) {
        ComputeResource resources = ce.computeResources();
        if (resources == null) {
            return "is UNMANAGED, so its architecture cannot be proven arm64";
        }
        if (resources.type() == CRType.FARGATE || resources.type() == CRType.FARGATE_SPOT) {
            return "is " + resources.typeAsString() + " (EC2 and Fargate cannot share a queue)";
        }
        List<String> notArm = resources.instanceTypes().stream().filter(t -> !Architectures.isArm64InstanceType(t)).toList();
        if (resources.instanceTypes().isEmpty()) {
            return "declares no instance types (Batch would pick x86_64 'optimal' types)";
        }
        if (!notArm.isEmpty()) {
            return "uses non-arm64 instance types " + notArm;
        }
        return null;
    }

    static String familyOfEnvironment(ComputeEnvironmentDetail ce) {
        if (ce.computeResources() != null && !ce.computeResources().instanceTypes().isEmpty()) {
            return Architectures.familyOf(ce.computeResources().instanceTypes().get(0));
        }
        return ce.computeEnvironmentName();
    }

    private static boolean alreadyExists(BatchException e) {
        return e.statusCode() == 409 || (e.getMessage() != null && e.getMessage().contains("already exists"));
    }

    static String fixHint(String statusReason) {
        String reason = statusReason == null ? "" : statusReason;
        if (reason.contains("subnet") || reason.contains("Subnet")) {
            return "check SUBNET_IDS: the subnets must exist, have free addresses and a route to ECS/ECR (NAT or VPC endpoints)";
        }
        if (reason.contains("security group") || reason.contains("SecurityGroup")) {
            return "check SECURITY_GROUP_IDS: they must exist in the subnets' VPC";
        }
        if (reason.contains("role") || reason.contains("Role") || reason.contains("instance profile")) {
            return "check INSTANCE_ROLE_ARN: it must be an instance profile with AmazonEC2ContainerServiceforEC2Role,"
                    + " and the Batch service-linked role must exist";
        }
        if (reason.contains("Instance type") || reason.contains("instance type")) {
            return "the instance types are not accepted in this region; remove the family from FAMILY_LADDER";
        }
        return "read the statusReason above and correct the compute environment's subnets, security groups or instance role";
    }
}
