package dev.gbo.local.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.fleet.BatchModel.Attempt;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.core.Json;
import java.util.Map;

/** Renders jobs as AWS Batch does: the DescribeJobs job object (also the event detail) and the ListJobs summary. */
public final class JobView {
    private JobView() {
    }

    /** The DescribeJobs {@code JobDetail} in camelCase; call with the store's lock held. */
    public static ObjectNode detail(Job job) {
        ObjectNode o = Json.object();
        o.put("jobArn", job.arn);
        o.put("jobName", job.name);
        o.put("jobId", job.id);
        o.put("jobQueue", job.queue.arn);
        o.put("status", job.status.name());
        if (job.shareIdentifier != null) {
            o.put("shareIdentifier", job.shareIdentifier);
        }
        ArrayNode attempts = o.putArray("attempts");
        for (Attempt a : job.attempts) {
            attempts.add(a.toJson());
        }
        if (job.statusReason != null) {
            o.put("statusReason", job.statusReason);
        }
        o.put("createdAt", job.createdAt);
        if (job.retryStrategyJson != null) {
            o.set("retryStrategy", job.retryStrategyJson.deepCopy());
        }
        if (job.startedAt != null) {
            o.put("startedAt", job.startedAt);
        }
        if (job.stoppedAt != null) {
            o.put("stoppedAt", job.stoppedAt);
        }
        o.set("dependsOn", job.dependsOnJson.deepCopy());
        o.put("jobDefinition", job.definition.arn);
        o.set("parameters", job.parameters.deepCopy());
        o.set("container", container(job));
        if (job.timeoutSeconds != null) {
            o.putObject("timeout").put("attemptDurationSeconds", job.timeoutSeconds);
        }
        o.set("tags", job.tags.deepCopy());
        o.put("propagateTags", job.propagateTags);
        ArrayNode caps = o.putArray("platformCapabilities");
        job.platformCapabilities.forEach(caps::add);
        o.putArray("eksAttempts");
        o.put("isCancelled", job.cancelled);
        o.put("isTerminated", job.terminated);
        if (job.isArrayParent()) {
            ObjectNode ap = o.putObject("arrayProperties");
            ObjectNode summary = ap.putObject("statusSummary");
            for (JobStatus s : JobStatus.values()) {
                summary.put(s.name(), job.childCounts[s.ordinal()]);
            }
            ap.put("size", job.arraySize);
        } else if (job.arrayIndex != null) {
            o.putObject("arrayProperties").put("index", job.arrayIndex);
        }
        return o;
    }

    private static ObjectNode container(Job job) {
        ObjectNode c = Json.object();
        c.put("image", job.image);
        ArrayNode cmd = c.putArray("command");
        job.command.forEach(cmd::add);
        c.putArray("volumes");
        ArrayNode env = c.putArray("environment");
        for (Map.Entry<String, String> e : job.environment.entrySet()) {
            env.addObject().put("name", e.getKey()).put("value", e.getValue());
        }
        c.putArray("mountPoints");
        c.putArray("ulimits");
        Attempt shown = job.current != null ? job.current
                : job.attempts.isEmpty() ? null : job.attempts.get(job.attempts.size() - 1);
        if (shown != null) {
            if (job.current == null && shown.exitCode != null) {
                c.put("exitCode", shown.exitCode);
            }
            if (job.current == null && shown.reason != null) {
                c.put("reason", shown.reason);
            }
            if (shown.containerInstanceArn != null) {
                c.put("containerInstanceArn", shown.containerInstanceArn);
            }
            if (shown.taskArn != null) {
                c.put("taskArn", shown.taskArn);
            }
            if (shown.logStreamName != null) {
                c.put("logStreamName", shown.logStreamName);
            }
        }
        c.putArray("networkInterfaces");
        c.set("resourceRequirements", job.resourceRequirements == null ? Json.array()
                : job.resourceRequirements.deepCopy());
        c.putArray("secrets");
        if (job.definition.containerProperties != null && job.definition.containerProperties.has("jobRoleArn")) {
            c.set("jobRoleArn", job.definition.containerProperties.get("jobRoleArn"));
        }
        if (job.definition.containerProperties != null && job.definition.containerProperties.has("executionRoleArn")) {
            c.set("executionRoleArn", job.definition.containerProperties.get("executionRoleArn"));
        }
        return c;
    }

    /** The ListJobs {@code JobSummary}. */
    public static ObjectNode summary(Job job) {
        ObjectNode o = Json.object();
        o.put("jobArn", job.arn);
        o.put("jobId", job.id);
        o.put("jobName", job.name);
        o.put("createdAt", job.createdAt);
        o.put("status", job.status.name());
        if (job.statusReason != null) {
            o.put("statusReason", job.statusReason);
        }
        if (job.startedAt != null) {
            o.put("startedAt", job.startedAt);
        }
        if (job.stoppedAt != null) {
            o.put("stoppedAt", job.stoppedAt);
        }
        Attempt last = job.attempts.isEmpty() ? null : job.attempts.get(job.attempts.size() - 1);
        if (last != null && job.current == null) {
            ObjectNode c = o.putObject("container");
            if (last.exitCode != null) {
                c.put("exitCode", last.exitCode);
            }
            if (last.reason != null) {
                c.put("reason", last.reason);
            }
        }
        if (job.isArrayParent()) {
            o.putObject("arrayProperties").put("size", job.arraySize);
        } else if (job.arrayIndex != null) {
            o.putObject("arrayProperties").put("index", job.arrayIndex);
        }
        o.put("jobDefinition", job.definition.arn);
        return o;
    }
}
