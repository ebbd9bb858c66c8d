package dev.gbo.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** The scenario's API faults are applied by the endpoint to every API on the wire, not only to Batch. */
class ApiFaultsIT {
    private LocalCloud cloud;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).scenario(ScenarioLoader.parse("""
                {"apiFaults": [
                  {"service": "events", "operation": "PutEvents", "error": "custom", "code": "AccessDeniedException",
                   "status": 400, "message": "denied by the scenario", "count": 1},
                  {"service": "states", "operation": "List*", "error": "throttle", "count": 1}
                ]}""", "faults")).build().start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(B b) {
        return b.region(Region.US_EAST_1).endpointOverride(cloud.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(r -> r.maxAttempts(1)));
    }

    @Test
    void putEvents_customFaultOnce_failsWithTheScenarioErrorThenPasses() {
        try (EventBridgeClient events = configure(EventBridgeClient.builder()).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> events.putEvents(r -> r.entries(e -> e.source("x.y").detailType("t").detail("{}"))))
                    .isInstanceOf(EventBridgeException.class)
                    .satisfies(e -> {
                        assertThat(((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(((EventBridgeException) e).awsErrorDetails().errorMessage()).isEqualTo("denied by the scenario");
                    });
            assertThat(events.putEvents(r -> r.entries(e -> e.source("x.y").detailType("t").detail("{}"))).failedEntryCount()).isZero();
        }
    }

    @Test
    void listStateMachines_throttleOnce_is429ThenPasses() {
        try (SfnClient sfn = configure(SfnClient.builder()).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(sfn::listStateMachines).isInstanceOf(SfnException.class)
                    .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(429));
            assertThat(sfn.listStateMachines().stateMachines()).isEmpty();
        }
    }
}
