package dev.gbo.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry and dead-letter behaviour against a Step Functions starter that fails (in-process hook). */
class EventBridgeServiceTest {
    static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:orchestrator";
    final SimClock clock = SimClock.virtual(Instant.parse("2026-11-27T00:00:00Z"), 1);
    final ServiceRegistry registry = new ServiceRegistry();
    final EventBridgeService events = new EventBridgeService(clock, "us-east-1", "123456789012", registry,
            () -> Scenario.EventFaults.NONE);
    final RequestContext ctx = new RequestContext("us-east-1", "123456789012", "req");
    final List<String> started = new ArrayList<>();
    int failuresLeft;

    @AfterEach
    void close() {
        clock.close();
    }

    private void setUp(String retryPolicy) {
        registry.executions((arn, input) -> {
            if (failuresLeft-- > 0) {
                throw AwsException.throttled("ThrottlingException", "Rate exceeded");
            }
            started.add(input);
            return arn + ":exec";
        });
        events.call("PutRule", Json.parse("{\"Name\":\"r\",\"EventPattern\":\"{\\\"source\\\":[\\\"x\\\"]}\"}"), ctx);
        events.call("PutTargets", Json.parse("{\"Rule\":\"r\",\"Targets\":[{\"Id\":\"sm\",\"Arn\":\"" + SM + "\","
                + "\"RoleArn\":\"arn:aws:iam::123456789012:role/events\"," + retryPolicy
                + "\"DeadLetterConfig\":{\"Arn\":\"arn:aws:sqs:us-east-1:123456789012:dlq\"}}]}"), ctx);
    }

    private void put() {
        ObjectNode e = Json.object();
        e.put("source", "x");
        e.put("detail-type", "d");
        events.putEvent("default", e);
        assertThat(clock.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void delivery_transientFailures_areRetriedWithBackoffThenDelivered() {
        failuresLeft = 3;
        setUp("\"RetryPolicy\":{\"MaximumRetryAttempts\":5,\"MaximumEventAgeInSeconds\":3600},");
        put();
        assertThat(started).hasSize(1);
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-11-27T00:00:07Z")); // 1 s + 2 s + 4 s
        assertThat(events.deliveries()).extracting(EventBridgeService.Delivery::outcome)
                .containsExactly("RETRYING", "RETRYING", "RETRYING", "DELIVERED");
        assertThat(events.deadLetters().messages("dlq")).isEmpty();
    }

    @Test
    void delivery_retriesExhausted_sendsToDeadLetterQueue() {
        failuresLeft = 100;
        setUp("\"RetryPolicy\":{\"MaximumRetryAttempts\":2,\"MaximumEventAgeInSeconds\":3600},");
        put();
        assertThat(started).isEmpty();
        assertThat(events.deadLetters().messages("dlq")).singleElement().satisfies(m -> {
            assertThat(m.attributes()).containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttemptsExhausted")
                    .containsEntry("RETRY_ATTEMPTS", "2").containsEntry("ERROR_CODE", "ThrottlingException");
        });
    }

    @Test
    void delivery_eventTooOld_sendsToDeadLetterQueueWithAgeCondition() {
        failuresLeft = 1000;
        setUp("\"RetryPolicy\":{\"MaximumRetryAttempts\":185,\"MaximumEventAgeInSeconds\":60},");
        put();
        assertThat(events.deadLetters().messages("dlq")).singleElement().satisfies(m ->
                assertThat(m.attributes()).containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeExceeded"));
        assertThat(clock.now()).isBefore(Instant.parse("2026-11-27T00:02:00Z"));
    }

    @Test
    void delivery_stateMachineTarget_startsExecutionWithRenderedInput() {
        failuresLeft = 0;
        setUp("");
        put();
        assertThat(started).singleElement().satisfies(s -> assertThat(Json.parse(s).path("source").asText()).isEqualTo("x"));
    }

    @Test
    void matches_patternAgainstEnvelope_usesEventRuler() {
        ObjectNode e = (ObjectNode) Json.parse("{\"source\":\"aws.s3\",\"detail\":{\"object\":{\"key\":\"in/a.png\"}}}");
        assertThat(EventBridgeService.matches("{\"detail\":{\"object\":{\"key\":[{\"prefix\":\"in/\"}]}}}", e)).isTrue();
        assertThat(EventBridgeService.matches("{\"detail\":{\"object\":{\"key\":[{\"suffix\":\".jpg\"}]}}}", e)).isFalse();
    }

    @Test
    void customEvents_countsAcceptedPutEventsEntriesAndInProcessNonAwsSources_notAwsServiceEvents() {
        events.call("PutEvents", Json.parse("{\"Entries\":["
                + "{\"Source\":\"app\",\"DetailType\":\"d\",\"Detail\":\"{}\"},"
                + "{\"Source\":\"app\",\"DetailType\":\"d\",\"Detail\":\"{}\",\"EventBusName\":\"missing\"},"
                + "{\"Source\":\"aws.s3\",\"DetailType\":\"d\",\"Detail\":\"{}\"}]}"), ctx);
        assertThat(events.customEvents()).isEqualTo(1); // the unknown bus and the aws.* source were refused

        ObjectNode fromStepFunctions = Json.object();
        fromStepFunctions.put("source", "gbo.orchestrator");
        events.putEvent("default", fromStepFunctions);
        ObjectNode fromBatch = Json.object();
        fromBatch.put("source", "aws.batch");
        events.putEvent("default", fromBatch);

        assertThat(events.customEvents()).isEqualTo(2);
    }
}
