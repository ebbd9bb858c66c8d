package dev.gbo.local.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.batch.BatchModel;
import dev.gbo.local.batch.BatchModel.Attempt;
import dev.gbo.local.batch.BatchModel.ComputeEnvironment;
import dev.gbo.local.batch.BatchModel.Job;
import dev.gbo.local.batch.BatchModel.JobQueue;
import dev.gbo.local.batch.BatchModel.TimeLimitAction;
import dev.gbo.local.batch.JobView;
import dev.gbo.local.core.EventSink;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.ec2.InstanceCatalogue;
import dev.gbo.local.logs.LogsService;
import dev.gbo.local.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The simulated Graviton Batch fleet: compute environment lifecycle (CREATING -> VALID/INVALID),
 * job lifecycle (SUBMITTED -> PENDING -> RUNNABLE -> STARTING -> RUNNING -> SUCCEEDED/FAILED),
 * placement, retries, timeouts, time-limit actions, job output to CloudWatch Logs and
 * "Batch Job State Change" events. Every step is a {@link SimClock} task.
 *
 * <p>Methods named {@code on...} are called by the Batch API with the Batch lock held; they only
 * mutate state and schedule clock tasks. Clock tasks take the lock, mutate, and run their side
 * effects (events, log writes) after releasing it. Every transition is O(1) or O(log n) (clock
 * queue); placement looks only at the head of a queue.
 */
public final class Fleet {

    public static final String LOG_GROUP = "/aws/batch/job";
    public static final String DETAIL_TYPE = "Batch Job State Change";
    /** Published when the head of a queue is blocked: detail = the blocked RUNNABLE job with its status reason. */
    public static final String QUEUE_BLOCKED = "Batch Job Queue Blocked";

    private final SimClock clock;
    private final BatchModel.State state;
    private final Scenario scenario;
    private final ServiceRegistry registry;
    private final LogsService logs;
    private final long startMillis;
    private final Random random;
    private volatile EventSink sink;
    private volatile long sinkCheckedAtNanos = Long.MIN_VALUE;
    private final Map<JobQueue, SimClock.Scheduled> restoreTimers = new HashMap<>();

    public Fleet(SimClock clock, BatchModel.State state, Scenario scenario, ServiceRegistry registry, LogsService logs) {
        this.clock = clock;
        this.state = state;
        this.scenario = scenario;
        this.registry = registry;
        this.logs = logs;
        this.startMillis = clock.millis();
        this.random = clock.random();
    }

    public Scenario scenario() {
        return scenario;
    }

    // ------------------------------------------------------------------ plumbing

    /** Runs {@code body} with the Batch lock held, then its side effects without it. */
    public void locked(Consumer<List<Runnable>> body) {
        List<Runnable> effects = new ArrayList<>();
        state.lock.lock();
        try {
            body.accept(effects);
        } finally {
            state.lock.unlock();
        }
        runEffects(effects);
    }

