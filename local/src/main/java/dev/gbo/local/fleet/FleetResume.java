package dev.gbo.local.fleet;

import dev.gbo.local.fleet.BatchModel.Attempt;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.scenario.Scenario;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A durable cloud's restart, for the fleet: goes on with what {@link BatchCodec} took back, as Batch
 * itself would after a restart of this process (called once, inside the store's lock).
 *
 * <ul>
 *   <li>Compute environments and queues finish their CREATING/UPDATING/DELETING.</li>
 *   <li>SUBMITTED and PENDING jobs move on; RUNNABLE ones line up again in the order they lined up
 *       ({@link Job#lineSeq}). A RUNNABLE job already placed on a host (its instance launching) keeps that host and
 *       attempt and goes on to STARTING after the launch time.</li>
 *   <li>STARTING jobs keep their host and attempt and go on to RUNNING (or fail their image pull) after
 *       the starting time.</li>
 *   <li>RUNNING jobs keep their host and attempt and end when the attempt would have ended: the exit and
 *       the attempt timeout count from the attempt's recorded start ({@link Fleet#armRunning}).</li>
 *   <li>A STARTING or RUNNING job recorded without its host goes back to RUNNABLE, as Batch does for a
 *       lost host.</li>
 * </ul>
 */
final class FleetResume {

    private final Fleet fleet;

    FleetResume(Fleet fleet) {
        this.fleet = fleet;
    }

    int resume(Collection<ComputeEnvironment> ces, Collection<JobQueue> queues, Collection<Job> jobs, List<Runnable> fx) {
        for (ComputeEnvironment ce : ces) {
            switch (ce.status) {
                case CREATING -> fleet.onComputeEnvironmentCreated(ce);
                case UPDATING -> fleet.onComputeEnvironmentUpdated(ce);
                case DELETING -> fleet.onComputeEnvironmentDeleted(ce);
                default -> {
                }
            }
        }
        for (Job job : jobs) {
            fleet.lined = Math.max(fleet.lined, job.lineSeq);
        }
        int n = 0;
        List<Job> runnable = new ArrayList<>();
        for (Job job : jobs) {
            if (job.terminal()) {
                continue;
            }
            n++;
            switch (job.status) {
                case SUBMITTED -> {
                    if (job.parent == null) {
                        fleet.onSubmitted(job);
                    }
                }
                case PENDING -> {
                    if (job.isArrayParent()) {
                        if (job.unresolved > 0 || job.dependencyFailed) {
                            fleet.proceedFromPending(job, fx); // waits for its dependencies, or fails
                        }
                    } else if (job.parent == null || job.parent.unresolved == 0 && !job.parent.dependencyFailed) {
                        fleet.proceedFromPending(job, fx);
                    }
                }
                case RUNNABLE -> {
                    if (job.placedOn != null && outcomeKnown(job)) {
                        long launch = fleet.scenario().timing().instanceLaunchSeconds();
                        job.next = fleet.after(launch, "batch:starting " + job.id, f -> fleet.toStarting(job, f));
                    } else {
                        unplace(job);
                        runnable.add(job);
                    }
                }
                case STARTING -> {
                    if (outcomeKnown(job)) {
                        fleet.armStarting(job);
                    } else {
                        hostLost(job, runnable, fx);
                    }
                }
                case RUNNING -> {
                    if (outcomeKnown(job)) {
                        Attempt a = job.current;
                        fleet.armRunning(job, a.startedAt == null ? fleet.now() : a.startedAt);
                    } else {
                        hostLost(job, runnable, fx);
                    }
                }
                default -> {
                }
            }
        }
        runnable.sort(Comparator.comparingLong(j -> j.lineSeq));
        for (Job job : runnable) {
            job.queue.runnable.addLast(job);
        }
        for (JobQueue q : queues) {
            if (q.status == JQStatus.DELETING) {
                fleet.onQueueDeleted(q, fx);
            } else {
                fleet.dispatch(q, fx);
            }
        }
        return n;
    }

    /**
     * Whether the job's current attempt is recorded with its host, so it can go on; its outcome is
     * drawn from the scenario again when the record has none.
     */
    private boolean outcomeKnown(Job job) {
        Attempt a = job.current;
        if (a == null || job.placedOn == null) {
            return false;
        }
        if (a.outcome == null || a.outcome.type() == null) {
            Scenario.JobBehaviour b = fleet.scenario().behaviourFor(job.name, job.image);
            a.outcome = b == null ? Scenario.Outcome.succeed() : b.outcome(job.attempts.size() + 1);
        }
        return true;
    }

    /** Gives back a placement that cannot go on (its vCPUs were counted again when the model was linked). */
    private static void unplace(Job job) {
        ComputeEnvironment ce = job.placedOn;
        if (ce != null) {
            ce.usedVcpus -= job.reservedVcpus;
            ce.runningJobs--;
        }
        job.placedOn = null;
        job.reservedVcpus = 0;
        job.current = null;
    }

    /** The attempt was not recorded with its host: Batch's answer to a lost host, back to RUNNABLE (last in line). */
    private void hostLost(Job job, List<Job> runnable, List<Runnable> fx) {
        unplace(job);
        job.statusReason = "Host EC2 (instance unknown) terminated.";
        fleet.transition(job, JobStatus.RUNNABLE, fx);
        job.runnableSince = fleet.now();
        job.lineSeq = ++fleet.lined;
        runnable.add(job);
    }
}
