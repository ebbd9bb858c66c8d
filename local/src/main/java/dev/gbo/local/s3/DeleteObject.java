package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 DeleteObject: 204, whether or not the key existed. */
final class DeleteObject implements Operation {
    private final S3Store store;

    DeleteObject(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DeleteObject";
    }

    @Override
    public Binding binding() {
        return Binding.rest("DELETE", "/{Bucket}/{Key+}");
    }

    /** S3 authorizes DeleteObject as {@code s3:DeleteObject} on {@code arn:aws:s3:::BUCKET/KEY}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.objectAccess("s3:DeleteObject", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        store.deleteObject(input.path("Bucket").asText(), input.path("Key").asText());
        ObjectNode out = Json.object();
        out.put("Status", 204);
        return out;
    }
}
