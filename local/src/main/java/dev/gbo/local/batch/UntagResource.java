package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;
import static dev.gbo.local.batch.BatchInput.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;
import dev.gbo.local.core.Access;

/** AWS Batch UntagResource: removes the tags of the given keys ({@code ?tagKeys=a&tagKeys=b}). */
final class UntagResource implements Operation {
    private final BatchStore store;

    UntagResource(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "UntagResource";
    }

    @Override
    public Binding binding() {
        return Binding.rest("DELETE", "/v1/tags/{resourceArn}").queryList("tagKeys", "tagKeys");
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
            List<String> keys = strings(in.get("tagKeys"));
            if (keys.isEmpty()) {
                throw client("tagKeys is required: at least one key.");
            }
            keys.forEach(tags::remove);
            return Json.object();
        });
    }
}
