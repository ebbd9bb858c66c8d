package dev.gbo.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDefinitionType;

/**
 * The adapter's behaviour on bad requests (AWS-shaped errors, never a stack trace or a dropped
 * connection) and under concurrent clients (state never corrupted), with raw HTTP where an SDK
 * would refuse to send the request at all.
 */
class AwsEndpointIT {
    private static final String BATCH_AUTH =
            "AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/batch/aws4_request, SignedHeaders=host, Signature=0";
    private static final String EC2_AUTH =
            "AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0";

    private LocalCloud cloud;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private HttpResponse<String> post(String path, String auth, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.endpoint() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void batch_bodyIsNotJson_400SerializationExceptionInRestJsonShape() throws Exception {
        HttpResponse<String> r = post("/v1/submitjob", BATCH_AUTH, "application/json", "{not json");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        JsonNode body = Json.parse(r.body());
        assertThat(body.get("message").asText()).startsWith("The request body is not valid JSON");
        assertThat(r.body()).doesNotContain("at dev.gbo");
    }

    @Test
    void batch_unknownPath_404UnknownOperation() throws Exception {
        HttpResponse<String> r = post("/v1/launchrockets", BATCH_AUTH, "application/json", "{}");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void ec2_queryWithoutAction_400MissingActionInEc2XmlShape() throws Exception {
        HttpResponse<String> r = post("/", EC2_AUTH, "application/x-www-form-urlencoded", "Version=2016-11-15");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Response><Errors><Error><Code>MissingAction</Code>").contains("<RequestID>");
    }

    @Test
    void unknownService_400UnrecognizedClientNamingWhatIsServed() throws Exception {
        HttpResponse<String> r = post("/", "AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host, Signature=0", "application/x-amz-json-1.0", "{}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.parse(r.body()).get("__type").asText()).isEqualTo("UnrecognizedClientException");
        assertThat(r.body()).contains("dynamodb").contains("batch");
    }

    @Test
    void registerJobDefinition_eightConcurrentClients_everyRevisionOnceWithoutGaps() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (BatchClient batch = BatchClient.builder().region(Region.US_EAST_1).endpointOverride(cloud.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<Integer> revisions = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        revisions.add(batch.registerJobDefinition(r -> r.jobDefinitionName("shared").type(JobDefinitionType.CONTAINER)
                                .containerProperties(c -> c.image("busybox").command("true")
                                        .resourceRequirements(q -> q.type("VCPU").value("1"), q -> q.type("MEMORY").value("512"))))
                                .revision());
                    }
                    return revisions;
                }));
            }
            Set<Integer> all = new TreeSet<>();
            int count = 0;
            for (Future<List<Integer>> f : futures) {
                List<Integer> revisions = f.get();
                count += revisions.size();
                all.addAll(revisions);
            }

            assertThat(count).isEqualTo(threads * each);
            assertThat(all).hasSize(threads * each).first().isEqualTo(1);
            assertThat(((TreeSet<Integer>) all).last()).isEqualTo(threads * each);
            assertThat(batch.describeJobDefinitionsPaginator(r -> r.jobDefinitionName("shared")).jobDefinitions().stream().count())
                    .isEqualTo(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }
}
