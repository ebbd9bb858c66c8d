package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** S3 DeleteBucket: an empty bucket only. */
final class DeleteBucket implements Operation {
    private final S3Store store;

    DeleteBucket(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DeleteBucket";
    }

    @Override
    public Binding binding() {
        return Binding.rest("DELETE", "/{Bucket}");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        store.deleteBucket(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        out.put("Status", 204);
        return out;
    }
}
