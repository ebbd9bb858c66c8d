package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.util.Map;

/**
 * S3 of the local cloud (REST-XML, path-style; see {@link dev.gbo.local.http.RestXmlProtocol}): the
 * registry of its operations, each bound to its route, over the {@link S3Store}: buckets and objects in
 * memory, and EventBridge notifications: with {@code <EventBridgeConfiguration/>} on, PutObject emits the
 * "Object Created" event on the default bus, as S3 does. Other notification configurations (SQS, SNS,
 * Lambda) are stored and returned but deliver nothing. The first registered route that matches a
 * request takes it, so subresource routes ({@code ?notification}) come before the plain ones.
 */
public final class S3Service extends OperationRegistry {
    private final S3Store store;
    private final S3Writes writes;

    public S3Service(SimClock clock, String region, String accountId, ServiceRegistry registry) {
        this.store = new S3Store(clock, region, accountId);
        this.writes = new S3Writes(store, clock, registry);
        register(new ListBuckets(store),
                new PutBucketNotificationConfiguration(store), new CreateBucket(store),
                new GetBucketNotificationConfiguration(store), new GetBucketLocation(store), new ListObjectsV2(store),
                new ListObjects(store), new HeadBucket(store), new DeleteBucket(store),
                new PutObject(writes), new GetObject(store), new HeadObject(store), new DeleteObject(store));
        declareInputs();
    }

    @Override
    public String signingName() {
        return "s3";
    }

    /** S3 (REST-XML) refuses with HTTP 403 AccessDenied. */
    @Override
    public AwsException accessDenied(String message) {
        return new AwsException("AccessDenied", 403, message);
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        if (operations().stream().noneMatch(op -> op.name().equals(operation))) {
            throw notImplemented(operation);
        }
        return super.call(operation, input, context);
    }

    static AwsException notImplemented(String operation) {
        return new AwsException("InvalidRequest", 400, "The local cloud's S3 does not implement "
                + operation + ". It serves CreateBucket, HeadBucket, DeleteBucket, ListBuckets, PutObject,"
                + " GetObject, HeadObject, DeleteObject, ListObjects, ListObjectsV2 and bucket notification configuration.");
    }

    /** {@code action} on the request's bucket ({@code arn:aws:s3:::BUCKET}). */
    static java.util.List<Access> bucketAccess(String action, JsonNode in) {
        String bucket = in.path("Bucket").asText("");
        return bucket.isEmpty() ? java.util.List.of() : java.util.List.of(Access.of(action, "arn:aws:s3:::" + bucket));
    }

    /** {@code action} on the request's object ({@code arn:aws:s3:::BUCKET/KEY}). */
    static java.util.List<Access> objectAccess(String action, JsonNode in) {
        String bucket = in.path("Bucket").asText("");
        return bucket.isEmpty() ? java.util.List.of()
                : java.util.List.of(Access.of(action, "arn:aws:s3:::" + bucket + "/" + in.path("Key").asText("")));
    }

    // ------------------------------------------------------------------ in-process API

    /** Restores what a durable cloud recorded and records every change from now on (see {@link dev.gbo.local.core.StateLog}). */
    public void durable(dev.gbo.local.core.StateLog log, dev.gbo.local.core.StateLog.Restored restored) {
        store.durable(log, restored);
    }

    public void createBucket(String name) {
        store.ensureBucket(name);
    }

    /** Turns EventBridge notifications on for the bucket (as PutBucketNotificationConfiguration does). */
    public void enableEventBridge(String bucket) {
        store.notification(bucket, "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<EventBridgeConfiguration/></NotificationConfiguration>", true);
    }

    /** Stores an object as PutObject does (events included); returns its ETag (quoted). */
    public String putObject(String bucket, String key, byte[] data, String contentType) {
        return writes.put(bucket, key, data, contentType, Map.of(), "local-" + store.sequencer());
    }

    public byte[] getObject(String bucket, String key) {
        return store.object(bucket, key).data();
    }

    /** Member types of the query parameters and headers S3's operations read (every one arrives as text). */
    private void declareInputs() {
        String page = "Query: {max-keys: int[0..]; prefix: string; delimiter: string; encoding-type: enum(url)";
        shape("ListObjectsV2", page + "; list-type: enum(2); continuation-token: string; start-after: string; fetch-owner: boolean}");
        shape("ListObjects", page + "; marker: string}");
        shape("ListBuckets", "Query: {max-buckets: int[1..10000]; continuation-token: string; prefix: string}");
        shape("PutObject", "Key!: string[1..1024]; Headers: {content-length: long[0..]}");
        shape("GetObject", "Key!: string[1..1024]; Query: {partNumber: int[1..10000]}");
        shape("HeadObject", "Key!: string[1..1024]; Query: {partNumber: int[1..10000]}");
        shape("DeleteObject", "Key!: string[1..1024]");
        for (String bucketOnly : new String[] {"CreateBucket", "DeleteBucket", "HeadBucket", "GetBucketLocation",
            "GetBucketNotificationConfiguration", "PutBucketNotificationConfiguration"}) {
            shape(bucketOnly, "Bucket!: string; Body: blob"); // names: S3's own rules (BucketNames), InvalidBucketName
        }
    }

    @Override
    protected boolean textInput() {
        return true;
    }

    @Override
    protected dev.gbo.local.core.Shape.InputErrors inputErrors() {
        return ERRORS;
    }

    /** S3 answers a malformed argument with InvalidArgument. */
    private static final dev.gbo.local.core.Shape.InputErrors ERRORS = dev.gbo.local.core.Shape.InputErrors.of(
            (path, message) -> new dev.gbo.local.core.AwsException("InvalidArgument", 400, "Provided "
                    + path.replace("Query.", "").replace("Headers.", "") + " not valid: " + message),
            summary -> new dev.gbo.local.core.AwsException("InvalidArgument", 400, summary));
}
