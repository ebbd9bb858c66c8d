package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 HeadObject: GetObject's headers and the length, without the bytes. */
final class HeadObject implements Operation {
    private final S3Store store;

    HeadObject(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "HeadObject";
    }

    @Override
    public Binding binding() {
        return Binding.rest("HEAD", "/{Bucket}/{Key+}");
    }

    /** S3 authorizes HeadObject as {@code s3:GetObject} on {@code arn:aws:s3:::BUCKET/KEY}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.objectAccess("s3:GetObject", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        return ObjectHeaders.of(store.object(input.path("Bucket").asText(), input.path("Key").asText()), true);
    }
}
