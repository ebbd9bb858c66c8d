package dev.gbo.local.fleet;

import dev.gbo.local.fleet.BatchModel.Attempt;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.BatchModel.TimeLimitAction;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.logs.LogsService;
import dev.gbo.local.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
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
 * <p>Methods named {@code on...} are called by the Batch operations inside the store's
 * {@link FleetStore#atomically}; they only mutate the run model and schedule clock tasks. Clock tasks
 * run inside {@link FleetStore#atomically} too, so their side effects (events, log writes) run after
 * the lock is released. Every transition is O(1) or O(log n) (clock
 * queue); placement looks only at the head of a queue.
 */
public final class Fleet {

    public static final String LOG_GROUP = "/aws/batch/job";
    public static final String DETAIL_TYPE = "Batch Job State Change";
    /** Published when the head of a queue is blocked: detail = the blocked RUNNABLE job with its status reason. */
    public static final String QUEUE_BLOCKED = "Batch Job Queue Blocked";

    private final SimClock clock;
    private final FleetStore store;
    private final Scenario scenario;
    private final JobEvents events;
    private final LogsService logs;
    private final long startMillis;
    private final Random random;
    private final Map<JobQueue, SimClock.Scheduled> restoreTimers = new HashMap<>();
    /** How many times a job lined up as RUNNABLE ({@link Job#lineSeq}). */
    long lined;

    public Fleet(SimClock clock, FleetStore store, Scenario scenario, ServiceRegistry registry, LogsService logs) {
        this.clock = clock;
        this.store = store;
        this.scenario = scenario;
        this.logs = logs;
        this.startMillis = clock.millis();
        this.random = clock.random();
        this.events = new JobEvents(clock, store, registry, this::uuid);
    }

    public Scenario scenario() {
        return scenario;
    }

    // ------------------------------------------------------------------ plumbing

    /** Runs {@code body} with the store's lock held, then its side effects without it. */
    void locked(Consumer<List<Runnable>> body) {
        store.atomically(body);
    }

    SimClock.Scheduled after(long seconds, String label, Consumer<List<Runnable>> body) {
        return clock.schedule(Duration.ofSeconds(seconds), label, () -> locked(body));
    }

    private long elapsedSeconds() {
        return (now() - startMillis) / 1000;
    }

    long now() {
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

    // ------------------------------------------------------------------ compute environments

    /** A new compute environment: CREATING, then VALID or INVALID. */
    public void onComputeEnvironmentCreated(ComputeEnvironment ce) {
        after(scenario.timing().computeEnvironmentCreateSeconds(), "batch:ce-create " + ce.name, fx -> {
            if (ce.status != CEStatus.CREATING) {
                return;
            }
            settle(ce, fx);
        });
    }

    /** An updated compute environment: UPDATING, then VALID (or INVALID). */
    public void onComputeEnvironmentUpdated(ComputeEnvironment ce) {
        after(Math.max(1, scenario.timing().computeEnvironmentCreateSeconds() / 2), "batch:ce-update " + ce.name, fx -> {
            if (ce.status != CEStatus.UPDATING) {
                return;
            }
            settle(ce, fx);
        });
    }

    private void settle(ComputeEnvironment ce, List<Runnable> fx) {
        if (ce.pendingInvalidReason != null) {
            ce.status = CEStatus.INVALID;
            ce.statusReason = ce.pendingInvalidReason;
        } else {
            ce.status = CEStatus.VALID;
            ce.statusReason = "ComputeEnvironment Healthy";
            dispatchQueuesOf(ce, fx);
        }
    }

    /** DELETING, then gone. */
    public void onComputeEnvironmentDeleted(ComputeEnvironment ce) {
        after(5, "batch:ce-delete " + ce.name, fx -> {
            ce.status = CEStatus.DELETED;
            store.removeComputeEnvironment(ce);
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
            queue.status = JQStatus.DELETED;
            store.removeJobQueue(queue);
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
        if (job.status != JobStatus.SUBMITTED) {
            return;
        }
        transition(job, JobStatus.PENDING, fx);
        if (job.isArrayParent()) {
            for (Job child : job.children) {
                transition(child, JobStatus.PENDING, fx);
            }
        }
        proceedFromPending(job, fx);
    }

    void proceedFromPending(Job job, List<Runnable> fx) {
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
        if (job.status != JobStatus.PENDING) {
            return;
        }
        job.statusReason = null;
        transition(job, JobStatus.RUNNABLE, fx);
        enqueue(job, fx);
    }

    void enqueue(Job job, List<Runnable> fx) {
        job.runnableSince = now();
        job.lineSeq = ++lined;
        job.queue.runnable.addLast(job);
        dispatch(job.queue, fx);
    }

    /** Places jobs from the head of the queue while they fit; a blocked head blocks the queue. */
    void dispatch(JobQueue queue, List<Runnable> fx) {
        if (queue.state != JQState.ENABLED || queue.status == JQStatus.DELETED) {
            return;
        }
        while (true) {
            Job head = queue.runnable.peekFirst();
            if (head == null) {
                clearHeadTimer(queue);
                return;
            }
            if (head.status != JobStatus.RUNNABLE || head.placedOn != null) {
                queue.runnable.pollFirst();
                continue;
            }
            Placement p = Placement.of(queue, head, scenario, elapsedSeconds());
            if (p.ce() != null) {
                queue.runnable.pollFirst();
                start(head, p, fx);
                continue;
            }
            blocked(queue, head, p, fx);
            return;
        }
    }

    private void blocked(JobQueue queue, Job head, Placement p, List<Runnable> fx) {
        String previous = head.statusReason;
        head.statusReason = p.message();
        if (!java.util.Objects.equals(previous, head.statusReason)) {
            store.changed(head);
        }
        if (queue.headJob == head && java.util.Objects.equals(previous, p.message())) {
            return; // timer (if any) already set for this head and reason
        }
        clearHeadTimer(queue);
        queue.headJob = head;
        if (p.blockReason() == null) {
            return;
        }
        events.queueBlocked(queue, head, fx);
        for (TimeLimitAction a : queue.timeLimitActions) {
            if (a.reason().equals(p.blockReason()) && "RUNNABLE".equals(a.state()) && "CANCEL".equals(a.action())) {
                Instant at = Instant.ofEpochMilli(head.runnableSince + a.maxTimeSeconds() * 1000L);
                String reason = p.blockReason();
                queue.headTimer = clock.scheduleAt(at, "batch:time-limit " + head.id,
                        () -> locked(f -> timeLimitReached(queue, head, reason, f)));
                break;
            }
        }
        if (p.shortFamilies() != null && !restoreTimers.containsKey(queue)) {
            long elapsed = (now() - startMillis) / 1000;
            long soonest = Long.MAX_VALUE;
            for (String f : p.shortFamilies()) {
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
        if (queue.headJob != head || head.status != JobStatus.RUNNABLE || head.placedOn != null) {
            return;
        }
        queue.headTimer = null;
        Placement p = Placement.of(queue, head, scenario, elapsedSeconds());
        if (p.ce() != null || !reason.equals(p.blockReason())) {
            dispatch(queue, fx);
            return;
        }
        queue.headJob = null;
        fail(head, p.message(), true, false, fx);
        dispatch(queue, fx);
    }

    private void start(Job job, Placement p, List<Runnable> fx) {
        ComputeEnvironment ce = p.ce();
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
        a.instanceType = p.type() == null ? null : p.type().name();
        a.architecture = p.type() != null ? p.type().architecture()
                : "ARM64".equalsIgnoreCase(job.runtimeArchitecture) ? "arm64" : "x86_64";
        a.taskId = hex(32);
        String cluster = ce.ecsClusterArn.substring(ce.ecsClusterArn.indexOf('/') + 1);
        a.taskArn = "arn:aws:ecs:" + store.region() + ":" + store.accountId() + ":task/" + cluster + "/" + a.taskId;
        a.containerInstanceArn = ce.fargate() ? null
                : "arn:aws:ecs:" + store.region() + ":" + store.accountId() + ":container-instance/" + cluster + "/" + hex(32);
        a.instanceId = "i-0" + hex(16);
        a.logStreamName = job.jobDefinitionName() + "/default/" + a.taskId;
        Scenario.JobBehaviour b = scenario.behaviourFor(job.name, job.image);
        a.outcome = b == null ? Scenario.Outcome.succeed() : b.outcome(job.attempts.size() + 1);
        job.current = a;
        store.changed(job);
        long launch = cold ? scenario.timing().instanceLaunchSeconds() : 1;
        job.next = after(launch, "batch:starting " + job.id, f -> toStarting(job, f));
    }

    void toStarting(Job job, List<Runnable> fx) {
        if (job.status != JobStatus.RUNNABLE || job.current == null) {
            return;
        }
        job.statusReason = null;
        transition(job, JobStatus.STARTING, fx);
        armStarting(job);
    }

    /** Schedules the end of STARTING: RUNNING, or the image pull failing (no matching manifest). */
    void armStarting(Job job) {
        Scenario.OutcomeType type = job.current.outcome.type();
        long starting = scenario.timing().startingSeconds();
        if (type == Scenario.OutcomeType.NO_MATCHING_MANIFEST) {
            job.next = after(starting, "batch:pull-failed " + job.id, f -> finishAttempt(job, f));
        } else {
            job.next = after(starting, "batch:running " + job.id, f -> toRunning(job, f));
        }
    }

    void toRunning(Job job, List<Runnable> fx) {
        if (job.status != JobStatus.STARTING || job.current == null) {
            return;
        }
        long t = now();
        job.current.startedAt = t;
        if (job.startedAt == null) {
            job.startedAt = t;
        }
        if (job.parent != null && job.parent.startedAt == null) {
            job.parent.startedAt = t;
            store.changed(job.parent);
        }
        transition(job, JobStatus.RUNNING, fx);
        armRunning(job, t);
    }

    /**
     * Schedules the end of the RUNNING attempt that started at {@code started} (epoch ms): its attempt
     * timeout, and its exit after the outcome's duration (never for a hang). A resumed attempt
     * ({@link FleetResume}) is armed from its recorded start, so it ends when it would have ended.
     */
    void armRunning(Job job, long started) {
        Attempt attempt = job.current;
        if (job.timeoutSeconds != null) {
            job.timeoutTask = clock.scheduleAt(Instant.ofEpochMilli(started + job.timeoutSeconds * 1000L),
                    "batch:timeout " + job.id, () -> locked(f -> {
                        if (job.current == attempt && job.status == JobStatus.RUNNING) {
                            endAttempt(job, null, null, "Job attempt duration exceeded timeout", List.of(), false, f);
                        }
                    }));
        }
        Scenario.Outcome o = attempt.outcome;
        if (o.type() == Scenario.OutcomeType.HANG) {
            return;
        }
        long duration = o.durationSeconds() != null ? o.durationSeconds() : scenario.timing().runSeconds();
        job.next = clock.scheduleAt(Instant.ofEpochMilli(started + duration * 1000L), "batch:exit " + job.id,
                () -> locked(f -> finishAttempt(job, f)));
    }

    /** The attempt ends as its scenario outcome says. */
    void finishAttempt(Job job, List<Runnable> fx) {
        Attempt a = job.current;
        if (a == null || job.terminal()) {
            return;
        }
        AttemptEnd end = AttemptEnd.of(job, a);
        endAttempt(job, end.exit(), end.reason(), end.statusReason(), end.lines(), false, fx);
    }

    /** The environment Batch gives the current attempt's container (AWS_BATCH_* included); for tests. */
    public Map<String, String> containerEnvironment(Job job) {
        return AttemptEnd.containerEnvironment(job);
    }

    /**
     * Ends the current attempt: records it, writes its output, then retries (RUNNABLE again),
     * succeeds or fails the job.
     */
    void endAttempt(Job job, Integer exit, String reason, String statusReason, List<String> lines,
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
            complete(job, JobStatus.SUCCEEDED, statusReason, fx);
            return;
        }
        if (!noRetry && job.attempts.size() < job.maxAttempts
                && RetryPolicy.decide(job.evaluateOnExit, statusReason, reason, exit) == RetryPolicy.Decision.RETRY) {
            job.statusReason = null;
            transition(job, JobStatus.RUNNABLE, fx);
            enqueue(job, fx);
            return;
        }
        complete(job, JobStatus.FAILED, statusReason, fx);
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
                complete(job, JobStatus.FAILED, reason, fx);
            }
            return;
        }
        Attempt a = job.current;
        cancelTasks(job);
        release(job, fx);
        if (a != null && (job.status == JobStatus.STARTING || job.status == JobStatus.RUNNING)) {
            long t = now();
            if (a.startedAt == null) {
                a.startedAt = t;
            }
            a.stoppedAt = t;
            a.statusReason = reason;
            job.attempts.add(a);
        }
        job.current = null;
        complete(job, JobStatus.FAILED, reason, fx);
        JobQueue queue = job.queue;
        fx.add(() -> onQueueChanged(queue)); // the next job may now be the head
    }

    private void complete(Job job, JobStatus status, String statusReason, List<Runnable> fx) {
        if (job.terminal()) {
            return;
        }
        job.statusReason = statusReason;
        job.stoppedAt = now();
        if (job.queue.headJob == job) {
            clearHeadTimer(job.queue);
        }
        transition(job, status, fx);
        if (job.dependents != null) {
            for (Job d : job.dependents) {
                if (status == JobStatus.SUCCEEDED) {
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
            int done = parent.childCounts[JobStatus.SUCCEEDED.ordinal()]
                    + parent.childCounts[JobStatus.FAILED.ordinal()];
            if (done == parent.arraySize) {
                boolean failed = parent.childCounts[JobStatus.FAILED.ordinal()] > 0;
                complete(parent, failed ? JobStatus.FAILED : JobStatus.SUCCEEDED,
                        failed ? (parent.statusReason != null ? parent.statusReason : "Array Child Job failed") : null,
                        fx);
            }
        }
    }

    /** Moves a job to {@code status}, counts it in its array parent and publishes the state change. */
    void transition(Job job, JobStatus status, List<Runnable> fx) {
        JobStatus old = job.status;
        if (job.parent != null) {
            job.parent.childCounts[old.ordinal()]--;
            job.parent.childCounts[status.ordinal()]++;
        }
        job.status = status;
        store.changed(job);
        events.stateChanged(job, fx);
    }

    // ------------------------------------------------------------------ a durable cloud's restart

    /**
     * Goes on with what a durable cloud restored (called once, inside the store's lock); see
     * {@link FleetResume}. Returns how many unfinished jobs go on.
     */
    public int resume(java.util.Collection<ComputeEnvironment> ces, java.util.Collection<JobQueue> queues,
            java.util.Collection<Job> jobs, List<Runnable> fx) {
        return new FleetResume(this).resume(ces, queues, jobs, fx);
    }

    SimClock clock() {
        return clock;
    }
}
