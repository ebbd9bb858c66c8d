package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.events.EventBridgeService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Step Functions puts "Step Functions Execution Status Change" events on the default bus, as AWS does. */
class StatusChangeEventsIT {

    @Test
    void stopExecution_ruleForAborted_receivesStatusChangeEvent() throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(dev.gbo.local.core.SimClock.Mode.MANUAL).build().start()) {
            EventBridgeService eventBridge = (EventBridgeService) cloud.services().get("events");
            String sink = eventBridge.deadLetters().create("aborted-sink").arn();
            var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
            try (EventBridgeClient events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .region(Region.US_EAST_1).endpointOverride(cloud.endpoint()).credentialsProvider(creds).build();
                    SfnClient sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create())
                            .region(Region.US_EAST_1).endpointOverride(cloud.endpoint()).credentialsProvider(creds).build()) {
                events.putRule(r -> r.name("aborted").eventPattern("""
                        {"source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
                         "detail": {"status": ["ABORTED"]}}"""));
                events.putTargets(r -> r.rule("aborted").targets(Target.builder().id("t").arn(sink).build()));
                String sm = sfn.createStateMachine(r -> r.name("waits").roleArn("arn:aws:iam::123456789012:role/sfn")
                        .definition("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}"))
                        .stateMachineArn();
                String exec = sfn.startExecution(r -> r.stateMachineArn(sm).name("stop-me").input("{\"k\":1}")).executionArn();
                cloud.clock().advance(Duration.ofSeconds(10)); // the execution is waiting (MANUAL: the Wait cannot end by itself)
                sfn.stopExecution(r -> r.executionArn(exec).error("Because").cause("the test stops it"));
                cloud.clock().advance(Duration.ofSeconds(1));
                List<String> seen = eventBridge.deadLetters().messages(sink).stream()
                        .map(dev.gbo.local.events.DeadLetterQueues.Message::body).toList();
                assertThat(seen).hasSize(1);
                JsonNode e = Json.MAPPER.readTree(seen.get(0));
                assertThat(e.path("source").asText()).isEqualTo("aws.states");
                assertThat(e.path("detail-type").asText()).isEqualTo("Step Functions Execution Status Change");
                assertThat(e.path("resources").get(0).asText()).isEqualTo(exec);
                JsonNode d = e.path("detail");
                assertThat(d.path("executionArn").asText()).isEqualTo(exec);
                assertThat(d.path("stateMachineArn").asText()).isEqualTo(sm);
                assertThat(d.path("name").asText()).isEqualTo("stop-me");
                assertThat(d.path("status").asText()).isEqualTo("ABORTED");
                assertThat(d.path("startDate").isIntegralNumber()).isTrue();
                assertThat(d.path("stopDate").isIntegralNumber()).isTrue();
                assertThat(d.path("input").asText()).isEqualTo("{\"k\":1}");
                assertThat(d.path("output").isNull()).isTrue();
                assertThat(d.path("inputDetails").path("included").asBoolean()).isTrue();
                assertThat(d.path("error").asText()).isEqualTo("Because");
                assertThat(d.path("cause").asText()).isEqualTo("the test stops it");
                assertThat(d.path("redriveCount").asInt()).isZero();
            }
        }
    }
}
