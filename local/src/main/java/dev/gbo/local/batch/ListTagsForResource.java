package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.req;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** AWS Batch ListTagsForResource: the tags of a compute environment, job queue, job definition or job. */
final class ListTagsForResource implements Operation {
    private final BatchStore store;

    ListTagsForResource(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListTagsForResource";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/v1/tags/{resourceArn}");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = BatchAccess.text(in, "resourceArn");
        return arn == null ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            ObjectNode out = Json.object();
            out.set("tags", store.tagsOf(req(in, "resourceArn")).deepCopy());
            return out;
        });
    }
}
