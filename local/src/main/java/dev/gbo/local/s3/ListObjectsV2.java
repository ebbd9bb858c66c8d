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
        int max = q.has("max-keys") ? Integer.parseInt(q.get("max-keys").asText().trim()) : 1000; // an int: checked by its shape
        String token = q.path("continuation-token").asText(null);
        String startAfter = q.path("start-after").asText(null);
        String from = token != null ? continuationKey(token) : startAfter;
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

    /** The key a continuation token of ours names; S3's InvalidArgument for any other token. */
    private static String continuationKey(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new dev.gbo.local.core.AwsException("InvalidArgument", 400, "The continuation token provided is incorrect: "
                    + "pass the NextContinuationToken of the previous page unchanged.");
        }
    }
}
