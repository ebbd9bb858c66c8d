package dev.gbo.local.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A scenario: the world the local cloud simulates (format in {@code docs/scenarios.md}, examples in
 * {@code scenarios/*.json}). Immutable; load with {@link ScenarioLoader}. Every list and map is
 * non-null (empty when absent) and every default is filled in by the loader, so consumers never
 * check for null except where a member says "null = ...".
 *
 * @param name short name (file name without extension when absent)
 * @param description free text
 * @param seed random seed for the cloud (null = the builder's seed)
 * @param start virtual clock start (null = the builder's start)
 * @param region the region the cloud simulates
 * @param zones availability zones of the region, in order
 * @param subnets subnets (each in one zone)
 * @param offerings zone name -> instance families EC2 offers there (DescribeInstanceTypeOfferings)
 * @param batchAcceptedFamilies families AWS Batch accepts in CreateComputeEnvironment for the region
 * @param capacity family -> capacity; a family absent here has capacity
 * @param computeEnvironmentFaults compute environments forced INVALID
 * @param jobs per-job behaviour, first matching entry wins; no match = {@link Outcome#succeed() succeed}
 * @param eventFaults faults applied to event delivery (by EventBridge)
 * @param apiFaults faults applied to API calls (throttling, 5xx)
 * @param timing simulated durations
 * @param throttling request-rate throttling of the APIs on the wire (AWS's defaults unless overridden)
 * @param lambdaFaults faults of Lambda invocations (crash after the handler ran)
 */
public record Scenario(
        String name,
        String description,
        Long seed,
        Instant start,
        String region,
        List<Zone> zones,
        List<Subnet> subnets,
        Map<String, List<String>> offerings,
        List<String> batchAcceptedFamilies,
        Map<String, Capacity> capacity,
        List<ComputeEnvironmentFault> computeEnvironmentFaults,
        List<JobBehaviour> jobs,
        EventFaults eventFaults,
        List<ApiFault> apiFaults,
        Timing timing,
        Throttling throttling,
        List<LambdaFault> lambdaFaults) {

    /** Families of the built-in catalogue, offered and accepted by default (ARM first). */
    public static final List<String> DEFAULT_FAMILIES = List.of(
            "m9g", "m8g", "m7g", "m6g", "c8g", "c7g", "c6g", "r8g", "r7g", "m7i", "m6i", "c7i", "c6i", "r7i");

    public Scenario {
        Objects.requireNonNull(region, "region");
        zones = List.copyOf(zones);
        subnets = List.copyOf(subnets);
        offerings = Map.copyOf(offerings);
        batchAcceptedFamilies = List.copyOf(batchAcceptedFamilies);
        capacity = Map.copyOf(capacity);
        computeEnvironmentFaults = List.copyOf(computeEnvironmentFaults);
        jobs = List.copyOf(jobs);
        apiFaults = List.copyOf(apiFaults);
        Objects.requireNonNull(eventFaults, "eventFaults");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(throttling, "throttling");
        lambdaFaults = List.copyOf(lambdaFaults);
    }

    /** The world of the seed article with everything available: us-east-1a/b/c, two subnets, all families. */
    public static Scenario defaults() {
        return ScenarioLoader.parse("{}", "default");
    }

    /** Families offered in {@code zone} (empty for an unknown zone). */
    public List<String> familiesOfferedIn(String zone) {
        return offerings.getOrDefault(zone, List.of());
    }

    public boolean batchAccepts(String family) {
        return batchAcceptedFamilies.contains(family);
    }

    /** Capacity of a family: {@link Capacity#AVAILABLE} when the scenario does not name it. */
    public Capacity capacityOf(String family) {
        return capacity.getOrDefault(family, Capacity.AVAILABLE);
    }

    /** The first behaviour matching a job's name or image, or null. */
    public JobBehaviour behaviourFor(String jobName, String image) {
        for (JobBehaviour b : jobs) {
            if (b.matches(jobName, image)) {
                return b;
            }
        }
        return null;
    }

    /** An availability zone: {@code us-east-1a} with id {@code use1-az1}. */
    public record Zone(String name, String zoneId) {
    }

    public record Subnet(String subnetId, String vpcId, String availabilityZone, String cidrBlock) {
    }

    /**
     * Capacity of one family. {@code available=false} is a shortage: jobs that can only be placed on
     * this family stay RUNNABLE. {@code restoredAfterSeconds} (null = never) ends the shortage that
     * many seconds after the cloud started.
     */
    public record Capacity(boolean available, Long restoredAfterSeconds) {
        public static final Capacity AVAILABLE = new Capacity(true, null);

        /** Whether there is capacity {@code secondsSinceStart} seconds after the start. */
        public boolean availableAt(long secondsSinceStart) {
            return available || (restoredAfterSeconds != null && secondsSinceStart >= restoredAfterSeconds);
        }
    }

    /** Compute environments whose name matches the glob become INVALID with {@code statusReason}. */
    public record ComputeEnvironmentFault(String computeEnvironment, String statusReason) {
    }

    /**
     * What happens to a job: the entry matches when every given glob matches ({@code jobName},
     * {@code image}); {@code attempts} lists the outcome of attempt 1, 2, ...; attempts past the
     * list repeat its last entry.
     */
    public record JobBehaviour(String jobName, String image, List<Outcome> attempts) {
        public JobBehaviour {
            attempts = List.copyOf(attempts);
        }

        public boolean matches(String name, String img) {
            return (jobName == null || Glob.matches(jobName, name))
                    && (image == null || (img != null && Glob.matches(image, img)));
        }

        /** Outcome of the 1-based attempt. */
        public Outcome outcome(int attempt) {
            return attempts.get(Math.min(attempt, attempts.size()) - 1);
        }
    }

    /** The kinds of attempt outcome. */
    public enum OutcomeType {
        /** exit 0 after {@code durationSeconds}, printing {@code logLines} (default: the seed app's line). */
        SUCCEED("succeed"),
        /** the host is lost: {@code Host EC2 (instance i-...) terminated.}, no exit code. */
        HOST_LOSS("hostLoss"),
        /** a Spot interruption: same strings as hostLoss (Batch reports Spot reclaims that way). */
        SPOT("spot"),
        /** amd64-only image on arm64: log {@code exec /usr/local/bin/python: exec format error}, exit 1. */
        EXEC_FORMAT_ERROR("execFormatError"),
        /** CannotPullContainerError ... no matching manifest for linux/arm64/v8 ..., no exit code. */
        NO_MATCHING_MANIFEST("noMatchingManifest"),
        /** exit 137, reason {@code OutOfMemoryError: Container killed due to memory usage}. */
        OUT_OF_MEMORY("outOfMemory"),
        /** exit {@code exitCode} (default 1) after printing {@code logLines}. */
        EXIT("exit"),
        /** ECS agent trouble: container reason {@code reason} (default CannotInspectContainerError), no exit code. */
        AGENT_ERROR("agentError"),
        /** never finishes (until a timeout, cancel or terminate). */
        HANG("hang");

        private final String wire;

        OutcomeType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static OutcomeType fromWire(String s) {
            for (OutcomeType t : values()) {
                if (t.wire.equals(s)) {
                    return t;
                }
            }
            return null;
        }

        public static Set<String> wireNames() {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            for (OutcomeType t : values()) {
                names.add(t.wire);
            }
            return names;
        }
    }

    /**
     * The outcome of one attempt.
     *
     * @param type what happens
     * @param durationSeconds seconds the container runs before the outcome (null = the timing default)
     * @param exitCode exit code for {@code exit} (null = the type's own)
     * @param reason container reason override (null = the type's own)
     * @param logLines lines printed to the job's log stream; {@code ${AWS_BATCH_JOB_ID}},
     *     {@code ${AWS_BATCH_JOB_ATTEMPT}}, {@code ${ARCH}} and other environment names are expanded
     *     (null = the type's own)
     */
    public record Outcome(OutcomeType type, Long durationSeconds, Integer exitCode, String reason,
                          List<String> logLines) {
        public static Outcome succeed() {
            return new Outcome(OutcomeType.SUCCEED, null, null, null, null);
        }
    }

    /**
     * Faults of event delivery, applied by the EventBridge service to every event it delivers to a
     * target. Probabilities are 0..1, drawn from the cloud's seeded random.
     *
     * @param duplicate probability an event is delivered twice
     * @param reorder probability an event is held back by {@code reorderDelaySeconds} so later ones overtake it
     * @param reorderDelaySeconds how long a reordered event is held back
     * @param delay probability an event is delayed by up to {@code maxDelaySeconds}
     * @param maxDelaySeconds upper bound of a random delay
     * @param drop probability an event is lost (never delivered)
     * @param detailTypes the detail-types the faults apply to (empty = all)
     */
    public record EventFaults(double duplicate, double reorder, long reorderDelaySeconds, double delay,
                              long maxDelaySeconds, double drop, List<String> detailTypes) {
        public static final EventFaults NONE = new EventFaults(0, 0, 0, 0, 0, 0, List.of());

        public EventFaults {
            detailTypes = List.copyOf(detailTypes);
        }

        public boolean any() {
            return duplicate > 0 || reorder > 0 || delay > 0 || drop > 0;
        }

        public boolean appliesTo(String detailType) {
            return detailTypes.isEmpty() || detailTypes.contains(detailType);
        }
    }

    /**
     * A fault of API calls: calls to {@code service} (signing name) whose operation matches the
     * glob {@code operation} fail with {@code code}/{@code status}, each with {@code probability},
     * at most {@code count} times (null = unbounded), starting with the {@code afterCalls}+1-th
     * matching call. Apply with {@link ApiFaultInjector}.
     */
    public record ApiFault(String service, String operation, String code, int status, String message,
                           double probability, Integer count, int afterCalls) {
    }

    /**
     * Simulated durations in seconds.
     *
     * @param computeEnvironmentCreateSeconds CREATING -> VALID/INVALID
     * @param submittedSeconds SUBMITTED -> PENDING
     * @param pendingSeconds PENDING -> RUNNABLE
     * @param instanceLaunchSeconds RUNNABLE -> STARTING (an instance is launched)
     * @param startingSeconds STARTING -> RUNNING (image pull, container start)
     * @param runSeconds RUNNING -> done, when the outcome has no duration
     * @param submitJobTps SubmitJob calls per second of clock time before 429 TooManyRequestsException
     */
    public record Timing(long computeEnvironmentCreateSeconds, long submittedSeconds, long pendingSeconds,
                         long instanceLaunchSeconds, long startingSeconds, long runSeconds, int submitJobTps) {
        public static final Timing DEFAULT = new Timing(20, 1, 1, 45, 15, 30, 50);
    }

    /**
     * Throttling of the APIs on the wire. {@code enabled=false} turns it off; {@code rates} overrides
     * AWS's default buckets (dev.gbo.local.core.RateLimits): key {@code api} (all of its buckets) or
     * {@code api:Operation} (a bucket of its own for that operation).
     */
    public record Throttling(boolean enabled, Map<String, ThrottleRate> rates) {
        public static final Throttling DEFAULT = new Throttling(true, Map.of());

        public Throttling {
            rates = Map.copyOf(rates);
        }
    }

    /** A token bucket of {@code bucketSize} tokens refilled at {@code refillPerSecond}; {@code off}: not throttled. */
    public record ThrottleRate(double bucketSize, double refillPerSecond, boolean off) {
    }

    /**
     * A fault of Lambda invocations: for functions whose name or template logical id matches the glob
     * {@code function}, the handler runs fully (its side effects happen) and then the runtime crashes
     * ({@code Runtime.ExitError}), each matching invocation with {@code probability}, at most
     * {@code count} times (null = unbounded), starting with the {@code afterCalls}+1-th matching invocation.
     */
    public record LambdaFault(String function, double probability, Integer count, int afterCalls) {
    }
}
