package dev.gbo.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.fixtures.Clients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Non-AWS routes beside the APIs (the web console): an unsigned browser's {@code GET /} and the
 * mounted prefix go to the mounted handler, while every AWS request, signed or unsigned, is routed
 * exactly as before, by real SDK clients and raw HTTP.
 */
class MountedRoutesIT {
    private LocalCloud cloud;
    private final AtomicInteger served = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        cloud.mount("/_test/console", ex -> {
            served.incrementAndGet();
            byte[] body = ("page " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        }, "/_test/console/");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(cloud.endpoint() + path));
    }

    @Test
    void mount_unsignedGetUnderPrefix_servedByTheHandlerNotCountedAsApiCall() throws Exception {
        HttpResponse<String> r = send(request("/_test/console/app.js"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("page /_test/console/app.js");
        assertThat(cloud.apiCalls()).isEmpty();
    }

    @Test
    void home_unsignedBrowserGetRoot_redirectedToTheConsole() throws Exception {
        HttpResponse<String> r = send(request("/").header("Accept", "text/html"));

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/_test/console/");
    }

    @Test
    void home_signedGetRoot_staysS3ListBuckets() {
        try (S3Client s3 = Clients.of(S3Client.builder().forcePathStyle(true), cloud)) {
            s3.createBucket(b -> b.bucket("still-a-bucket"));

            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("still-a-bucket");
        }
        assertThat(served).hasValue(0);
    }

    @Test
    void mount_unsignedJsonProtocolPost_stillRoutedByTarget() throws Exception {
        HttpResponse<String> r = send(request("/").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .header("Content-Type", "application/x-amz-json-1.0"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        assertThat(body.has("stateMachines")).isTrue();
        assertThat(served).hasValue(0);
    }

    @Test
    void mount_unsignedRestJsonPost_stillRoutedByPath() throws Exception {
        HttpResponse<String> r = send(request("/v1/describejobqueues").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.parse(r.body()).has("jobQueues")).isTrue();
    }

    @Test
    void mount_signedRequestUnderPrefix_isAnAwsRequestNotTheConsole() {
        try (S3Client s3 = Clients.of(S3Client.builder().forcePathStyle(true), cloud)) {
            assertThatThrownBy(() -> s3.getObject(b -> b.bucket("_test").key("console/app.js")))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(served).hasValue(0);
    }

    @Test
    void mount_sdkClientsWithConsoleMounted_workAsBefore() {
        try (SfnClient sfn = Clients.of(SfnClient.builder(), cloud)) {
            assertThat(sfn.listStateMachines().stateMachines()).isEmpty();
        }
        assertThat(cloud.apiCalls()).containsKey("states:ListStateMachines");
    }

    @Test
    void mount_prefixThatCouldBeABucketName_refused() {
        assertThatThrownBy(() -> cloud.mount("/console", ex -> { }, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'_'");
    }

    @Test
    void home_notUnderAMountedPrefix_refused() {
        assertThatThrownBy(() -> cloud.mount("/_other", ex -> { }, "/elsewhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not under a mounted prefix");
    }
}
