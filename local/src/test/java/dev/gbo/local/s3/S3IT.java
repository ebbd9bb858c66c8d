package dev.gbo.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.lambda.fixtures.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3IT {
    LocalCloud cloud;
    S3Client s3;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        s3 = Clients.of(S3Client.builder().forcePathStyle(true), cloud);
    }

    @AfterEach
    void stop() {
        s3.close();
        cloud.close();
    }

    private void put(String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString(body));
    }

    @Test
    void createBucket_thenHeadBucket_succeeds() {
        s3.createBucket(b -> b.bucket("gbo-inputs"));
        assertThat(s3.headBucket(b -> b.bucket("gbo-inputs")).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(s3.listBuckets().buckets()).extracting(x -> x.name()).containsExactly("gbo-inputs");
    }

    @Test
    void createBucket_existing_throwsBucketAlreadyOwnedByYou() {
        s3.createBucket(b -> b.bucket("dup-bucket"));
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("dup-bucket")))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class);
    }

    @Test
    void createBucket_invalidName_returnsInvalidBucketNameXmlError() throws Exception {
        // the SDK validates bucket names itself, so this goes over plain (unsigned) HTTP like curl
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(cloud.endpoint().resolve("/Bad_Bucket"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Error><Code>InvalidBucketName</Code>");
    }

    @Test
    void headBucket_unknown_throwsNoSuchBucket() {
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("ghost-bucket"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void putObject_thenGetObject_returnsBytesEtagAndMetadata() {
        s3.createBucket(b -> b.bucket("data"));
        var put = s3.putObject(b -> b.bucket("data").key("in/hello world+1.txt").contentType("text/plain")
                .metadata(Map.of("owner", "gbo")), RequestBody.fromString("hello"));
        assertThat(put.eTag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("data").key("in/hello world+1.txt"));
        assertThat(got.asUtf8String()).isEqualTo("hello");
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().metadata()).containsEntry("owner", "gbo");
    }

    @Test
    void putObject_largeBody_roundTrips() {
        s3.createBucket(b -> b.bucket("data"));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        s3.putObject(b -> b.bucket("data").key("big.bin"), RequestBody.fromBytes(big));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("data").key("big.bin")).asByteArray()).isEqualTo(big);
    }

    @Test
    void putObject_unknownBucket_throwsNoSuchBucket() {
        assertThatThrownBy(() -> put("ghost-bucket", "k", "x")).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void getObject_unknownKey_throwsNoSuchKey() {
        s3.createBucket(b -> b.bucket("data"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("data").key("nope")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void getObject_unknownBucket_throwsNoSuchBucket() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("ghost-bucket").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void headObject_existing_returnsLengthAndType() {
        s3.createBucket(b -> b.bucket("data"));
        put("data", "k", "12345");
        HeadObjectResponse h = s3.headObject(b -> b.bucket("data").key("k"));
        assertThat(h.contentLength()).isEqualTo(5);
        assertThat(h.contentType()).isEqualTo("text/plain");
        assertThat(h.lastModified()).isNotNull();
    }

    @Test
    void headObject_unknownKey_throwsNoSuchKey() {
        s3.createBucket(b -> b.bucket("data"));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("data").key("nope"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void listObjectsV2_prefixDelimiterAndPages_behaveLikeS3() {
        s3.createBucket(b -> b.bucket("data"));
        for (String k : new String[] {"in/a.png", "in/b.png", "in/sub/c.png", "out/d.png", "top.txt"}) {
            put("data", k, "x");
        }
        ListObjectsV2Response all = s3.listObjectsV2(b -> b.bucket("data"));
        assertThat(all.contents()).extracting(S3Object::key)
                .containsExactly("in/a.png", "in/b.png", "in/sub/c.png", "out/d.png", "top.txt");
        assertThat(all.contents().get(0).size()).isEqualTo(1);
        ListObjectsV2Response in = s3.listObjectsV2(b -> b.bucket("data").prefix("in/").delimiter("/"));
        assertThat(in.contents()).extracting(S3Object::key).containsExactly("in/a.png", "in/b.png");
        assertThat(in.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("in/sub/");
        assertThat(in.keyCount()).isEqualTo(3);
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket("data").maxKeys(2)).contents().stream().count()).isEqualTo(5);
    }

    @Test
    void listObjectsV2_unknownBucket_throwsNoSuchBucket() {
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("ghost-bucket"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void deleteObject_existing_removesIt() {
        s3.createBucket(b -> b.bucket("data"));
        put("data", "k", "x");
        s3.deleteObject(b -> b.bucket("data").key("k"));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("data").key("k"))).isInstanceOf(NoSuchKeyException.class);
        s3.deleteObject(b -> b.bucket("data").key("k")); // deleting a missing key succeeds, as on S3
    }

    @Test
    void deleteObject_unknownBucket_throwsNoSuchBucket() {
        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket("ghost-bucket").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void putBucketNotificationConfiguration_unknownBucket_throwsNoSuchBucket() {
        assertThatThrownBy(() -> s3.putBucketNotificationConfiguration(b -> b.bucket("ghost-bucket")
                .notificationConfiguration(n -> n.eventBridgeConfiguration(e -> { }))))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void putObject_eventBridgeOn_emitsObjectCreatedOnDefaultBus() {
        s3.createBucket(b -> b.bucket("gbo-inputs"));
        s3.putBucketNotificationConfiguration(b -> b.bucket("gbo-inputs")
                .notificationConfiguration(n -> n.eventBridgeConfiguration(e -> { })));
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket("gbo-inputs")).eventBridgeConfiguration())
                .isNotNull();
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            events.putRule(b -> b.name("uploads").eventPattern("{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],"
                    + "\"detail\":{\"bucket\":{\"name\":[\"gbo-inputs\"]},\"object\":{\"key\":[{\"prefix\":\"in/\"}]}}}"));
            events.putTargets(b -> b.rule("uploads").targets(Target.builder().id("q")
                    .arn("arn:aws:sqs:us-east-1:123456789012:uploads").build()));
        }
        put("gbo-inputs", "in/photo.png", "hello");
        put("gbo-inputs", "elsewhere.png", "hello");
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(10))).isTrue();
        EventBridgeService eb = (EventBridgeService) cloud.services().get("events");
        var messages = eb.deadLetters().messages("uploads");
        assertThat(messages).hasSize(1);
        JsonNode e = Json.parse(messages.get(0).body());
        assertThat(e.path("source").asText()).isEqualTo("aws.s3");
        assertThat(e.path("detail-type").asText()).isEqualTo("Object Created");
        assertThat(e.path("resources").get(0).asText()).isEqualTo("arn:aws:s3:::gbo-inputs");
        JsonNode d = e.path("detail");
        assertThat(d.path("version").asText()).isEqualTo("0");
        assertThat(d.path("bucket").path("name").asText()).isEqualTo("gbo-inputs");
        assertThat(d.path("object").path("key").asText()).isEqualTo("in/photo.png");
        assertThat(d.path("object").path("size").asInt()).isEqualTo(5);
        assertThat(d.path("object").path("etag").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(d.path("object").path("sequencer").asText()).isNotBlank();
        assertThat(d.path("reason").asText()).isEqualTo("PutObject");
        assertThat(d.path("requester").asText()).isEqualTo("123456789012");
        assertThat(d.has("request-id")).isTrue();
        assertThat(d.has("source-ip-address")).isTrue();
    }

    @Test
    void putObject_eventBridgeOff_emitsNothing() {
        s3.createBucket(b -> b.bucket("quiet"));
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            events.putRule(b -> b.name("all-s3").eventPattern("{\"source\":[\"aws.s3\"]}"));
            events.putTargets(b -> b.rule("all-s3").targets(Target.builder().id("q")
                    .arn("arn:aws:sqs:us-east-1:123456789012:s3-all").build()));
        }
        put("quiet", "k", "x");
        cloud.clock().awaitIdle(Duration.ofSeconds(10));
        assertThat(((EventBridgeService) cloud.services().get("events")).deadLetters().messages("s3-all")).isEmpty();
    }

    @Test
    void inProcessApi_putObject_isVisibleOverHttp() {
        S3Service service = (S3Service) cloud.services().get("s3");
        service.createBucket("seeded");
        service.putObject("seeded", "k", "v".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("seeded").key("k")).asUtf8String()).isEqualTo("v");
    }
}
