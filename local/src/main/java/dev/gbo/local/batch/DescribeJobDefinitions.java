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
import dev.gbo.local.fleet.BatchModel.JobDefinition;
import java.util.ArrayList;
import java.util.List;

/** AWS Batch DescribeJobDefinitions: revisions by reference, name and status, a page at a time. */
final class DescribeJobDefinitions implements Operation {
    private static final Pages PAGES = pages("job-definitions", 100);
    private final BatchStore store;

    DescribeJobDefinitions(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeJobDefinitions";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/describejobdefinitions");
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        List<String> refs = strings(in.get("jobDefinitions"));
        if (refs.size() > 100) {
            throw client("jobDefinitions can list at most 100 job definitions.");
        }
        String byName = Json.text(in, "jobDefinitionName", null);
        String status = Json.text(in, "status", null);
        return store.compute(fx -> {
            List<ObjectNode> rows = new ArrayList<>();
            for (JobDefinition d : store.jobDefinitions()) {
                boolean wanted = refs.isEmpty() || refs.contains(d.arn) || refs.contains(d.name + ":" + d.revision)
                        || refs.contains(d.name);
                if (!wanted || (byName != null && !byName.equals(d.name))
                        || (status != null && !status.equalsIgnoreCase(d.status))) {
                    continue;
                }
                ObjectNode o = d.json.deepCopy();
                o.put("status", d.status);
                rows.add(o);
            }
            return PAGES.page(in, rows, "jobDefinitions");
        });
    }
}
