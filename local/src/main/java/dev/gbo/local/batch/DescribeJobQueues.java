package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.pages;
import static dev.gbo.local.batch.BatchInput.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.Pages;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.BatchModel.TimeLimitAction;
import java.util.ArrayList;
import java.util.List;

/** AWS Batch DescribeJobQueues: all, or those named (names or ARNs), a page at a time. */
final class DescribeJobQueues implements Operation {
    private static final Pages PAGES = pages("job-queues", 100);
    private final BatchStore store;

    DescribeJobQueues(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeJobQueues";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/describejobqueues");
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        List<String> wanted = strings(in.get("jobQueues"));
        if (wanted.size() > 100) {
            throw client("jobQueues can list at most 100 job queues.");
        }
        return store.compute(fx -> {
            List<ObjectNode> rows = new ArrayList<>();
            for (JobQueue q : store.jobQueues()) {
                if (wanted.isEmpty() || wanted.contains(q.name) || wanted.contains(q.arn)) {
                    rows.add(view(q));
                }
            }
            return PAGES.page(in, rows, "jobQueues");
        });
    }

    /** The JobQueueDetail. */
    private static ObjectNode view(JobQueue q) {
        ObjectNode o = Json.object();
        o.put("jobQueueName", q.name);
        o.put("jobQueueArn", q.arn);
        o.put("state", q.state.name());
        if (q.schedulingPolicyArn != null) {
            o.put("schedulingPolicyArn", q.schedulingPolicyArn);
        }
        o.put("status", q.status.name());
        o.put("statusReason", q.statusReason);
        o.put("priority", q.priority);
        ArrayNode order = o.putArray("computeEnvironmentOrder");
        for (int i = 0; i < q.order.size(); i++) {
            order.addObject().put("order", q.orderNumbers.get(i)).put("computeEnvironment", q.order.get(i).arn);
        }
        o.set("tags", q.tags.deepCopy());
        ArrayNode actions = o.putArray("jobStateTimeLimitActions");
        for (TimeLimitAction a : q.timeLimitActions) {
            actions.addObject().put("reason", a.reason()).put("state", a.state())
                    .put("maxTimeSeconds", a.maxTimeSeconds()).put("action", a.action());
        }
        if (q.jobQueueType != null) {
            o.put("jobQueueType", q.jobQueueType);
        }
        return o;
    }
}
