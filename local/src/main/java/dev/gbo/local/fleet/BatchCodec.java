package dev.gbo.local.fleet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.introspect.VisibilityChecker;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobDefinition;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run model of the local Batch as JSON, for a durable cloud ({@code gbo serve --state-dir}): the
 * plain fields of compute environments, queues, job definitions and jobs (attempts included) as they
 * are, and every reference between them by name or id ({@code queue}, {@code definition},
 * {@code parent}, {@code placedOn}, a queue's {@code order}). What is derived (a queue's runnable line
 * and job list, a parent's child counts, dependents and unresolved dependencies, vCPUs in use) is
 * rebuilt by {@link #link} rather than stored.
 */
public final class BatchCodec {

    @JsonIgnoreProperties({"queues", "usedVcpus", "runningJobs"})
    private abstract static class CeMixin {
    }

    @JsonIgnoreProperties({"order", "runnable", "jobs", "headJob", "headTimer"})
    private abstract static class QueueMixin {
    }

    @JsonIgnoreProperties({"queue", "definition", "parent", "children", "dependents", "unresolved", "placedOn", "next",
            "timeoutTask", "childCounts", "waitingForDependencies", "dependencyFailed"})
    private abstract static class JobMixin {
    }

    /**
     * The model's classes are read and written by their public fields only (their methods, such as
     * {@code Job.isArrayParent()}, are not state). Records among the values (a scenario
     * {@code Outcome}, a {@code TimeLimitAction}, an {@code InstanceType}) have no public fields: they
     * go by their components (private fields, canonical constructor). Without this a record was written
     * as {@code {}} and read back with every component null, so a resumed attempt had no outcome and
     * never exited.
     */
    private static final class RecordsByComponents extends JacksonAnnotationIntrospector {
        @Override
        public VisibilityChecker<?> findAutoDetectVisibility(AnnotatedClass ac, VisibilityChecker<?> checker) {
            VisibilityChecker<?> c = super.findAutoDetectVisibility(ac, checker);
            return ac.getRawType().isRecord()
                    ? c.withFieldVisibility(JsonAutoDetect.Visibility.ANY).withCreatorVisibility(JsonAutoDetect.Visibility.ANY)
                    : c;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .setAnnotationIntrospector(new RecordsByComponents())
            .addMixIn(ComputeEnvironment.class, CeMixin.class)
            .addMixIn(JobQueue.class, QueueMixin.class)
            .addMixIn(Job.class, JobMixin.class);

    private BatchCodec() {
    }

    public static ObjectNode computeEnvironment(ComputeEnvironment ce) {
        return MAPPER.valueToTree(ce);
    }

    public static ObjectNode jobQueue(JobQueue q) {
        ObjectNode v = MAPPER.valueToTree(q);
        ArrayNode order = v.putArray("orderNames");
        q.order.forEach(ce -> order.add(ce.name));
        return v;
    }

    public static ObjectNode jobDefinition(JobDefinition d) {
        return MAPPER.valueToTree(d);
    }

    public static ObjectNode job(Job j) {
        ObjectNode v = MAPPER.valueToTree(j);
        v.put("queueName", j.queue.name);
        v.put("definitionArn", j.definition.arn);
        if (j.parent != null) {
            v.put("parentId", j.parent.id);
        }
        if (j.placedOn != null) {
            v.put("placedOnName", j.placedOn.name);
        }
        return v;
    }

    /** The model a durable cloud recorded, linked again; what {@link #link} rebuilds is not read from the values. */
    public record Model(Map<String, ComputeEnvironment> computeEnvironments, Map<String, JobQueue> queues,
            Map<String, List<JobDefinition>> jobDefinitions, Map<String, Job> jobs) {
    }

    /** Reads the recorded values back and links them (queues to environments, jobs to queues, definitions, parents). */
    public static Model link(List<JsonNode> ces, List<JsonNode> qs, List<JsonNode> defs, List<JsonNode> jobValues) {
        try {
            Map<String, ComputeEnvironment> ceByName = new LinkedHashMap<>();
            for (JsonNode v : ces) {
                ComputeEnvironment ce = MAPPER.treeToValue(v, ComputeEnvironment.class);
                ceByName.put(ce.name, ce);
            }
            Map<String, JobQueue> qByName = new LinkedHashMap<>();
            List<JobQueue> ordered = new ArrayList<>();
            for (JsonNode v : qs) {
                JobQueue q = MAPPER.treeToValue(v, JobQueue.class);
                for (JsonNode n : v.path("orderNames")) {
                    ComputeEnvironment ce = ceByName.get(n.asText());
                    if (ce != null) {
                        q.order.add(ce);
                        ce.queues.add(q);
                    }
                }
                ordered.add(q);
            }
            ordered.sort(Comparator.comparingLong(q -> q.createdSeq));
            ordered.forEach(q -> qByName.put(q.name, q));
            Map<String, List<JobDefinition>> defsByName = new LinkedHashMap<>();
            Map<String, JobDefinition> defByArn = new LinkedHashMap<>();
            List<JobDefinition> allDefs = new ArrayList<>();
            for (JsonNode v : defs) {
                allDefs.add(MAPPER.treeToValue(v, JobDefinition.class));
            }
            allDefs.sort(Comparator.comparingInt(d -> d.revision));
            for (JobDefinition d : allDefs) {
                defsByName.computeIfAbsent(d.name, k -> new ArrayList<>()).add(d);
                defByArn.put(d.arn, d);
            }
            Map<String, Job> jobs = new LinkedHashMap<>();
            Map<Job, JsonNode> values = new LinkedHashMap<>();
            for (JsonNode v : jobValues) {
                Job j = MAPPER.treeToValue(v, Job.class);
                j.queue = qByName.get(v.path("queueName").asText());
                j.definition = defByArn.get(v.path("definitionArn").asText());
                if (j.queue == null || j.definition == null) {
                    continue; // its queue was deleted: the job was terminated with it
                }
                jobs.put(j.id, j);
                values.put(j, v);
            }
            List<Job> byCreation = new ArrayList<>(jobs.values());
            byCreation.sort(Comparator.comparingLong(j -> j.createdAt));
            for (Job j : byCreation) {
                JsonNode v = values.get(j);
                if (v.hasNonNull("parentId")) {
                    Job p = jobs.get(v.path("parentId").asText());
                    j.parent = p;
                    if (p != null) {
                        if (p.children == null) {
                            p.children = new ArrayList<>();
                        }
                        p.children.add(j);
                        p.childCounts[j.status.ordinal()]++;
                    }
                } else {
                    j.queue.jobs.add(j);
                }
                if (v.hasNonNull("placedOnName") && !j.terminal()) {
                    j.placedOn = ceByName.get(v.path("placedOnName").asText());
                    if (j.placedOn != null) {
                        j.placedOn.usedVcpus += j.reservedVcpus;
                        j.placedOn.runningJobs++;
                    } else {
                        j.reservedVcpus = 0;
                    }
                } else {
                    j.reservedVcpus = 0;
                }
            }
            for (Job j : byCreation) {
                if (j.children != null) {
                    j.children.sort(Comparator.comparingInt(c -> c.arrayIndex));
                }
            }
            for (Job j : byCreation) {
                if (j.parent == null && !j.terminal()) {
                    dependencies(j, jobs);
                }
            }
            return new Model(ceByName, qByName, defsByName, jobs);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the recorded Batch state cannot be read: " + e.getMessage(), e);
        }
    }

    /** Dependencies as SubmitJob made them, from {@code dependsOn} and the dependencies' status now. */
    private static void dependencies(Job job, Map<String, Job> jobs) {
        for (JsonNode dep : job.dependsOnJson) {
            String type = dep.path("type").asText("");
            if ("SEQUENTIAL".equals(type) && job.children != null) {
                for (int i = 1; i < job.children.size(); i++) {
                    dependOn(job.children.get(i), job.children.get(i - 1));
                }
                continue;
            }
            Job dj = jobs.get(dep.path("jobId").asText(""));
            if (dj == null) {
                continue;
            }
            if ("N_TO_N".equals(type) && job.children != null && dj.children != null) {
                for (int i = 0; i < Math.min(job.children.size(), dj.children.size()); i++) {
                    dependOn(job.children.get(i), dj.children.get(i));
                }
            } else {
                dependOn(job, dj);
            }
        }
    }

    /** A job that has ended waits for nothing; any other waits as SubmitJob made it wait. */
    private static void dependOn(Job job, Job dependency) {
        if (!job.terminal()) {
            job.dependOn(dependency);
        }
    }
}
