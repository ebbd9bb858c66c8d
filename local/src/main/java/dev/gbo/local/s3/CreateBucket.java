package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** S3 CreateBucket: a bucket with a valid name, once. */
final class CreateBucket implements Operation {
    private final S3Store store;

    CreateBucket(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "CreateBucket";
    }

    @Override
    public Binding binding() {
        return Binding.rest("PUT", "/{Bucket}");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = BucketNames.require(input.path("Bucket").asText());
        store.createBucket(name);
        ObjectNode out = Json.object();
        out.putObject("Headers").put("Location", "/" + name);
        return out;
    }
}
