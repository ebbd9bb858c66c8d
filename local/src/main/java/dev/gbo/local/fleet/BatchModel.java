package dev.gbo.local.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.ec2.InstanceCatalogue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run model of the local AWS Batch: compute environments, job queues, job definitions, jobs and
 * their attempts. The objects are owned by the Batch store ({@link FleetStore}): they are read and
 * changed only under the store's lock, by the Batch operations and by the {@link Fleet}.
 */
public final class BatchModel {
    private BatchModel() {
    }

    /** A compute environment. */
    public static final class ComputeEnvironment {
        public String name;
        public String arn;
        public String uuid;
        public String type; // MANAGED | UNMANAGED
        public CEState state;
        public CEStatus status;
        public String statusReason;
        public ObjectNode computeResources; // as given (echoed), null for UNMANAGED
        public String serviceRole;
        public String ecsClusterArn;
        public ObjectNode tags = Json.object();
        public ObjectNode updatePolicy;
        public String computeType; // EC2 | SPOT | FARGATE | FARGATE_SPOT, null for UNMANAGED
        public String allocationStrategy;
        public String architecture; // arm64 | x86_64 | null (Fargate, unmanaged)
        public List<InstanceCatalogue.InstanceType> instanceTypes = List.of(); // expanded, smallest first
        public List<String> zones = List.of(); // zones of its subnets
        public int maxvCpus;
        public int usedVcpus;
        public int runningJobs;
        public final List<JobQueue> queues = new ArrayList<>();
        public String pendingInvalidReason; // decided at creation, applied when CREATING ends

        public boolean fargate() {
            return computeType != null && computeType.startsWith("FARGATE");
        }

        public boolean usable() {
            return status == CEStatus.VALID && state == CEState.ENABLED && computeResources != null;
        }
    }

    /** A time-limit action of a queue. */
    public record TimeLimitAction(String reason, String state, int maxTimeSeconds, String action) {
    }

    /** A job queue. */
    public static final class JobQueue {
        public String name;
        public String arn;
        public JQState state;
        public JQStatus status;
        public String statusReason;
        public int priority;
        public final List<ComputeEnvironment> order = new ArrayList<>();
        public final List<Integer> orderNumbers = new ArrayList<>();
        public List<TimeLimitAction> timeLimitActions = List.of();
        public ObjectNode tags = Json.object();
        public String jobQueueType;
        public String schedulingPolicyArn;
        public long createdSeq;
        /** Jobs waiting for placement, FIFO; may contain jobs that left RUNNABLE (skipped lazily). */
        public final ArrayDeque<Job> runnable = new ArrayDeque<>();
        /** Top-level jobs in submission order (ListJobs). */
        public final List<Job> jobs = new ArrayList<>();
        public Job headJob; // the head whose time-limit timer is set
        public SimClock.Scheduled headTimer;
    }

    /** One revision of a job definition. */
    public static final class JobDefinition {
        public String name;
        public int revision;
        public String arn;
        public String status = "ACTIVE";
        public ObjectNode json; // the DescribeJobDefinitions object
        public ObjectNode containerProperties;
        public ObjectNode parameters = Json.object();
        public JsonNode retryStrategy;
        public JsonNode timeout;
        public ObjectNode tags = Json.object();
        public boolean propagateTags;
        public List<String> platformCapabilities = List.of("EC2");
    }

    /** One attempt of a job. */
    public static final class Attempt {
        public String computeEnvironment;
        public String instanceType;
        public String architecture;
        public String containerInstanceArn;
        public String taskArn;
        public String taskId;
        public String instanceId;
        public String logStreamName;
        public Long startedAt;
        public Long stoppedAt;
        public Integer exitCode;
        public String reason;
        public String statusReason;
        public dev.gbo.local.scenario.Scenario.Outcome outcome;

        public ObjectNode toJson() {
            ObjectNode a = Json.object();
            ObjectNode c = a.putObject("container");
            if (containerInstanceArn != null) {
                c.put("containerInstanceArn", containerInstanceArn);
            }
            if (taskArn != null) {
                c.put("taskArn", taskArn);
            }
            if (exitCode != null) {
                c.put("exitCode", exitCode);
            }
            if (reason != null) {
                c.put("reason", reason);
            }
            if (logStreamName != null) {
                c.put("logStreamName", logStreamName);
            }
            c.putArray("networkInterfaces");
            if (startedAt != null) {
                a.put("startedAt", startedAt);
            }
            if (stoppedAt != null) {
                a.put("stoppedAt", stoppedAt);
            }
            if (statusReason != null) {
                a.put("statusReason", statusReason);
            }
            return a;
        }
    }

    /** A job: a single job, an array parent, or an array child ({@code <parent id>:<index>}). */
    public static final class Job {
        /**
         * Makes this job wait for {@code dependency} as Batch does (SubmitJob, and a durable cloud's restore): nothing
         * when it has already succeeded, a failed dependency fails this job, otherwise one more unresolved dependency.
         */
        public void dependOn(Job dependency) {
            if (dependency.status == JobStatus.SUCCEEDED) {
                return;
            }
            if (dependency.status == JobStatus.FAILED) {
                dependencyFailed = true;
                return;
            }
            unresolved++;
            if (dependency.dependents == null) {
                dependency.dependents = new java.util.ArrayList<>(2);
            }
            dependency.dependents.add(this);
        }

        public String id;
        public String arn;
        public String name;
        public JobQueue queue;
        public JobDefinition definition;
        public long createdAt;
        public JobStatus status = JobStatus.SUBMITTED;
        public String statusReason;
        public Long startedAt;
        public Long stoppedAt;
        public ObjectNode parameters = Json.object();
        public String image;
        public List<String> command = List.of();
        public Map<String, String> environment = new LinkedHashMap<>();
        public int vcpus;
        public int memoryMiB;
        public ArrayNode resourceRequirements;
        public String runtimeArchitecture; // Fargate runtimePlatform.cpuArchitecture
        public int maxAttempts = 1;
        public JsonNode evaluateOnExit; // array or null
        public JsonNode retryStrategyJson;
        public Integer timeoutSeconds;
        public ObjectNode tags = Json.object();
        public boolean propagateTags;
        public List<String> platformCapabilities = List.of("EC2");
        public ArrayNode dependsOnJson = Json.array();
        public String schedulingPriority;
        public String shareIdentifier;
        // array jobs
        public int arraySize; // parent: size; others 0
        public Integer arrayIndex; // child: index
        public Job parent;
        public List<Job> children;
        public final int[] childCounts = new int[JobStatus.values().length]; // by status ordinal, parents only
        // dependencies
        public int unresolved;
        public List<Job> dependents;
        public boolean waitingForDependencies;
        // attempts and run state
        public final List<Attempt> attempts = new ArrayList<>();
        public Attempt current;
        public ComputeEnvironment placedOn;
        public int reservedVcpus;
        public long runnableSince;
        /** Its place in the order jobs lined up as RUNNABLE (across a durable cloud's runs): a restart lines them up again by it. */
        public long lineSeq;
        public SimClock.Scheduled next; // the pending lifecycle step
        public SimClock.Scheduled timeoutTask;
        public boolean cancelled;
        public boolean terminated;
        public boolean dependencyFailed;

        public boolean terminal() {
            return status.terminal();
        }

        public boolean isArrayParent() {
            return arraySize > 0;
        }

        public String jobDefinitionName() {
            return definition.name;
        }
    }
}
