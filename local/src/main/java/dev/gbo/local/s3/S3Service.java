package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * S3 of the local cloud (REST-XML, path-style; see {@link dev.gbo.local.http.RestXmlProtocol}):
 * buckets and objects in memory, and EventBridge notifications: with
 * {@code <EventBridgeConfiguration/>} on, PutObject emits the "Object Created" event on the default
 * bus, as S3 does. Other notification configurations (SQS, SNS, Lambda) are stored and returned but
 * deliver nothing.
 */
public final class S3Service implements AwsService {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final ServiceRegistry registry;
    private final Map<String, Bucket> buckets = new TreeMap<>();
    private final AtomicLong sequencer = new AtomicLong(0x0A1B2C3D4E5F6000L);

    public S3Service(SimClock clock, String region, String accountId, ServiceRegistry registry) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.registry = registry;
    }

    @Override
    public String signingName() {
        return "s3";
    }

    private static final class Bucket {
        final String name;
        final Instant created;
        final NavigableMap<String, StoredObject> objects = new TreeMap<>();
        String notificationXml = "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>";
        boolean eventBridge;

        Bucket(String name, Instant created) {
            this.name = name;
            this.created = created;
        }
    }

    private record StoredObject(byte[] data, String etag, String contentType, Map<String, String> metadata,
            Instant lastModified) {
    }

    // ------------------------------------------------------------------ in-process API

    public synchronized void createBucket(String name) {
        buckets.computeIfAbsent(name, n -> new Bucket(n, clock.now()));
    }

    /** Turns EventBridge notifications on for the bucket (as PutBucketNotificationConfiguration does). */
    public synchronized void enableEventBridge(String bucket) {
        Bucket b = bucket(bucket);
        b.eventBridge = true;
        b.notificationXml = "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<EventBridgeConfiguration/></NotificationConfiguration>";
    }

    /** Stores an object as PutObject does (events included); returns its ETag (quoted). */
    public String putObject(String bucket, String key, byte[] data, String contentType) {
        return put(bucket, key, data, contentType, Map.of(), "local-" + sequencer.get());
    }

    public synchronized byte[] getObject(String bucket, String key) {
        return object(bucket(bucket), key).data.clone();
    }

    // ------------------------------------------------------------------ operations

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        return switch (operation) {
            case "ListBuckets" -> listBuckets();
            case "CreateBucket" -> createBucketOp(input, context);
            case "HeadBucket" -> headBucket(input);
            case "DeleteBucket" -> deleteBucket(input);
            case "GetBucketLocation" -> getBucketLocation(input);
            case "PutBucketNotificationConfiguration" -> putNotification(input);
            case "GetBucketNotificationConfiguration" -> getNotification(input);
            case "ListObjectsV2" -> listObjectsV2(input);
            case "PutObject" -> putObjectOp(input, context);
            case "GetObject" -> getObjectOp(input, false);
            case "HeadObject" -> getObjectOp(input, true);
            case "DeleteObject" -> deleteObject(input);
            default -> throw new AwsException("NotImplemented", 501, "The local cloud's S3 does not implement "
                    + operation + ". It serves CreateBucket, HeadBucket, DeleteBucket, ListBuckets, PutObject,"
                    + " GetObject, HeadObject, DeleteObject, ListObjectsV2 and bucket notification configuration.");
        };
    }

    private Bucket bucket(String name) {
        Bucket b = buckets.get(name);
        if (b == null) {
            throw new AwsException("NoSuchBucket", 404, "The specified bucket does not exist");
        }
        return b;
    }

    private static StoredObject object(Bucket b, String key) {
        StoredObject o = b.objects.get(key);
        if (o == null) {
            throw new AwsException("NoSuchKey", 404, "The specified key does not exist.");
        }
        return o;
    }

    private synchronized JsonNode listBuckets() {
        ObjectNode out = Json.object();
        ObjectNode result = out.putObject("Xml").putObject("ListAllMyBucketsResult");
        ObjectNode owner = result.putObject("Owner");
        owner.put("ID", HexFormat.of().formatHex(accountId.getBytes(StandardCharsets.UTF_8)));
        owner.put("DisplayName", "gbo-local");
        ArrayNode list = result.putObject("Buckets").putArray("Bucket");
        for (Bucket b : buckets.values()) {
            ObjectNode e = list.addObject();
            e.put("Name", b.name);
            e.put("CreationDate", iso(b.created));
        }
        return out;
    }

    private synchronized JsonNode createBucketOp(JsonNode input, RequestContext ctx) {
        String name = input.path("Bucket").asText();
        if (!name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || name.contains("..")) {
            throw new AwsException("InvalidBucketName", 400, "The specified bucket is not valid.");
        }
        if (buckets.containsKey(name)) {
            throw new AwsException("BucketAlreadyOwnedByYou", 409,
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        buckets.put(name, new Bucket(name, clock.now()));
        ObjectNode out = Json.object();
        out.putObject("Headers").put("Location", "/" + name);
        return out;
    }

    private synchronized JsonNode headBucket(JsonNode input) {
        bucket(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        out.putObject("Headers").put("x-amz-bucket-region", region);
        return out;
    }

    private synchronized JsonNode deleteBucket(JsonNode input) {
        Bucket b = bucket(input.path("Bucket").asText());
        if (!b.objects.isEmpty()) {
            throw new AwsException("BucketNotEmpty", 409, "The bucket you tried to delete is not empty");
        }
        buckets.remove(b.name);
        ObjectNode out = Json.object();
        out.put("Status", 204);
        return out;
    }

    private synchronized JsonNode getBucketLocation(JsonNode input) {
        bucket(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        out.putObject("Xml").put("LocationConstraint", "us-east-1".equals(region) ? "" : region);
        return out;
    }

    private synchronized JsonNode putNotification(JsonNode input) {
        Bucket b = bucket(input.path("Bucket").asText());
        String xml = new String(body(input), StandardCharsets.UTF_8);
        boolean eventBridge;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            if (!"NotificationConfiguration".equals(doc.getDocumentElement().getLocalName())) {
                throw new IllegalArgumentException("root element is " + doc.getDocumentElement().getLocalName());
            }
            eventBridge = doc.getElementsByTagNameNS("*", "EventBridgeConfiguration").getLength() > 0;
        } catch (Exception e) {
            throw new AwsException("MalformedXML", 400, "The XML you provided was not well-formed or did not validate"
                    + " against our published schema");
        }
        b.notificationXml = xml.replaceFirst("^\\s*<\\?xml[^>]*\\?>\\s*", "");
        b.eventBridge = eventBridge;
        return Json.object();
    }

    private synchronized JsonNode getNotification(JsonNode input) {
        Bucket b = bucket(input.path("Bucket").asText());
        ObjectNode out = Json.object();
        ObjectNode h = out.putObject("Headers");
        h.put("Content-Type", "application/xml");
        out.put("Body", Base64.getEncoder().encodeToString(
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + b.notificationXml).getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private synchronized JsonNode listObjectsV2(JsonNode input) {
        Bucket b = bucket(input.path("Bucket").asText());
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
        r.put("Name", b.name);
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
        return out;
    }

    private JsonNode putObjectOp(JsonNode input, RequestContext ctx) {
        JsonNode h = input.path("Headers");
        if (h.has("x-amz-copy-source")) {
            throw new AwsException("NotImplemented", 501, "The local cloud's S3 does not implement CopyObject.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = h.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("x-amz-meta-")) {
                metadata.put(e.getKey().substring("x-amz-meta-".length()), e.getValue().asText());
            }
        }
        String etag = put(input.path("Bucket").asText(), input.path("Key").asText(), body(input),
                h.path("content-type").asText("binary/octet-stream"), metadata, ctx.requestId());
        ObjectNode out = Json.object();
        out.putObject("Headers").put("ETag", etag);
        return out;
    }

    private String put(String bucket, String key, byte[] data, String contentType, Map<String, String> metadata,
            String requestId) {
        if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new AwsException("KeyTooLongError", 400, "Your key is too long");
        }
        String etag = "\"" + md5(data) + "\"";
        boolean emit;
        String seq;
        synchronized (this) {
            Bucket b = bucket(bucket);
            b.objects.put(key, new StoredObject(data.clone(), etag, contentType, Map.copyOf(metadata),
                    clock.now().truncatedTo(ChronoUnit.SECONDS)));
            emit = b.eventBridge;
            seq = String.format("%018X", sequencer.incrementAndGet());
        }
        if (emit) {
            ObjectNode event = Json.object();
            event.put("version", "0");
            event.put("detail-type", "Object Created");
            event.put("source", "aws.s3");
            event.put("account", accountId);
            event.put("time", clock.now().truncatedTo(ChronoUnit.SECONDS).toString());
            event.put("region", region);
            event.putArray("resources").add("arn:aws:s3:::" + bucket);
            ObjectNode detail = event.putObject("detail");
            detail.put("version", "0");
            detail.putObject("bucket").put("name", bucket);
            ObjectNode obj = detail.putObject("object");
            obj.put("key", key);
            obj.put("size", data.length);
            obj.put("etag", etag.substring(1, etag.length() - 1));
            obj.put("sequencer", seq);
            detail.put("request-id", requestId);
            detail.put("requester", accountId);
            detail.put("source-ip-address", "127.0.0.1");
            detail.put("reason", "PutObject");
            registry.events().putEvent("default", event);
        }
        return etag;
    }

    private synchronized JsonNode getObjectOp(JsonNode input, boolean head) {
        Bucket b = bucket(input.path("Bucket").asText());
        StoredObject o = object(b, input.path("Key").asText());
        ObjectNode out = Json.object();
        ObjectNode h = out.putObject("Headers");
        h.put("ETag", o.etag);
        h.put("Last-Modified", HTTP_DATE.format(o.lastModified));
        h.put("Content-Type", o.contentType);
        h.put("Accept-Ranges", "bytes");
        o.metadata.forEach((k, v) -> h.put("x-amz-meta-" + k, v));
        if (head) {
            h.put("Content-Length", String.valueOf(o.data.length));
        } else {
            out.put("Body", Base64.getEncoder().encodeToString(o.data));
        }
        return out;
    }

    private synchronized JsonNode deleteObject(JsonNode input) {
        Bucket b = bucket(input.path("Bucket").asText());
        b.objects.remove(input.path("Key").asText());
        ObjectNode out = Json.object();
        out.put("Status", 204);
        return out;
    }

    private static byte[] body(JsonNode input) {
        return input.hasNonNull("Body") ? Base64.getDecoder().decode(input.get("Body").asText()) : new byte[0];
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString().replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
