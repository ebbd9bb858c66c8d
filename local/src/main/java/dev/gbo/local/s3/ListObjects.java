package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

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

    /** S3 authorizes ListObjects as {@code s3:ListBucket} on {@code arn:aws:s3:::BUCKET}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.bucketAccess("s3:ListBucket", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        throw S3Service.notImplemented(name());
    }
}
