package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** S3 ListObjects (version 1): not implemented; ListObjectsV2 is. */
final class ListObjects implements Operation {
    @Override
    public String name() {
        return "ListObjects";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/{Bucket}");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        throw S3Service.notImplemented(name());
    }
}
