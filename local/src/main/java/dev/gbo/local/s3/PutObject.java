package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 PutObject: stores the bytes with their content type and metadata; notifies EventBridge when the bucket says so. */
final class PutObject implements Operation {
    private final S3Writes events;

    PutObject(S3Writes events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "PutObject";
    }

    @Override
    public Binding binding() {
        return Binding.rest("PUT", "/{Bucket}/{Key+}");
    }

    /** S3 authorizes PutObject as {@code s3:PutObject} on {@code arn:aws:s3:::BUCKET/KEY}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.objectAccess("s3:PutObject", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        JsonNode h = input.path("Headers");
        if (h.has("x-amz-copy-source")) {
            throw new AwsException("InvalidRequest", 400, "The local cloud's S3 does not implement CopyObject "
                    + "(x-amz-copy-source): get the object and put it under the new key instead.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = h.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("x-amz-meta-")) {
                metadata.put(e.getKey().substring("x-amz-meta-".length()), e.getValue().asText());
            }
        }
        String etag = events.put(input.path("Bucket").asText(), input.path("Key").asText(), S3Store.body(input),
                h.path("content-type").asText("binary/octet-stream"), metadata, context.requestId());
        ObjectNode out = Json.object();
        out.putObject("Headers").put("ETag", etag);
        return out;
    }
}
