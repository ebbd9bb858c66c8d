package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

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

    /** S3 authorizes CreateBucket as {@code s3:CreateBucket} on {@code arn:aws:s3:::BUCKET}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.bucketAccess("s3:CreateBucket", in);
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
