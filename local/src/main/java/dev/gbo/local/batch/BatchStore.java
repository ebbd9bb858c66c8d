package dev.gbo.local.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.StateLog;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobDefinition;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.FleetStore;
import dev.gbo.local.fleet.JobStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state of the local AWS Batch of one cloud: compute environments, job queues, job definitions
 * and jobs. It owns its maps and its one lock.
 *
 * <p>Concurrency model (the same for every store of the local cloud): the store has exactly one lock
 * (a {@link ReentrantLock}). Every read and write of its state goes through its methods under that
 * lock: an operation or a fleet clock task runs its whole step inside {@link #compute} or
 * {@link #atomically}, and the accessors below refuse to run without the lock. No lock is held while
 * another service is called: what a step does to other services (EventBridge events, CloudWatch Logs
 * writes, clock submissions) is collected as side effects under the lock and run, in order, after it
 * is released.
 */
public final class BatchStore implements FleetStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ComputeEnvironment> computeEnvironments = new LinkedHashMap<>();
    private final Map<String, JobQueue> queues = new LinkedHashMap<>();
    /** name -> revisions in order (index = revision - 1). */
    private final Map<String, List<JobDefinition>> jobDefinitions = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private final String region;
    private final String accountId;
    private long queueSeq;
    private StateLog log = StateLog.NONE;
    private final java.util.Set<Job> dirtyJobs = new java.util.LinkedHashSet<>();
    private final java.util.Set<JobDefinition> dirtyDefinitions = new java.util.LinkedHashSet<>();
    /** What was last recorded of each compute environment and queue, by key: written again only when it differs. */
    private final Map<String, String> recorded = new HashMap<>();

    public BatchStore(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    // ------------------------------------------------------------------ the lock

    @Override
    public void atomically(Consumer<List<Runnable>> body) {
        compute(fx -> {
            body.accept(fx);
            return null;
        });
    }

    /** Runs {@code body} holding the lock and returns its result; its side effects run after the lock is released. */
    public <T> T compute(Function<List<Runnable>, T> body) {
        List<Runnable> effects = new ArrayList<>();
        T out;
        lock.lock();
        try {
            try {
                out = body.apply(effects);
            } finally {
                record();
            }
        } finally {
            lock.unlock();
        }
        for (Runnable r : effects) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("[gbo-fleet] side effect failed: " + e);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ durability (gbo serve --state-dir)

    /**
     * Takes back what a durable cloud recorded ({@code batch/ce/<name>}, {@code batch/queue/<name>},
     * {@code batch/definition/<name>:<revision>}, {@code batch/job/<id>}); from then on every change is
     * recorded in {@code log} at the end of the step that made it, under the lock.
     */
    public void durable(StateLog log, StateLog.Restored restored) {
        compute(fx -> {
            dev.gbo.local.fleet.BatchCodec.Model m = dev.gbo.local.fleet.BatchCodec.link(
                    values(restored, "batch/ce/"), values(restored, "batch/queue/"),
                    values(restored, "batch/definition/"), values(restored, "batch/job/"));
            computeEnvironments.putAll(m.computeEnvironments());
            queues.putAll(m.queues());
            m.queues().values().forEach(q -> queueSeq = Math.max(queueSeq, q.createdSeq));
            jobDefinitions.putAll(m.jobDefinitions());
            jobs.putAll(m.jobs());
            this.log = log;
            computeEnvironments.values().forEach(ce -> recorded.put("batch/ce/" + ce.name,
                    Json.write(dev.gbo.local.fleet.BatchCodec.computeEnvironment(ce))));
            queues.values().forEach(q -> recorded.put("batch/queue/" + q.name, Json.write(dev.gbo.local.fleet.BatchCodec.jobQueue(q))));
            return null;
        });
    }

    /** Lets the fleet go on with what {@link #durable} took back ({@link dev.gbo.local.fleet.Fleet#resume}); returns how many unfinished jobs go on. */
    public int resume(dev.gbo.local.fleet.Fleet fleet) {
        return compute(fx -> fleet.resume(List.copyOf(computeEnvironments.values()), List.copyOf(queues.values()),
                List.copyOf(jobs.values()), fx));
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> values(StateLog.Restored restored, String prefix) {
        return restored.under(prefix).stream().map(StateLog.Entry::value).toList();
    }

    @Override
    public void changed(Job job) {
        if (log.enabled()) {
            dirtyJobs.add(job);
        }
    }

    /** Writes what the step changed (under the lock, at its end). */
    private void record() {
        if (!log.enabled()) {
            return;
        }
        for (Job j : dirtyJobs) {
            log.put("batch/job/" + j.id, dev.gbo.local.fleet.BatchCodec.job(j));
        }
        dirtyJobs.clear();
        for (JobDefinition d : dirtyDefinitions) {
            log.put("batch/definition/" + d.name + ":" + d.revision, dev.gbo.local.fleet.BatchCodec.jobDefinition(d));
        }
        dirtyDefinitions.clear();
        java.util.Set<String> live = new java.util.HashSet<>();
        for (ComputeEnvironment ce : computeEnvironments.values()) {
            recordIfChanged("batch/ce/" + ce.name, dev.gbo.local.fleet.BatchCodec.computeEnvironment(ce), live);
        }
        for (JobQueue q : queues.values()) {
            recordIfChanged("batch/queue/" + q.name, dev.gbo.local.fleet.BatchCodec.jobQueue(q), live);
        }
        if (live.size() != recorded.size()) {
            for (var it = recorded.keySet().iterator(); it.hasNext(); ) {
                String k = it.next();
                if (!live.contains(k)) {
                    it.remove();
                    log.remove(k);
                }
            }
        }
    }

    private void recordIfChanged(String key, com.fasterxml.jackson.databind.node.ObjectNode value, java.util.Set<String> live) {
        live.add(key);
        String text = Json.write(value);
        if (!text.equals(recorded.get(key))) {
            recorded.put(key, text);
            log.put(key, value);
        }
    }

    private void checkLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the Batch store is read or changed without its lock");
        }
    }

    // ------------------------------------------------------------------ identity

    @Override
    public String region() {
        return region;
    }

    @Override
    public String accountId() {
        return accountId;
    }

    public String arn(String kind, String name) {
        return "arn:aws:batch:" + region + ":" + accountId + ":" + kind + "/" + name;
    }

    // ------------------------------------------------------------------ compute environments

    int computeEnvironmentCount() {
        checkLocked();
        return computeEnvironments.size();
    }

    boolean hasComputeEnvironment(String name) {
        checkLocked();
        return computeEnvironments.containsKey(name);
    }

    void putComputeEnvironment(ComputeEnvironment ce) {
        checkLocked();
        computeEnvironments.put(ce.name, ce);
    }

    /** The compute environment a name or ARN refers to; ClientException when there is none. */
    ComputeEnvironment computeEnvironment(String ref) {
        checkLocked();
        String name = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
        ComputeEnvironment ce = computeEnvironments.get(name);
        if (ce == null || (ref.startsWith("arn:") && !ce.arn.equals(ref))) {
            throw BatchInput.client("Compute environment " + ref + " does not exist.");
        }
        return ce;
    }

    List<ComputeEnvironment> computeEnvironments() {
        checkLocked();
        return List.copyOf(computeEnvironments.values());
    }

    @Override
    public void removeComputeEnvironment(ComputeEnvironment ce) {
        checkLocked();
        computeEnvironments.remove(ce.name);
    }

    /** The vCPUs in use on a compute environment now (0 when there is none); takes the lock. */
    public int usedVcpus(String computeEnvironmentName) {
        return compute(fx -> {
            ComputeEnvironment ce = computeEnvironments.get(computeEnvironmentName);
            return ce == null ? 0 : ce.usedVcpus;
        });
    }

    // ------------------------------------------------------------------ job queues

    int jobQueueCount() {
        checkLocked();
        return queues.size();
    }

    boolean hasJobQueue(String name) {
        checkLocked();
        return queues.containsKey(name);
    }

    /** Adds a new queue, numbering it in creation order. */
    void putJobQueue(JobQueue q) {
        checkLocked();
        q.createdSeq = ++queueSeq;
        queues.put(q.name, q);
    }

    /** The job queue a name or ARN refers to; ClientException when there is none. */
    JobQueue jobQueue(String ref) {
        checkLocked();
        String name = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
        JobQueue q = queues.get(name);
        if (q == null || (ref.startsWith("arn:") && !q.arn.equals(ref))) {
            throw BatchInput.client("Job queue " + ref + " does not exist.");
        }
        return q;
    }

    List<JobQueue> jobQueues() {
        checkLocked();
        return List.copyOf(queues.values());
    }

    @Override
    public void removeJobQueue(JobQueue queue) {
        checkLocked();
        queues.remove(queue.name);
    }

    // ------------------------------------------------------------------ job definitions

    /** The revision number the next registration of {@code name} gets. */
    int nextRevision(String name) {
        checkLocked();
        List<JobDefinition> revisions = jobDefinitions.get(name);
        return revisions == null ? 1 : revisions.size() + 1;
    }

    /** Adds a registered revision (its revision is {@link #nextRevision}). */
    void addJobDefinition(JobDefinition d) {
        checkLocked();
        jobDefinitions.computeIfAbsent(d.name, k -> new ArrayList<>()).add(d);
        if (log.enabled()) {
            dirtyDefinitions.add(d);
        }
    }

    /**
     * The job definition {@code name:revision}, an ARN, or (when {@code activeLatest}) a bare name
     * refers to: the latest ACTIVE revision. ClientException when there is none.
     */
    JobDefinition jobDefinition(String ref, boolean activeLatest) {
        checkLocked();
        String nameRev = ref;
        if (ref.startsWith("arn:")) {
            int slash = ref.indexOf(":job-definition/");
            if (slash < 0) {
                throw BatchInput.client("Job definition " + ref + " does not exist.");
            }
            nameRev = ref.substring(slash + ":job-definition/".length());
        }
        int colon = nameRev.lastIndexOf(':');
        List<JobDefinition> revisions = jobDefinitions.get(colon < 0 ? nameRev : nameRev.substring(0, colon));
        if (revisions != null) {
            if (colon >= 0) {
                try {
                    int rev = Integer.parseInt(nameRev.substring(colon + 1));
                    if (rev >= 1 && rev <= revisions.size()) {
                        return touched(revisions.get(rev - 1));
                    }
                } catch (NumberFormatException e) {
                    // not found
                }
            } else if (activeLatest) {
                for (int i = revisions.size() - 1; i >= 0; i--) {
                    if ("ACTIVE".equals(revisions.get(i).status)) {
                        return touched(revisions.get(i));
                    }
                }
            }
        }
        throw BatchInput.client("Job definition " + ref + " does not exist.");
    }

    /** A definition an operation got hold of (it may deregister or tag it): recorded again at the end of the step. */
    private JobDefinition touched(JobDefinition d) {
        if (log.enabled()) {
            dirtyDefinitions.add(d);
        }
        return d;
    }

    /** Every revision of every job definition, in registration order by name. */
    List<JobDefinition> jobDefinitions() {
        checkLocked();
        List<JobDefinition> out = new ArrayList<>();
        jobDefinitions.values().forEach(out::addAll);
        return out;
    }

    // ------------------------------------------------------------------ jobs

    void putJob(Job job) {
        checkLocked();
        jobs.put(job.id, job);
        changed(job);
    }

    /** The job with this ID, or null. */
    Job findJob(String id) {
        checkLocked();
        return jobs.get(id);
    }

    /** The job with this ID; ClientException when there is none. */
    Job job(String id) {
        Job j = findJob(id);
        if (j == null) {
            throw BatchInput.client("Job " + id + " does not exist.");
        }
        return j;
    }

    /** How many jobs (array children included) have this status now; takes the lock. */
    public long countJobs(JobStatus status) {
        return compute(fx -> jobs.values().stream().filter(j -> j.status == status).count());
    }

    // ------------------------------------------------------------------ tags

    /** The live tag map of a taggable resource's ARN; ClientException when there is none. */
    ObjectNode tagsOf(String arn) {
        checkLocked();
        String prefix = "arn:aws:batch:" + region + ":" + accountId + ":";
        if (arn != null && arn.startsWith(prefix)) {
            String rest = arn.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String kind = rest.substring(0, slash);
                String id = rest.substring(slash + 1);
                switch (kind) {
                    case "compute-environment" -> {
                        ComputeEnvironment ce = computeEnvironments.get(id);
                        if (ce != null) {
                            return ce.tags;
                        }
                    }
                    case "job-queue" -> {
                        JobQueue q = queues.get(id);
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
                        Job j = jobs.get(id);
                        if (j != null) {
                            changed(j);
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
        throw BatchInput.client("Resource " + arn + " does not exist or cannot be tagged.");
    }
}
