package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.pages;
import static dev.gbo.local.batch.BatchInput.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.Pages;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import java.util.ArrayList;
import java.util.List;

/** AWS Batch DescribeComputeEnvironments: all, or those named (names or ARNs), a page at a time. */
final class DescribeComputeEnvironments implements Operation {
    private static final Pages PAGES = pages("compute-environments", 100);
    private final BatchStore store;

    DescribeComputeEnvironments(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeComputeEnvironments";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/describecomputeenvironments");
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        List<String> wanted = strings(in.get("computeEnvironments"));
        if (wanted.size() > 100) {
            throw client("computeEnvironments can list at most 100 compute environments.");
        }
        return store.compute(fx -> {
            List<ObjectNode> rows = new ArrayList<>();
            for (ComputeEnvironment ce : store.computeEnvironments()) {
                if (wanted.isEmpty() || wanted.contains(ce.name) || wanted.contains(ce.arn)) {
                    rows.add(view(ce));
                }
            }
            return PAGES.page(in, rows, "computeEnvironments");
        });
    }

    /** The ComputeEnvironmentDetail. */
    private static ObjectNode view(ComputeEnvironment ce) {
        ObjectNode o = Json.object();
        o.put("computeEnvironmentName", ce.name);
        o.put("computeEnvironmentArn", ce.arn);
        o.put("ecsClusterArn", ce.ecsClusterArn);
        o.set("tags", ce.tags.deepCopy());
        o.put("type", ce.type);
        o.put("state", ce.state.name());
        o.put("status", ce.status.name());
        if (ce.statusReason != null) {
            o.put("statusReason", ce.statusReason);
        }
        if (ce.computeResources != null) {
            ObjectNode cr = ce.computeResources.deepCopy();
            if (!ce.fargate()) {
                // Batch scales desiredvCpus with the work placed on the environment.
                cr.put("desiredvCpus", Math.max(cr.path("minvCpus").asInt(0), ce.usedVcpus));
            }
            o.set("computeResources", cr);
        }
        o.put("serviceRole", ce.serviceRole);
        if (ce.updatePolicy != null) {
            o.set("updatePolicy", ce.updatePolicy.deepCopy());
        } else {
            o.putObject("updatePolicy").put("terminateJobsOnUpdate", false).put("jobExecutionTimeoutMinutes", 30);
        }
        o.put("containerOrchestrationType", "ECS");
        o.put("uuid", ce.uuid);
        return o;
    }
}
