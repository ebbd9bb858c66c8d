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

/** S3 GetBucketNotificationConfiguration: the configuration as it was put. */
final class GetBucketNotificationConfiguration implements Operation {
    private final S3Store store;

    GetBucketNotificationConfiguration(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "GetBucketNotificationConfiguration";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/{Bucket}").whenQuery("notification");
    }

    /** S3 authorizes GetBucketNotificationConfiguration as {@code s3:GetBucketNotification} on {@code arn:aws:s3:::BUCKET}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.bucketAccess("s3:GetBucketNotification", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String xml = store.notificationXml(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        ObjectNode h = out.putObject("Headers");
        h.put("Content-Type", "application/xml");
        out.put("Body", Base64.getEncoder().encodeToString(
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}
