package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

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

    /** S3 authorizes DeleteBucket as {@code s3:DeleteBucket} on {@code arn:aws:s3:::BUCKET}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.bucketAccess("s3:DeleteBucket", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        store.deleteBucket(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        out.put("Status", 204);
        return out;
    }
}
