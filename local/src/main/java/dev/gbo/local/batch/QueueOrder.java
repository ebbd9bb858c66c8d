package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.BatchModel.TimeLimitAction;
import dev.gbo.local.fleet.CEStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A job queue's computeEnvironmentOrder and jobStateTimeLimitActions: AWS Batch's rules for them. */
final class QueueOrder {
    static final int MAX_CES_PER_QUEUE = 3;
    static final List<String> TIME_LIMIT_REASONS = List.of("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
            "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
            "MISCONFIGURATION:EC2_INSTANCE_CONFIGURATION_UNSUPPORTED");

    private QueueOrder() {
    }

    /** The validated order, sorted by order number (call under the store's lock). */
    static List<Map.Entry<Integer, ComputeEnvironment>> parse(BatchStore store, JsonNode orderNode) {
        if (orderNode == null || !orderNode.isArray() || orderNode.isEmpty()) {
            throw client("computeEnvironmentOrder is required: at least one compute environment.");
        }
        if (orderNode.size() > MAX_CES_PER_QUEUE) {
            throw client("A job queue can have at most " + MAX_CES_PER_QUEUE + " compute environments; "
                    + "computeEnvironmentOrder has " + orderNode.size() + ".");
        }
        List<Map.Entry<Integer, ComputeEnvironment>> order = new ArrayList<>();
        Set<Integer> numbers = new LinkedHashSet<>();
        Set<String> archs = new LinkedHashSet<>();
        boolean ec2 = false;
        boolean fargate = false;
        for (JsonNode o : orderNode) {
            if (!o.hasNonNull("order") || !o.hasNonNull("computeEnvironment")) {
                throw client("Each computeEnvironmentOrder entry needs order and computeEnvironment.");
            }
            int n = o.get("order").asInt();
            if (!numbers.add(n)) {
                throw client("computeEnvironmentOrder has the order " + n + " twice; orders must be unique.");
            }
            ComputeEnvironment ce = store.computeEnvironment(o.get("computeEnvironment").asText());
            if (ce.status == CEStatus.DELETING || ce.status == CEStatus.DELETED) {
                throw client("Compute environment " + ce.name + " is " + ce.status + ".");
            }
            if (ce.architecture != null) {
                archs.add(ce.architecture);
            }
            if (ce.fargate()) {
                fargate = true;
            } else {
                ec2 = true;
            }
            order.add(Map.entry(n, ce));
        }
        if (ec2 && fargate) {
            throw client("A job queue cannot mix EC2 (or SPOT) and Fargate (FARGATE, FARGATE_SPOT) compute "
                    + "environments.");
        }
        if (archs.size() > 1) {
            throw client("All compute environments attached to a job queue must share one CPU architecture; "
                    + "computeEnvironmentOrder mixes " + archs + ".");
        }
        order.sort(Map.Entry.comparingByKey());
        return order;
    }

    /** The queue's current order. */
    static List<Map.Entry<Integer, ComputeEnvironment>> of(JobQueue q) {
        List<Map.Entry<Integer, ComputeEnvironment>> order = new ArrayList<>();
        for (int i = 0; i < q.order.size(); i++) {
            order.add(Map.entry(q.orderNumbers.get(i), q.order.get(i)));
        }
        return order;
    }

    /** Attaches the queue to the compute environments of {@code order} (and detaches it from the others). */
    static void set(JobQueue q, List<Map.Entry<Integer, ComputeEnvironment>> order) {
        for (ComputeEnvironment old : q.order) {
            old.queues.remove(q);
        }
        q.order.clear();
        q.orderNumbers.clear();
        for (Map.Entry<Integer, ComputeEnvironment> e : order) {
            q.order.add(e.getValue());
            q.orderNumbers.add(e.getKey());
            e.getValue().queues.add(q);
        }
    }

    static List<TimeLimitAction> timeLimitActions(JsonNode node, List<Map.Entry<Integer, ComputeEnvironment>> order) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw client("jobStateTimeLimitActions must be a list.");
        }
        if (node.size() > 5) {
            throw client("jobStateTimeLimitActions can have at most 5 entries.");
        }
        for (Map.Entry<Integer, ComputeEnvironment> e : order) {
            if (e.getValue().fargate()) {
                throw client("jobStateTimeLimitActions are supported only for job queues with EC2 compute "
                        + "environments (ECS), not Fargate.");
            }
        }
        List<TimeLimitAction> out = new ArrayList<>();
        for (JsonNode a : node) {
            String reason = a.path("reason").asText("");
            String st = a.path("state").asText("");
            String action = a.path("action").asText("");
            if (!TIME_LIMIT_REASONS.contains(reason)) {
                throw client("jobStateTimeLimitActions.reason must be one of " + TIME_LIMIT_REASONS + "; got '"
                        + reason + "'.");
            }
            if (!"RUNNABLE".equals(st)) {
                throw client("jobStateTimeLimitActions.state must be RUNNABLE; got '" + st + "'.");
            }
            if (!"CANCEL".equals(action)) {
                throw client("jobStateTimeLimitActions.action must be CANCEL; got '" + action + "'.");
            }
            if (!a.hasNonNull("maxTimeSeconds") || a.get("maxTimeSeconds").asInt() < 600
                    || a.get("maxTimeSeconds").asInt() > 86_400) {
                throw client("jobStateTimeLimitActions.maxTimeSeconds must be between 600 and 86400; got "
                        + a.get("maxTimeSeconds") + ".");
            }
            out.add(new TimeLimitAction(reason, st, a.get("maxTimeSeconds").asInt(), action));
        }
        return List.copyOf(out);
    }
}
