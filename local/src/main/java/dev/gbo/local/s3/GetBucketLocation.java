package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** S3 GetBucketLocation: the region, empty for us-east-1 as S3 answers. */
final class GetBucketLocation implements Operation {
    private final S3Store store;

    GetBucketLocation(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "GetBucketLocation";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/{Bucket}").whenQuery("location");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        store.requireBucket(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        out.putObject("Xml").put("LocationConstraint", "us-east-1".equals(store.region) ? "" : store.region);
        return out;
    }
}
