package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.MAX_DEPENDS_ON;
import static dev.gbo.local.batch.BatchInput.MAX_SUBMIT_BYTES;
import static dev.gbo.local.batch.BatchInput.NAME;
import static dev.gbo.local.batch.BatchInput.checkEnvironment;
import static dev.gbo.local.batch.BatchInput.checkRetry;
import static dev.gbo.local.batch.BatchInput.checkTimeout;
import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;
import static dev.gbo.local.batch.BatchInput.resources;
import static dev.gbo.local.batch.BatchInput.strings;
import static dev.gbo.local.batch.BatchInput.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobDefinition;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.fleet.JQState;
import dev.gbo.local.fleet.JQStatus;
import dev.gbo.local.fleet.JobStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.gbo.local.core.Access;

/** AWS Batch SubmitJob: a single or array job, with its dependencies, on an ENABLED queue; the fleet runs it. */
final class SubmitJob implements Operation {
    private final BatchStore store;
    private final Fleet fleet;
    private final SimClock clock;

    SubmitJob(BatchStore store, Fleet fleet, SimClock clock) {
        this.store = store;
        this.fleet = fleet;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "SubmitJob";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/submitjob");
    }

    /**
     * The job queue and the job definition (name, name:revision or ARN, as given); batch:TagResource of the new
     * job for its tags, on {@code job/*} since the job's id does not exist before it (a grant on job/* matches).
     */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        List<Access> out = new ArrayList<>();
        String share = BatchAccess.text(in, "shareIdentifier");
        for (String[] r : new String[][] {{"job-queue", "jobQueue"}, {"job-definition", "jobDefinition"}}) {
            String arn = BatchAccess.arn(c, r[0], in, r[1]);
            if (arn != null) {
                out.add(share == null ? Access.of(action, arn) : Access.of(action, arn).with("batch:ShareIdentifier", share));
            }
        }
        BatchAccess.tagOnCreate(out, "arn:aws:batch:" + c.region() + ":" + c.accountId() + ":job/*", in, "SubmitJob");
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        // SubmitJob's 50 TPS is applied by the endpoint to calls on the wire (dev.gbo.local.core.RateLimits).
        return store.compute(fx -> submit(in));
    }

    private JsonNode submit(JsonNode in) {
        if (Json.write(in).getBytes(StandardCharsets.UTF_8).length > MAX_SUBMIT_BYTES) {
            throw client("The SubmitJob request is larger than the maximum of 30 KiB.");
        }
        String name = req(in, "jobName");
        if (!NAME.matcher(name).matches()) {
            throw client("jobName must be 1 to 128 characters of letters (uppercase and lowercase), numbers, "
                    + "hyphens (-) and underscores (_); got '" + name + "'.");
        }
        JobQueue q = store.jobQueue(req(in, "jobQueue"));
        if (q.state != JQState.ENABLED || q.status == JQStatus.DELETING || q.status == JQStatus.DELETED) {
            throw client("Job queue " + q.name + " is not ENABLED and VALID (state " + q.state + ", status " + q.status
                    + "); it does not accept new jobs.");
        }
        JobDefinition d = store.jobDefinition(req(in, "jobDefinition"), true);
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
                Job dj = store.findJob(id);
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
        job.arn = store.arn("job", job.id);
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
            job.childCounts[JobStatus.SUBMITTED.ordinal()] = arraySize;
            for (int i = 0; i < arraySize; i++) {
                Job c = child(job, i);
                job.children.add(c);
                store.putJob(c);
            }
            if (sequential) {
                for (int i = 1; i < arraySize; i++) {
                    job.children.get(i).dependOn(job.children.get(i - 1));
                }
            }
        }
        for (int k = 0; k < depJobs.size(); k++) {
            Job dj = depJobs.get(k);
            if ("N_TO_N".equals(depTypes.get(k))) {
                for (int i = 0; i < arraySize; i++) {
                    job.children.get(i).dependOn(dj.children.get(i));
                }
            } else {
                job.dependOn(dj);
            }
        }
        store.putJob(job);
        q.jobs.add(job);
        fleet.onSubmitted(job);
        ObjectNode out = Json.object();
        out.put("jobArn", job.arn);
        out.put("jobName", job.name);
        out.put("jobId", job.id);
        return out;
    }

    private static Job child(Job parent, int index) {
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
}
