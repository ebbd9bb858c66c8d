package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.JobView;
import java.util.List;

/** AWS Batch DescribeJobs: up to 100 jobs by ID or ARN; unknown IDs are left out. */
final class DescribeJobs implements Operation {
    private final BatchStore store;

    DescribeJobs(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeJobs";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/describejobs");
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        List<String> ids = strings(in.get("jobs"));
        if (in.get("jobs") == null) {
            throw client("jobs is required: a list of up to 100 job IDs.");
        }
        if (ids.size() > 100) {
            throw client("DescribeJobs takes at most 100 job IDs; got " + ids.size() + ".");
        }
        return store.compute(fx -> {
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("jobs");
            for (String id : ids) {
                Job j = store.findJob(id.startsWith("arn:") ? id.substring(id.indexOf(":job/") + 5) : id);
                if (j != null) {
                    arr.add(JobView.detail(j));
                }
            }
            return out;
        });
    }
}