    public static void runEffects(List<Runnable> effects) {
        for (Runnable r : effects) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("[gbo-fleet] side effect failed: " + e);
            }
        }
    }

    private SimClock.Scheduled after(long seconds, String label, Consumer<List<Runnable>> body) {
        return clock.schedule(Duration.ofSeconds(seconds), label, () -> locked(body));
    }

    private long now() {
        return clock.millis();
    }

    private String hex(int digits) {
        StringBuilder b = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }

    /** A random UUID from the cloud's seeded random (version 4 layout). */
    public String uuid() {
        long hi = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    private EventSink sink() {
        EventSink s = sink;
        if (s != null) {
            return s;
        }
        long t = System.nanoTime();
        if (t - sinkCheckedAtNanos < 50_000_000L && sinkCheckedAtNanos != Long.MIN_VALUE) {
            return null;
        }
        sinkCheckedAtNanos = t;
        try {
            s = registry == null ? null : registry.events();
        } catch (IllegalStateException absent) {
            s = null; // EventBridge is not part of this cloud (yet)
        }
        sink = s;
        return s;
    }

    // ------------------------------------------------------------------ compute environments

    /** A new compute environment: CREATING, then VALID or INVALID. */
    public void onComputeEnvironmentCreated(ComputeEnvironment ce) {
        after(scenario.timing().computeEnvironmentCreateSeconds(), "batch:ce-create " + ce.name, fx -> {
            if (!"CREATING".equals(ce.status)) {
                return;
            }
            settle(ce, fx);
        });
    }

    /** An updated compute environment: UPDATING, then VALID (or INVALID). */
    public void onComputeEnvironmentUpdated(ComputeEnvironment ce) {
        after(Math.max(1, scenario.timing().computeEnvironmentCreateSeconds() / 2), "batch:ce-update " + ce.name, fx -> {
            if (!"UPDATING".equals(ce.status)) {
                return;
            }
            settle(ce, fx);
        });
    }

    private void settle(ComputeEnvironment ce, List<Runnable> fx) {
        if (ce.pendingInvalidReason != null) {
            ce.status = "INVALID";
            ce.statusReason = ce.pendingInvalidReason;
        } else {
            ce.status = "VALID";
            ce.statusReason = "ComputeEnvironment Healthy";
            dispatchQueuesOf(ce, fx);
        }
    }

    /** DELETING, then gone. */
    public void onComputeEnvironmentDeleted(ComputeEnvironment ce) {
        after(5, "batch:ce-delete " + ce.name, fx -> {
            ce.status = "DELETED";
            state.computeEnvironments.remove(ce.name);
        });
    }

    /** A queue was created, enabled, or re-ordered: try to place its head. */
    public void onQueueChanged(JobQueue queue) {
        clock.submit("batch:dispatch " + queue.name, () -> locked(fx -> dispatch(queue, fx)));
    }

    /** DELETING: its jobs are terminated, then it is gone. */
    public void onQueueDeleted(JobQueue queue, List<Runnable> fx) {
        for (Job j : List.copyOf(queue.jobs)) {
            if (!j.terminal()) {
                fail(j, "Job queue deleted", false, true, fx);
            }
        }
        after(5, "batch:queue-delete " + queue.name, f -> {
            queue.status = "DELETED";
            state.queues.remove(queue.name);
            for (ComputeEnvironment ce : queue.order) {
                ce.queues.remove(queue);
            }
        });
    }

    private void dispatchQueuesOf(ComputeEnvironment ce, List<Runnable> fx) {
        List<JobQueue> queues = new ArrayList<>(ce.queues);
        queues.sort((a, b) -> Integer.compare(b.priority, a.priority));
        for (JobQueue q : queues) {
            dispatch(q, fx);
        }
    }

    // ------------------------------------------------------------------ job lifecycle

    /** A submitted job (single or array parent, with its children created): SUBMITTED -> PENDING. */
    public void onSubmitted(Job job) {
        job.next = after(scenario.timing().submittedSeconds(), "batch:pending " + job.id, fx -> toPending(job, fx));
    }

    private void toPending(Job job, List<Runnable> fx) {
        if (!"SUBMITTED".equals(job.status)) {
            return;
        }
        setStatus(job, "PENDING", fx);
        if (job.isArrayParent()) {
            for (Job child : job.children) {
                setStatus(child, "PENDING", fx);
            }
        }
        proceedFromPending(job, fx);
    }

    private void proceedFromPending(Job job, List<Runnable> fx) {
        if (job.terminal()) {
            return;
        }
        if (job.dependencyFailed) {
            fail(job, "Dependent Job failed", false, false, fx);
            return;
        }
        if (job.unresolved > 0) {
            job.waitingForDependencies = true;
            return;
        }
        job.waitingForDependencies = false;
        if (job.isArrayParent()) {
            for (Job child : job.children) {
                proceedFromPending(child, fx);
            }
            return;
        }
        job.next = after(scenario.timing().pendingSeconds(), "batch:runnable " + job.id, f -> toRunnable(job, f));
    }

    private void toRunnable(Job job, List<Runnable> fx) {
        if (!"PENDING".equals(job.status)) {
            return;
        }
        job.statusReason = null;
        setStatus(job, "RUNNABLE", fx);
        enqueue(job, fx);
    }

    private void enqueue(Job job, List<Runnable> fx) {
        job.runnableSince = now();
        job.queue.runnable.addLast(job);
        dispatch(job.queue, fx);
    }

    /** Places jobs from the head of the queue while they fit; a blocked head blocks the queue. */
    private void dispatch(JobQueue queue, List<Runnable> fx) {
        if (!"ENABLED".equals(queue.state) || "DELETED".equals(queue.status)) {
            return;
        }
        while (true) {
            Job head = queue.runnable.peekFirst();
            if (head == null) {
                clearHeadTimer(queue);
                return;
            }
            if (!"RUNNABLE".equals(head.status) || head.placedOn != null) {
                queue.runnable.pollFirst();
                continue;
            }
            Placement p = place(queue, head);
            if (p.ce != null) {
                queue.runnable.pollFirst();
                start(head, p, fx);
                continue;
            }
            blocked(queue, head, p, fx);
            return;
        }
    }

    /** Where a job goes, or why it cannot go anywhere now. */
    record Placement(ComputeEnvironment ce, InstanceCatalogue.InstanceType type, String blockReason, String message,
                     List<String> shortFamilies) {
    }

    Placement place(JobQueue queue, Job job) {
        boolean anyUsable = false;
        boolean anyWithinMax = false;
        boolean anyFit = false;
        boolean full = false;
        List<String> shortTypes = new ArrayList<>();
        List<String> shortFamilies = new ArrayList<>();
        for (ComputeEnvironment ce : queue.order) {
            if (!ce.usable()) {
                continue;
            }
            anyUsable = true;
            if (job.vcpus > ce.maxvCpus) {
                continue;
            }
            anyWithinMax = true;
            if (ce.fargate()) {
                anyFit = true;
                if (ce.usedVcpus + job.vcpus <= ce.maxvCpus) {
                    return new Placement(ce, null, null, null, null);
                }
                full = true;
                continue;
            }
            for (InstanceCatalogue.InstanceType t : ce.instanceTypes) {
                if (t.vcpus() < job.vcpus || t.memoryMiB() < job.memoryMiB) {
                    continue;
                }
                anyFit = true;
                if (hasCapacity(ce, t.family())) {
                    if (ce.usedVcpus + job.vcpus <= ce.maxvCpus) {
                        return new Placement(ce, t, null, null, null);
                    }
                    full = true;
                    break;
                }
                if (!shortFamilies.contains(t.family())) {
                    shortFamilies.add(t.family());
                    shortTypes.add(t.name());
                }
            }
        }
        if (!anyUsable || full) {
            return new Placement(null, null, null, null, null);
        }
        if (!anyWithinMax) {
            return new Placement(null, null, "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
                    "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot "
                            + "meet the CPU requirement of the job.", null);
        }
        if (!anyFit) {
            return new Placement(null, null, "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
                    "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is "
                            + "higher than that can be met by the CE(s) attached to the job queue.", null);
        }
        return new Placement(null, null, "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
                "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY - Service cannot fulfill the capacity requested for instance "
                        + "type [" + String.join(", ", shortTypes) + "]", shortFamilies);
    }

    /** EC2 offers the family in a zone of the CE's subnets and the scenario gives it capacity now. */
    boolean hasCapacity(ComputeEnvironment ce, String family) {
        boolean offered = false;
        for (String zone : ce.zones) {
            if (scenario.familiesOfferedIn(zone).contains(family)) {
                offered = true;
                break;
            }
        }
        return offered && scenario.capacityOf(family).availableAt((now() - startMillis) / 1000);
    }

    private void blocked(JobQueue queue, Job head, Placement p, List<Runnable> fx) {
        String previous = head.statusReason;
        head.statusReason = p.message;
        if (queue.headJob == head && java.util.Objects.equals(previous, p.message)) {
            return; // timer (if any) already set for this head and reason
        }
        clearHeadTimer(queue);
        queue.headJob = head;
        if (p.blockReason == null) {
            return;
        }
        EventSink s = sink();
        if (s != null) {
            ObjectNode event = envelope(head, QUEUE_BLOCKED);
            event.withArray("resources").add(queue.arn);
            fx.add(() -> s.putEvent("default", event));
        }
        for (TimeLimitAction a : queue.timeLimitActions) {
            if (a.reason().equals(p.blockReason) && "RUNNABLE".equals(a.state()) && "CANCEL".equals(a.action())) {
                Instant at = Instant.ofEpochMilli(head.runnableSince + a.maxTimeSeconds() * 1000L);
                String reason = p.blockReason;
                queue.headTimer = clock.scheduleAt(at, "batch:time-limit " + head.id,
                        () -> locked(f -> timeLimitReached(queue, head, reason, f)));
                break;
            }
        }
        if (p.shortFamilies != null && !restoreTimers.containsKey(queue)) {
            long elapsed = (now() - startMillis) / 1000;
            long soonest = Long.MAX_VALUE;
            for (String f : p.shortFamilies) {
                Long r = scenario.capacityOf(f).restoredAfterSeconds();
                if (r != null && r > elapsed) {
                    soonest = Math.min(soonest, r);
                }
            }
            if (soonest != Long.MAX_VALUE) {
                restoreTimers.put(queue, clock.scheduleAt(Instant.ofEpochMilli(startMillis + soonest * 1000),
                        "batch:capacity-restored " + queue.name, () -> locked(f -> {
                            restoreTimers.remove(queue);
                            dispatch(queue, f);
                        })));
            }
        }
    }

    private void clearHeadTimer(JobQueue queue) {
        if (queue.headTimer != null) {
            queue.headTimer.cancel();
            queue.headTimer = null;
        }
        queue.headJob = null;
    }

    private void timeLimitReached(JobQueue queue, Job head, String reason, List<Runnable> fx) {
        if (queue.headJob != head || !"RUNNABLE".equals(head.status) || head.placedOn != null) {
            return;
        }
        queue.headTimer = null;
        Placement p = place(queue, head);
        if (p.ce != null || !reason.equals(p.blockReason)) {
            dispatch(queue, fx);
            return;
        }
        queue.headJob = null;
        fail(head, p.message, true, false, fx);
        dispatch(queue, fx);
    }

    private void start(Job job, Placement p, List<Runnable> fx) {
        ComputeEnvironment ce = p.ce;
        boolean cold = ce.usedVcpus == 0;
        job.placedOn = ce;
        job.reservedVcpus = job.vcpus;
        ce.usedVcpus += job.vcpus;
        ce.runningJobs++;
        if (job.queue.headJob == job) {
            clearHeadTimer(job.queue);
        }
        Attempt a = new Attempt();
        a.computeEnvironment = ce.name;
        a.instanceType = p.type == null ? null : p.type.name();
        a.architecture = p.type != null ? p.type.architecture()
                : "ARM64".equalsIgnoreCase(job.runtimeArchitecture) ? "arm64" : "x86_64";
        a.taskId = hex(32);
        String cluster = ce.ecsClusterArn.substring(ce.ecsClusterArn.indexOf('/') + 1);
        a.taskArn = "arn:aws:ecs:" + state.region + ":" + state.accountId + ":task/" + cluster + "/" + a.taskId;
        a.containerInstanceArn = ce.fargate() ? null
                : "arn:aws:ecs:" + state.region + ":" + state.accountId + ":container-instance/" + cluster + "/" + hex(32);
        a.instanceId = "i-0" + hex(16);
        a.logStreamName = job.jobDefinitionName() + "/default/" + a.taskId;
        Scenario.JobBehaviour b = scenario.behaviourFor(job.name, job.image);
        a.outcome = b == null ? Scenario.Outcome.succeed() : b.outcome(job.attempts.size() + 1);
        job.current = a;
        long launch = cold ? scenario.timing().instanceLaunchSeconds() : 1;
        job.next = after(launch, "batch:starting " + job.id, f -> toStarting(job, f));
    }

    private void toStarting(Job job, List<Runnable> fx) {
        if (!"RUNNABLE".equals(job.status) || job.current == null) {
            return;
        }
        job.statusReason = null;
        setStatus(job, "STARTING", fx);
        Scenario.OutcomeType type = job.current.outcome.type();
        long starting = scenario.timing().startingSeconds();
        if (type == Scenario.OutcomeType.NO_MATCHING_MANIFEST) {
            job.next = after(starting, "batch:pull-failed " + job.id, f -> finishAttempt(job, f));
        } else {
            job.next = after(starting, "batch:running " + job.id, f -> toRunning(job, f));
        }
    }

    private void toRunning(Job job, List<Runnable> fx) {
        if (!"STARTING".equals(job.status) || job.current == null) {
            return;
        }
        long t = now();
        job.current.startedAt = t;
        if (job.startedAt == null) {
            job.startedAt = t;
        }
        if (job.parent != null && job.parent.startedAt == null) {
            job.parent.startedAt = t;
        }
        setStatus(job, "RUNNING", fx);
        if (job.timeoutSeconds != null) {
            Attempt attempt = job.current;
            job.timeoutTask = after(job.timeoutSeconds, "batch:timeout " + job.id, f -> {
                if (job.current == attempt && "RUNNING".equals(job.status)) {
                    endAttempt(job, null, null, "Job attempt duration exceeded timeout", List.of(), false, f);
                }
            });
        }
        Scenario.Outcome o = job.current.outcome;
        if (o.type() == Scenario.OutcomeType.HANG) {
            return;
        }
        long duration = o.durationSeconds() != null ? o.durationSeconds() : scenario.timing().runSeconds();
        job.next = after(duration, "batch:exit " + job.id, f -> finishAttempt(job, f));
    }

    /** The attempt ends as its scenario outcome says. */
    private void finishAttempt(Job job, List<Runnable> fx) {
        Attempt a = job.current;
        if (a == null || job.terminal()) {
            return;
        }
        Scenario.Outcome o = a.outcome;
        String arch = "arm64".equals(a.architecture) ? "aarch64" : "x86_64";
        Map<String, String> env = environment(job, a, arch);
        Integer exit;
        String reason = o.reason();
        String statusReason;
        List<String> lines;
        switch (o.type()) {
            case SUCCEED -> {
                exit = 0;
                statusReason = "Essential container in task exited";
                lines = o.logLines() != null ? expand(o.logLines(), env)
                        : List.of("{\"arch\": \"" + arch + "\", \"job_id\": \"" + job.id + "\", \"job_attempt\": \""
                                + (job.attempts.size() + 1) + "\"}");
            }
            case HOST_LOSS, SPOT -> {
                exit = o.exitCode();
                statusReason = "Host EC2 (instance " + a.instanceId + ") terminated.";
                lines = o.logLines() != null ? expand(o.logLines(), env) : List.of();
            }
            case EXEC_FORMAT_ERROR -> {
                exit = 1;
                statusReason = "Essential container in task exited";
                lines = o.logLines() != null ? expand(o.logLines(), env)
                        : List.of("exec /usr/local/bin/python: exec format error");
            }
            case NO_MATCHING_MANIFEST -> {
                exit = null;
                if (reason == null) {
                    reason = "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to "
                            + "resolve ref " + job.image + ": no matching manifest for linux/arm64/v8 in the "
                            + "manifest list entries";
                    if (reason.length() > 255) {
                        reason = reason.substring(0, 255);
                    }
                }
                statusReason = reason;
                lines = List.of();
            }
            case OUT_OF_MEMORY -> {
                exit = 137;
                if (reason == null) {
                    reason = "OutOfMemoryError: Container killed due to memory usage";
                }
                statusReason = reason;
                lines = o.logLines() != null ? expand(o.logLines(), env) : List.of();
            }
            case AGENT_ERROR -> {
                exit = o.exitCode();
                if (reason == null) {
                    reason = "CannotInspectContainerError: Could not transition to inspecting; timed out after "
                            + "waiting 30s";
                }
                statusReason = reason;
                lines = List.of();
            }
            default -> { // EXIT
                exit = o.exitCode() != null ? o.exitCode() : 1;
                statusReason = "Essential container in task exited";
                lines = o.logLines() != null ? expand(o.logLines(), env) : List.of();
            }
        }
        endAttempt(job, exit, reason, statusReason, lines, false, fx);
    }

    private Map<String, String> environment(Job job, Attempt a, String arch) {
        Map<String, String> env = new HashMap<>(job.environment);
        env.put("AWS_BATCH_JOB_ID", job.id);
        env.put("AWS_BATCH_JOB_ATTEMPT", Integer.toString(job.attempts.size() + 1));
        env.put("AWS_BATCH_JQ_NAME", job.queue.name);
        env.put("AWS_BATCH_CE_NAME", a.computeEnvironment);
        if (job.arrayIndex != null) {
            env.put("AWS_BATCH_JOB_ARRAY_INDEX", job.arrayIndex.toString());
        }
        env.put("ARCH", arch);
        return env;
    }

    /** The environment Batch gives the current attempt's container (AWS_BATCH_* included); for tests. */
    public Map<String, String> containerEnvironment(Job job) {
        Attempt a = job.current;
        if (a == null) {
            return Map.of();
        }
        Map<String, String> env = environment(job, a, "arm64".equals(a.architecture) ? "aarch64" : "x86_64");
        env.remove("ARCH");
        return env;
    }

    static List<String> expand(List<String> lines, Map<String, String> env) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String s = line;
            int i;
            while ((i = s.indexOf("${")) >= 0) {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    break;
                }
                String name = s.substring(i + 2, end);
                s = s.substring(0, i) + env.getOrDefault(name, "") + s.substring(end + 1);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Ends the current attempt: records it, writes its output, then retries (RUNNABLE again),
     * succeeds or fails the job.
     */
    private void endAttempt(Job job, Integer exit, String reason, String statusReason, List<String> lines,
                            boolean noRetry, List<Runnable> fx) {
        Attempt a = job.current;
        cancelTasks(job);
        release(job, fx);
        long t = now();
        if (a.startedAt == null) {
            a.startedAt = t;
        }
        a.stoppedAt = t;
        a.exitCode = exit;
        a.reason = reason;
        a.statusReason = statusReason;
        job.attempts.add(a);
        job.current = null;
        if (!lines.isEmpty() && logs != null) {
            String stream = a.logStreamName;
            long ts = a.startedAt;
            fx.add(() -> logs.append(LOG_GROUP, stream, lines, ts));
        }
        if (exit != null && exit == 0) {
            complete(job, "SUCCEEDED", statusReason, fx);
            return;
        }
        if (!noRetry && job.attempts.size() < job.maxAttempts
                && RetryPolicy.decide(job.evaluateOnExit, statusReason, reason, exit) == RetryPolicy.Decision.RETRY) {
            job.statusReason = null;
            setStatus(job, "RUNNABLE", fx);
            enqueue(job, fx);
            return;
        }
        complete(job, "FAILED", statusReason, fx);
    }

    private void cancelTasks(Job job) {
        if (job.next != null) {
            job.next.cancel();
            job.next = null;
        }
        if (job.timeoutTask != null) {
            job.timeoutTask.cancel();
            job.timeoutTask = null;
        }
    }

    private void release(Job job, List<Runnable> fx) {
        ComputeEnvironment ce = job.placedOn;
        if (ce == null) {
            return;
        }
        ce.usedVcpus -= job.reservedVcpus;
        ce.runningJobs--;
        job.reservedVcpus = 0;
        job.placedOn = null;
        fx.add(() -> clock.submit("batch:dispatch " + ce.name, () -> locked(f -> dispatchQueuesOf(ce, f))));
    }

    /**
     * Fails a job now without retry: cancel (SUBMITTED..RUNNABLE), terminate (any state), a
     * time-limit action, a failed dependency. Array parents fail their unfinished children.
     */
    public void fail(Job job, String reason, boolean cancelled, boolean terminated, List<Runnable> fx) {
        if (job.terminal()) {
            return;
        }
        job.cancelled |= cancelled;
        job.terminated |= terminated;
        if (job.isArrayParent()) {
            cancelTasks(job);
            boolean any = false;
            for (Job child : job.children) {
                if (!child.terminal()) {
                    any = true;
                    fail(child, reason, cancelled, terminated, fx);
                }
            }
            if (!any || !job.terminal()) {
                complete(job, "FAILED", reason, fx);
            }
            return;
        }
        Attempt a = job.current;
        cancelTasks(job);
        release(job, fx);
        if (a != null && ("STARTING".equals(job.status) || "RUNNING".equals(job.status))) {
            long t = now();
            if (a.startedAt == null) {
                a.startedAt = t;
            }
            a.stoppedAt = t;
            a.statusReason = reason;
            job.attempts.add(a);
        }
        job.current = null;
        complete(job, "FAILED", reason, fx);
        JobQueue queue = job.queue;
        fx.add(() -> onQueueChanged(queue)); // the next job may now be the head
    }

    private void complete(Job job, String status, String statusReason, List<Runnable> fx) {
        if (job.terminal()) {
            return;
        }
        job.statusReason = statusReason;
        job.stoppedAt = now();
        if (job.queue.headJob == job) {
            clearHeadTimer(job.queue);
        }
        setStatus(job, status, fx);
        if (job.dependents != null) {
            for (Job d : job.dependents) {
                if ("SUCCEEDED".equals(status)) {
                    d.unresolved--;
                    if (d.unresolved == 0 && d.waitingForDependencies) {
                        proceedFromPending(d, fx);
                    }
                } else {
                    d.dependencyFailed = true;
                    if (d.waitingForDependencies) {
                        proceedFromPending(d, fx);
                    }
                }
            }
        }
        Job parent = job.parent;
        if (parent != null && !parent.terminal()) {
            int done = parent.childCounts[BatchModel.statusIndex("SUCCEEDED")]
                    + parent.childCounts[BatchModel.statusIndex("FAILED")];
            if (done == parent.arraySize) {
                boolean failed = parent.childCounts[BatchModel.statusIndex("FAILED")] > 0;
                complete(parent, failed ? "FAILED" : "SUCCEEDED",
                        failed ? (parent.statusReason != null ? parent.statusReason : "Array Child Job failed") : null,
                        fx);
            }
        }
    }

    private void setStatus(Job job, String status, List<Runnable> fx) {
        String old = job.status;
        if (job.parent != null) {
            job.parent.childCounts[BatchModel.statusIndex(old)]--;
            job.parent.childCounts[BatchModel.statusIndex(status)]++;
        }
        job.status = status;
        EventSink s = sink();
        if (s != null) {
            ObjectNode event = envelope(job, DETAIL_TYPE);
            fx.add(() -> s.putEvent("default", event));
        }
    }

    private ObjectNode envelope(Job job, String detailType) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", uuid());
        e.put("detail-type", detailType);
        e.put("source", "aws.batch");
        e.put("account", state.accountId);
        e.put("time", Instant.ofEpochMilli(now()).truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", state.region);
        e.putArray("resources").add(job.arn);
        e.set("detail", JobView.detail(job));
        return e;
    }
}
