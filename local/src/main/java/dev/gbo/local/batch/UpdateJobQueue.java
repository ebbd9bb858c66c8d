package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.priority;
import static dev.gbo.local.batch.BatchInput.req;
import static dev.gbo.local.batch.BatchInput.state;
import static dev.gbo.local.batch.BatchInput.upper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.BatchModel.TimeLimitAction;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.fleet.JQState;
import dev.gbo.local.fleet.JQStatus;
import java.util.List;
import java.util.Map;
import dev.gbo.local.core.Access;
import java.util.ArrayList;

/** AWS Batch UpdateJobQueue: state, priority, compute environment order and time-limit actions. */
final class UpdateJobQueue implements Operation {
    private final BatchStore store;
    private final Fleet fleet;

    UpdateJobQueue(BatchStore store, Fleet fleet) {
        this.store = store;
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "UpdateJobQueue";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/updatejobqueue");
    }

    /** The job queue and the compute environments of its new order. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String q = BatchAccess.arn(c, "job-queue", in, "jobQueue");
        if (q == null) {
            return List.of();
        }
        List<Access> out = new ArrayList<>();
        out.add(Access.of(action, q));
        BatchAccess.computeEnvironments(out, action, c, in);
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            JobQueue q = store.jobQueue(req(in, "jobQueue"));
            if (q.status == JQStatus.DELETING || q.status == JQStatus.DELETED) {
                throw client("Job queue " + q.name + " is " + q.status + " and cannot be updated.");
            }
            List<Map.Entry<Integer, ComputeEnvironment>> order = null;
            if (in.hasNonNull("computeEnvironmentOrder")) {
                order = QueueOrder.parse(store, in.get("computeEnvironmentOrder"));
            }
            List<TimeLimitAction> actions = null;
            if (in.hasNonNull("jobStateTimeLimitActions")) {
                actions = QueueOrder.timeLimitActions(in.get("jobStateTimeLimitActions"),
                        order != null ? order : QueueOrder.of(q));
            }
            Integer priority = in.hasNonNull("priority") ? priority(in.get("priority")) : null;
            if (in.hasNonNull("state")) {
                q.state = JQState.valueOf(state(upper(in.get("state").asText())));
            }
            if (priority != null) {
                q.priority = priority;
            }
            if (order != null) {
                QueueOrder.set(q, order);
            }
            if (actions != null) {
                q.timeLimitActions = actions;
            }
            fleet.onQueueChanged(q);
            ObjectNode out = Json.object();
            out.put("jobQueueName", q.name);
            out.put("jobQueueArn", q.arn);
            return out;
        });
    }
}
