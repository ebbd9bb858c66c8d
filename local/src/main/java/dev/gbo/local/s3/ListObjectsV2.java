package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 ListObjectsV2: keys in order, with prefix, delimiter, start-after and continuation tokens. */
final class ListObjectsV2 implements Operation {
    private final S3Store store;

    ListObjectsV2(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListObjectsV2";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/{Bucket}").whenQuery("list-type", "2");
    }

    /** S3 authorizes ListObjectsV2 as {@code s3:ListBucket} on {@code arn:aws:s3:::BUCKET}. */
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
        int max = q.path("max-keys").asInt(1000);
        if (q.has("max-keys")) {
            max = Integer.parseInt(q.get("max-keys").asText());
        }
        String token = q.path("continuation-token").asText(null);
        String startAfter = q.path("start-after").asText(null);
        String from = token != null ? new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8) : startAfter;
        ObjectNode out = Json.object();
        ObjectNode r = out.putObject("Xml").putObject("ListBucketResult");
        r.put("Name", bucket);
        r.put("Prefix", prefix);
        if (startAfter != null) {
            r.put("StartAfter", startAfter);
        }
        if (token != null) {
            r.put("ContinuationToken", token);
        }
        r.put("MaxKeys", max);
        if (delimiter != null) {
            r.put("Delimiter", delimiter);
        }
        store.list(bucket, prefix, delimiter, from, max, r);
        return out;
    }
}
