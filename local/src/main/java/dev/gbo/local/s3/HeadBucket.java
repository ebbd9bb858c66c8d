package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 HeadBucket: 200 with the bucket's region, or NoSuchBucket. */
final class HeadBucket implements Operation {
    private final S3Store store;

    HeadBucket(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "HeadBucket";
    }

    @Override
    public Binding binding() {
        return Binding.rest("HEAD", "/{Bucket}");
    }

    /** S3 authorizes HeadBucket as {@code s3:ListBucket} on {@code arn:aws:s3:::BUCKET}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.bucketAccess("s3:ListBucket", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        store.requireBucket(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        out.putObject("Headers").put("x-amz-bucket-region", store.region);
        return out;
    }
}
