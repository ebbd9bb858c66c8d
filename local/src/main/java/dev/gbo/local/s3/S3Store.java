package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.core.StateLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of S3: buckets and their objects, in memory. The store owns its maps and one lock (its
 * monitor); every access goes through its methods, which hand out copies. Notifications are not sent
 * from here: {@link #put} says whether to, and the caller emits after the lock is released.
 */
final class S3Store {
    static final String EMPTY_NOTIFICATION = "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>";

    private final SimClock clock;
    final String region;
    final String accountId;
    private final Map<String, Bucket> buckets = new TreeMap<>();
    private long sequencer = 0x0A1B2C3D4E5F6000L;
    private StateLog log = StateLog.NONE;

    S3Store(SimClock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    private static final class Bucket {
        final String name;
        final Instant created;
        final NavigableMap<String, StoredObject> objects = new TreeMap<>();
        String notificationXml = EMPTY_NOTIFICATION;
        boolean eventBridge;

        Bucket(String name, Instant created) {
            this.name = name;
            this.created = created;
        }
    }

    /** One stored object (its bytes are never handed out without a copy). */
    record StoredObject(byte[] data, String etag, String contentType, Map<String, String> metadata,
            Instant lastModified) {
    }

    /** The outcome of a put: the quoted ETag, the event sequencer, and whether to notify EventBridge. */
    record Stored(String etag, String sequencer, boolean notifyEventBridge) {
    }

    /** A bucket's name and creation time. */
    record BucketInfo(String name, Instant created) {
    }

    // ------------------------------------------------------------------ durability (gbo serve --state-dir)

    /**
     * Takes back the buckets and objects a durable cloud recorded ({@code s3/bucket/<name>},
     * {@code s3/object/<bucket>/<key>}), then records every change from now on in {@code log}.
     */
    synchronized void durable(StateLog log, StateLog.Restored restored) {
        for (StateLog.Entry e : restored.under("s3/bucket/")) {
            JsonNode v = e.value();
            Bucket b = new Bucket(v.path("name").asText(), Instant.ofEpochMilli(v.path("created").asLong()));
            b.notificationXml = v.path("notificationXml").asText(EMPTY_NOTIFICATION);
            b.eventBridge = v.path("eventBridge").asBoolean();
            buckets.put(b.name, b);
        }
        for (StateLog.Entry e : restored.under("s3/object/")) {
            JsonNode v = e.value();
            Bucket b = buckets.get(v.path("bucket").asText());
            if (b == null) {
                continue;
            }
            Map<String, String> metadata = new java.util.LinkedHashMap<>();
            v.path("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().asText()));
            b.objects.put(v.path("key").asText(), new StoredObject(Base64.getDecoder().decode(v.path("data").asText()),
                    v.path("etag").asText(), v.path("contentType").asText(null), Map.copyOf(metadata),
                    Instant.ofEpochMilli(v.path("lastModified").asLong())));
            sequencer = Math.max(sequencer, v.path("sequencer").asLong());
        }
        this.log = log;
    }

    private void logBucket(Bucket b) {
        if (log.enabled()) {
            ObjectNode v = Json.object();
            v.put("name", b.name);
            v.put("created", b.created.toEpochMilli());
            v.put("notificationXml", b.notificationXml);
            v.put("eventBridge", b.eventBridge);
            log.put("s3/bucket/" + b.name, v);
        }
    }

    private void logObject(String bucket, String key, StoredObject o) {
        if (log.enabled()) {
            ObjectNode v = Json.object();
            v.put("bucket", bucket);
            v.put("key", key);
            v.put("data", Base64.getEncoder().encodeToString(o.data));
            v.put("etag", o.etag);
            if (o.contentType != null) {
                v.put("contentType", o.contentType);
            }
            ObjectNode m = v.putObject("metadata");
            o.metadata.forEach(m::put);
            v.put("lastModified", o.lastModified.toEpochMilli());
            v.put("sequencer", sequencer);
            log.put("s3/object/" + bucket + "/" + key, v);
        }
    }

    synchronized List<BucketInfo> buckets() {
        return buckets.values().stream().map(b -> new BucketInfo(b.name, b.created)).toList();
    }

    /** Creates the bucket if it does not exist (in process). */
    synchronized void ensureBucket(String name) {
        if (!buckets.containsKey(name)) {
            Bucket b = new Bucket(name, clock.now());
            buckets.put(name, b);
            logBucket(b);
        }
    }

    synchronized void createBucket(String name) {
        if (buckets.containsKey(name)) {
            throw new AwsException("BucketAlreadyOwnedByYou", 409,
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        Bucket b = new Bucket(name, clock.now());
        buckets.put(name, b);
        logBucket(b);
    }

    /** Throws NoSuchBucket unless the bucket exists. */
    synchronized void requireBucket(String name) {
        bucket(name);
    }

    synchronized void deleteBucket(String name) {
        Bucket b = bucket(name);
        if (!b.objects.isEmpty()) {
            throw new AwsException("BucketNotEmpty", 409, "The bucket you tried to delete is not empty");
        }
        buckets.remove(b.name);
        log.remove("s3/bucket/" + b.name);
    }

    synchronized void notification(String bucket, String xml, boolean eventBridge) {
        Bucket b = bucket(bucket);
        b.notificationXml = xml;
        b.eventBridge = eventBridge;
        logBucket(b);
    }

    synchronized String notificationXml(String bucket) {
        return bucket(bucket).notificationXml;
    }

    synchronized Stored put(String bucket, String key, byte[] data, String contentType, Map<String, String> metadata) {
        if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new AwsException("KeyTooLongError", 400, "Your key is too long");
        }
        String etag = "\"" + md5(data) + "\"";
        Bucket b = bucket(bucket);
        StoredObject o = new StoredObject(data.clone(), etag, contentType, Map.copyOf(metadata),
                clock.now().truncatedTo(ChronoUnit.SECONDS));
        b.objects.put(key, o);
        Stored stored = new Stored(etag, String.format("%018X", ++sequencer), b.eventBridge);
        logObject(bucket, key, o);
        return stored;
    }

    /** The current sequencer (the in-process put's request id). */
    synchronized long sequencer() {
        return sequencer;
    }

    synchronized StoredObject object(String bucket, String key) {
        StoredObject o = bucket(bucket).objects.get(key);
        if (o == null) {
            throw new AwsException("NoSuchKey", 404, "The specified key does not exist.");
        }
        return new StoredObject(o.data.clone(), o.etag, o.contentType, o.metadata, o.lastModified);
    }

    synchronized void deleteObject(String bucket, String key) {
        if (bucket(bucket).objects.remove(key) != null) {
            log.remove("s3/object/" + bucket + "/" + key);
        }
    }

    /**
     * ListObjectsV2's page into {@code r} (the ListBucketResult): keys after {@code from} under
     * {@code prefix}, rolled up at {@code delimiter}, at most {@code max} keys and prefixes.
     */
    synchronized void list(String bucket, String prefix, String delimiter, String from, int max, ObjectNode r) {
        Bucket b = bucket(bucket);
        r.put("Name", b.name);
        ArrayNode contents = Json.array();
        TreeSet<String> prefixes = new TreeSet<>();
        int count = 0;
        String last = null;
        boolean truncated = false;
        NavigableMap<String, StoredObject> view = from == null ? b.objects : b.objects.tailMap(from, false);
        for (Map.Entry<String, StoredObject> e : view.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                if (key.compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            String common = null;
            if (delimiter != null && !delimiter.isEmpty()) {
                int i = key.indexOf(delimiter, prefix.length());
                if (i >= 0) {
                    common = key.substring(0, i + delimiter.length());
                }
            }
            if (common != null && prefixes.contains(common)) {
                last = key;
                continue;
            }
            if (count >= max) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(common);
            } else {
                StoredObject o = e.getValue();
                ObjectNode c = contents.addObject();
                c.put("Key", key);
                c.put("LastModified", iso(o.lastModified));
                c.put("ETag", o.etag);
                c.put("Size", o.data.length);
                c.put("StorageClass", "STANDARD");
            }
            count++;
            last = key;
        }
        r.put("KeyCount", count);
        r.put("IsTruncated", truncated);
        if (truncated && last != null) {
            r.put("NextContinuationToken", Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        if (!contents.isEmpty()) {
            r.set("Contents", contents);
        }
        if (!prefixes.isEmpty()) {
            ArrayNode cp = r.putArray("CommonPrefixes");
            prefixes.forEach(p -> cp.addObject().put("Prefix", p));
        }
    }

    private Bucket bucket(String name) {
        Bucket b = buckets.get(name);
        if (b == null) {
            throw new AwsException("NoSuchBucket", 404, "The specified bucket does not exist");
        }
        return b;
    }

    static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString().replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    static byte[] body(com.fasterxml.jackson.databind.JsonNode input) {
        return input.hasNonNull("Body") ? Base64.getDecoder().decode(input.get("Body").asText()) : new byte[0];
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
