package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.MAX_QUEUES;
import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.priority;
import static dev.gbo.local.batch.BatchInput.resourceName;
import static dev.gbo.local.batch.BatchInput.state;
import static dev.gbo.local.batch.BatchInput.tags;
import static dev.gbo.local.batch.BatchInput.upper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
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
import java.util.Set;
import dev.gbo.local.core.Access;
import java.util.ArrayList;

/** AWS Batch CreateJobQueue: a VALID queue over up to three compute environments of one architecture. */
final class CreateJobQueue implements Operation {
    private final BatchStore store;
    private final Fleet fleet;

    CreateJobQueue(BatchStore store, Fleet fleet) {
        this.store = store;
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "CreateJobQueue";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/createjobqueue");
    }

    /** The job queue and the compute environments of its order; batch:TagResource for its tags. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String q = BatchAccess.arn(c, "job-queue", in, "jobQueueName");
        if (q == null) {
            return List.of();
        }
        List<Access> out = new ArrayList<>();
        out.add(Access.of(action, q));
        BatchAccess.computeEnvironments(out, action, c, in);
        BatchAccess.tagOnCreate(out, q, in, "CreateJobQueue");
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            String name = resourceName(in, "jobQueueName");
            JQState qState = JQState.valueOf(state(upper(Json.text(in, "state", "ENABLED"))));
            if (!in.hasNonNull("priority")) {
                throw client("priority is required.");
            }
            int priority = priority(in.get("priority"));
            if (store.hasJobQueue(name)) {
                throw new AwsException("ConflictException", 409, "Object already exists");
            }
            if (store.jobQueueCount() >= MAX_QUEUES) {
                throw client("Maximum number of job queues (" + MAX_QUEUES + ") reached. This quota cannot be raised: "
                        + "delete a job queue first.");
            }
            List<Map.Entry<Integer, ComputeEnvironment>> order = QueueOrder.parse(store, in.get("computeEnvironmentOrder"));
            List<TimeLimitAction> actions = QueueOrder.timeLimitActions(in.get("jobStateTimeLimitActions"), order);
            JobQueue q = new JobQueue();
            q.name = name;
            q.arn = store.arn("job-queue", name);
            q.state = qState;
            q.status = JQStatus.VALID;
            q.statusReason = "JobQueue Healthy";
            q.priority = priority;
            q.tags = tags(in.get("tags"));
            q.jobQueueType = Json.text(in, "jobQueueType", null);
            if (q.jobQueueType != null
                    && !Set.of("ECS", "ECS_FARGATE", "EKS", "SAGEMAKER_TRAINING").contains(q.jobQueueType)) {
                throw client("jobQueueType must be one of ECS, ECS_FARGATE, EKS, SAGEMAKER_TRAINING; got '"
                        + q.jobQueueType + "'.");
            }
            q.schedulingPolicyArn = Json.text(in, "schedulingPolicyArn", null);
            q.timeLimitActions = actions;
            QueueOrder.set(q, order);
            store.putJobQueue(q);
            fleet.onQueueChanged(q);
            ObjectNode out = Json.object();
            out.put("jobQueueName", name);
            out.put("jobQueueArn", q.arn);
            return out;
        });
    }
}
