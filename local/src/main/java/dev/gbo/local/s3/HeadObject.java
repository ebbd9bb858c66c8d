package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

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

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        return ObjectHeaders.of(store.object(input.path("Bucket").asText(), input.path("Key").asText()), true);
    }
}
