package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 ListObjects (version 1): keys after {@code marker} under {@code prefix}, rolled up at {@code delimiter}; {@code NextMarker} when truncated. */
final class ListObjects implements Operation {
    private final S3Store store;

    ListObjects(S3Store store) {
        this.store = store;
    }

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
        String bucket = input.path("Bucket").asText();
        JsonNode q = input.path("Query");
        String prefix = q.path("prefix").asText("");
        String delimiter = q.path("delimiter").asText(null);
        String marker = q.path("marker").asText(null);
        int max = q.has("max-keys") ? Integer.parseInt(q.get("max-keys").asText().trim()) : 1000;
        ObjectNode out = Json.object();
        ObjectNode r = out.putObject("Xml").putObject("ListBucketResult");
        r.put("Name", bucket);
        r.put("Prefix", prefix);
        r.put("Marker", marker == null ? "" : marker);
        r.put("MaxKeys", max);
        if (delimiter != null) {
            r.put("Delimiter", delimiter);
        }
        store.list(bucket, prefix, delimiter, marker, max, r);
        r.remove("KeyCount");
        JsonNode next = r.remove("NextContinuationToken");
        if (next != null) {
            r.put("NextMarker", new String(java.util.Base64.getDecoder().decode(next.asText()), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }
}
