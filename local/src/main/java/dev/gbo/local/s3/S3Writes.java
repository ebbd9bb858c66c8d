package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes objects into the {@link S3Store} and, after the store's lock is released, publishes S3's
 * "Object Created" event on the default bus when the bucket has EventBridge notifications on.
 */
final class S3Writes {
    private final S3Store store;
    private final SimClock clock;
    private final ServiceRegistry registry;

    S3Writes(S3Store store, SimClock clock, ServiceRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.registry = registry;
    }

    /** Stores the object; returns its ETag (quoted). */
    String put(String bucket, String key, byte[] data, String contentType, Map<String, String> metadata, String requestId) {
        S3Store.Stored stored = store.put(bucket, key, data, contentType, metadata);
        if (stored.notifyEventBridge()) {
            registry.events().putEvent("default", objectCreated(bucket, key, data.length, stored, requestId));
        }
        return stored.etag();
    }

    private ObjectNode objectCreated(String bucket, String key, int size, S3Store.Stored stored, String requestId) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("detail-type", "Object Created");
        event.put("source", "aws.s3");
        event.put("account", store.accountId);
        event.put("time", clock.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", store.region);
        event.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        ObjectNode obj = detail.putObject("object");
        obj.put("key", key);
        obj.put("size", size);
        obj.put("etag", stored.etag().substring(1, stored.etag().length() - 1));
        obj.put("sequencer", stored.sequencer());
        detail.put("request-id", requestId);
        detail.put("requester", store.accountId);
        detail.put("source-ip-address", "127.0.0.1");
        detail.put("reason", "PutObject");
        return event;
    }
}
