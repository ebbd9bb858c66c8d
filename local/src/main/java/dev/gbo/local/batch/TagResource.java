package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.checkTagCount;
import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;
import static dev.gbo.local.batch.BatchInput.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** AWS Batch TagResource: adds tags to a compute environment, job queue, job definition or job. */
final class TagResource implements Operation {
    private final BatchStore store;

    TagResource(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "TagResource";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/tags/{resourceArn}");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = BatchAccess.text(in, "resourceArn");
        return arn == null ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            ObjectNode tags = store.tagsOf(req(in, "resourceArn"));
            ObjectNode add = tags(in.get("tags"));
            if (add.isEmpty()) {
                throw client("tags is required: at least one tag.");
            }
            ObjectNode merged = tags.deepCopy();
            merged.setAll(add);
            checkTagCount(merged);
            tags.setAll(add);
            return Json.object();
        });
    }
}
