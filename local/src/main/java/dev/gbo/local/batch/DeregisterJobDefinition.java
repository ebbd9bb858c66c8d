package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** AWS Batch DeregisterJobDefinition: one revision becomes INACTIVE. */
final class DeregisterJobDefinition implements Operation {
    private final BatchStore store;

    DeregisterJobDefinition(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DeregisterJobDefinition";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/deregisterjobdefinition");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String d = BatchAccess.arn(c, "job-definition", in, "jobDefinition");
        return d == null ? List.of() : List.of(Access.of(action, d));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        String ref = req(in, "jobDefinition");
        if (!ref.startsWith("arn:") && ref.indexOf(':') < 0) {
            throw client("jobDefinition must be name:revision or an ARN; got '" + ref + "'.");
        }
        return store.compute(fx -> {
            store.jobDefinition(ref, false).status = "INACTIVE";
            return Json.object();
        });
    }
}
