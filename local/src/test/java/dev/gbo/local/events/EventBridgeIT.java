package dev.gbo.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.LambdaService;
import dev.gbo.local.lambda.fixtures.Clients;
import dev.gbo.local.lambda.fixtures.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

class EventBridgeIT {
    LocalCloud cloud;
    EventBridgeClient events;
    LambdaService lambda;
    EventBridgeService service;
    String fn;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo info) {
        cloud = LocalCloud.builder().port(0).build().start();
        events = Clients.of(EventBridgeClient.builder(), cloud);
        lambda = (LambdaService) cloud.services().get("lambda");
        service = (EventBridgeService) cloud.services().get("events");
        fn = "eb-" + info.getTestMethod().orElseThrow().getName().hashCode() % 100000 + "-" + System.nanoTime() % 100000;
        fn = fn.replace("--", "-");
        lambda.deploy(fn, "dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest", Map.of(), 256, 30);
    }

    @AfterEach
    void stop() {
        events.close();
        cloud.close();
    }

    private String fnArn() {
        return lambda.functionArn(fn);
    }

    private PutEventsRequestEntry entry(String source, String detailType, String detail) {
        return PutEventsRequestEntry.builder().source(source).detailType(detailType).detail(detail).build();
    }

    private void idle() {
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    // ------------------------------------------------------------------ PutEvents + delivery

    @Test
    void putEvents_matchingRuleWithLambdaTarget_deliversEnvelopeToFunction() {
        events.putRule(b -> b.name("r1").eventPattern("{\"source\":[\"gbo.orchestrator\"],\"detail-type\":[\"Submit Batch Job\"]}"));
        events.putTargets(b -> b.rule("r1").targets(Target.builder().id("t1").arn(fnArn()).build()));
        PutEventsResponse r = events.putEvents(b -> b.entries(
                entry("gbo.orchestrator", "Submit Batch Job", "{\"name\":\"thumbnails\"}"),
                entry("gbo.orchestrator", "Other", "{}")));
        assertThat(r.failedEntryCount()).isZero();
        assertThat(r.entries()).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
        idle();
        List<String> got = Recorder.events(fn);
        assertThat(got).hasSize(1);
        JsonNode event = Json.parse(got.get(0));
        assertThat(event.path("detail-type").asText()).isEqualTo("Submit Batch Job");
        assertThat(event.path("source").asText()).isEqualTo("gbo.orchestrator");
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("account").asText()).isEqualTo("123456789012");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("id").asText()).isEqualTo(r.entries().get(0).eventId());
        assertThat(event.path("detail").path("name").asText()).isEqualTo("thumbnails");
    }

    @Test
    void putEvents_contentFilterPattern_matchesWithEventRuler() {
        events.putRule(b -> b.name("r").eventPattern(
                "{\"detail\":{\"status\":[\"SUCCEEDED\",\"FAILED\"],\"vcpus\":[{\"numeric\":[\">\",2]}]}}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("t").arn(fnArn()).build()));
        events.putEvents(b -> b.entries(entry("a", "x", "{\"status\":\"FAILED\",\"vcpus\":4}"),
                entry("a", "x", "{\"status\":\"FAILED\",\"vcpus\":1}"),
                entry("a", "x", "{\"status\":\"RUNNING\",\"vcpus\":8}")));
        idle();
        assertThat(Recorder.events(fn)).hasSize(1).allMatch(e -> e.contains("\"vcpus\":4"));
    }

    @Test
    void putEvents_moreThanTenEntries_throwsValidation() {
        PutEventsRequestEntry e = entry("a", "b", "{}");
        assertThatThrownBy(() -> events.putEvents(b -> b.entries(e, e, e, e, e, e, e, e, e, e, e)))
                .hasMessageContaining("less than or equal to 10");
    }

    @Test
    void putEvents_over256KB_throwsValidation() {
        String big = "{\"x\":\"" + "a".repeat(140_000) + "\"}";
        assertThatThrownBy(() -> events.putEvents(b -> b.entries(entry("a", "b", big), entry("a", "b", big))))
                .hasMessageContaining("Total size of the entries in the request is over the limit.");
    }

    @Test
    void putEvents_invalidEntries_reportsPerEntryErrors() {
        PutEventsResponse r = events.putEvents(b -> b.entries(
                entry("a", "b", "{}"),
                entry("a", "b", "not json"),
                PutEventsRequestEntry.builder().detailType("b").detail("{}").build(),
                entry("aws.s3", "Object Created", "{}"),
                PutEventsRequestEntry.builder().source("a").detailType("b").detail("{}").eventBusName("nobus").build()));
        assertThat(r.failedEntryCount()).isEqualTo(4);
        assertThat(r.entries().get(0).eventId()).isNotBlank();
        assertThat(r.entries().get(1).errorCode()).isEqualTo("MalformedDetail");
        assertThat(r.entries().get(2).errorCode()).isEqualTo("InvalidArgument");
        assertThat(r.entries().get(3).errorCode()).isEqualTo("NotAuthorizedForSourceException");
        assertThat(r.entries().get(4).errorCode()).isEqualTo("InvalidArgument");
        assertThat(r.entries().get(4).errorMessage()).contains("nobus");
    }

    @Test
    void putEvents_customBusByArn_routesOnlyThatBus() {
        String busArn = events.createEventBus(b -> b.name("gbo-bus")).eventBusArn();
        events.putRule(b -> b.name("r").eventBusName("gbo-bus").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").eventBusName(busArn).targets(Target.builder().id("t").arn(fnArn()).build()));
        events.putEvents(b -> b.entries(entry("x", "d", "{}")));
        idle();
        assertThat(Recorder.events(fn)).isEmpty();
        events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source("x").detailType("d").detail("{}")
                .eventBusName(busArn).build()));
        idle();
        assertThat(Recorder.events(fn)).hasSize(1);
    }

    @Test
    void eventSink_awsSourceEvent_isRoutedAndFilled() {
        events.putRule(b -> b.name("batch").eventPattern("{\"source\":[\"aws.batch\"]}"));
        events.putTargets(b -> b.rule("batch").targets(Target.builder().id("t").arn(fnArn()).build()));
        var e = Json.object();
        e.put("source", "aws.batch");
        e.put("detail-type", "Batch Job State Change");
        e.putObject("detail").put("status", "SUCCEEDED");
        cloud.services().events().putEvent("default", e);
        idle();
        JsonNode got = Json.parse(Recorder.events(fn).get(0));
        assertThat(got.path("id").asText()).isNotBlank();
        assertThat(got.path("time").asText()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(got.path("account").asText()).isEqualTo("123456789012");
    }

    // ------------------------------------------------------------------ rules

    @Test
    void putRule_thenDescribe_returnsDefinition() {
        String arn = events.putRule(b -> b.name("desc").eventPattern("{\"source\":[\"x\"]}").description("d")
                .state(RuleState.DISABLED)).ruleArn();
        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/desc");
        DescribeRuleResponse d = events.describeRule(b -> b.name("desc"));
        assertThat(d.state()).isEqualTo(RuleState.DISABLED);
        assertThat(d.eventPattern()).isEqualTo("{\"source\":[\"x\"]}");
        assertThat(d.description()).isEqualTo("d");
        assertThat(d.eventBusName()).isEqualTo("default");
        assertThat(d.arn()).isEqualTo(arn);
    }

    @Test
    void putRule_onCustomBus_hasBusInArn() {
        events.createEventBus(b -> b.name("proj"));
        assertThat(events.putRule(b -> b.name("r").eventBusName("proj").eventPattern("{\"source\":[\"x\"]}")).ruleArn())
                .isEqualTo("arn:aws:events:us-east-1:123456789012:rule/proj/r");
    }

    @Test
    void putRule_invalidPattern_throwsInvalidEventPattern() {
        assertThatThrownBy(() -> events.putRule(b -> b.name("bad").eventPattern("{\"source\":\"not-an-array\"}")))
                .isInstanceOf(InvalidEventPatternException.class);
    }

    @Test
    void putRule_neitherPatternNorSchedule_throwsValidation() {
        assertThatThrownBy(() -> events.putRule(b -> b.name("empty")))
                .hasMessageContaining("EventPattern or ScheduleExpression");
    }

    @Test
    void putRule_invalidSchedule_throwsValidation() {
        assertThatThrownBy(() -> events.putRule(b -> b.name("s").scheduleExpression("rate(5 minute)")))
                .hasMessageContaining("ScheduleExpression is not valid");
    }

    @Test
    void putRule_scheduleOnCustomBus_throwsValidation() {
        events.createEventBus(b -> b.name("proj"));
        assertThatThrownBy(() -> events.putRule(b -> b.name("s").eventBusName("proj").scheduleExpression("rate(1 hour)")))
                .hasMessageContaining("only on the default event bus");
    }

    @Test
    void putRule_unknownBus_throwsResourceNotFound() {
        assertThatThrownBy(() -> events.putRule(b -> b.name("r").eventBusName("nobus").eventPattern("{\"source\":[\"x\"]}")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void describeRule_unknown_throwsResourceNotFound() {
        assertThatThrownBy(() -> events.describeRule(b -> b.name("nope")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Rule nope does not exist");
    }

    @Test
    void listRules_namePrefix_filtersAndPaginates() {
        for (String n : new String[] {"gbo-a", "gbo-b", "gbo-c", "other"}) {
            events.putRule(b -> b.name(n).eventPattern("{\"source\":[\"x\"]}"));
        }
        assertThat(events.listRules(b -> b.namePrefix("gbo-")).rules()).extracting(r -> r.name())
                .containsExactly("gbo-a", "gbo-b", "gbo-c");
        var page = events.listRules(b -> b.namePrefix("gbo-").limit(2));
        assertThat(page.rules()).hasSize(2);
        assertThat(events.listRules(b -> b.namePrefix("gbo-").nextToken(page.nextToken())).rules())
                .extracting(r -> r.name()).containsExactly("gbo-c");
    }

    @Test
    void listRulesAndListEventBuses_forgedNextToken_isValidationException() {
        events.putRule(b -> b.name("gbo-a").eventPattern("{\"source\":[\"x\"]}"));
        for (String token : new String[] {"-1", "2147483647", "abc"}) {
            assertThatThrownBy(() -> events.listRules(b -> b.nextToken(token)))
                    .as(token).isInstanceOfSatisfying(EventBridgeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    }).hasMessageContaining("The NextToken '" + token + "' is not valid.");
            assertThatThrownBy(() -> events.listEventBuses(b -> b.nextToken(token)))
                    .as(token).isInstanceOfSatisfying(EventBridgeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    });
        }
    }

    @Test
    void listRules_tokenOfListEventBuses_isRefused() {
        events.createEventBus(b -> b.name("proj"));
        String busToken = events.listEventBuses(b -> b.limit(1)).nextToken();
        assertThat(busToken).isNotBlank();
        assertThatThrownBy(() -> events.listRules(b -> b.nextToken(busToken)))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void listRules_eventBusName_listsThatBusOnly() {
        events.createEventBus(b -> b.name("proj"));
        events.putRule(b -> b.name("on-proj").eventBusName("proj").eventPattern("{\"source\":[\"x\"]}"));
        events.putRule(b -> b.name("on-default").eventPattern("{\"source\":[\"x\"]}"));
        assertThat(events.listRules(b -> b.eventBusName("proj")).rules()).extracting(r -> r.name())
                .containsExactly("on-proj");
    }

    @Test
    void deleteRule_withTargets_requiresRemovingTargetsFirst() {
        events.putRule(b -> b.name("d").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("d").targets(Target.builder().id("t").arn(fnArn()).build()));
        assertThatThrownBy(() -> events.deleteRule(b -> b.name("d"))).hasMessageContaining("has targets");
        events.removeTargets(b -> b.rule("d").ids("t"));
        events.deleteRule(b -> b.name("d"));
        assertThatThrownBy(() -> events.describeRule(b -> b.name("d"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteRule_unknown_succeeds() {
        events.deleteRule(b -> b.name("never-existed"));
    }

    @Test
    void disableRule_thenEvents_areNotDelivered_andEnableRuleResumes() {
        events.putRule(b -> b.name("t").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("t").targets(Target.builder().id("t").arn(fnArn()).build()));
        events.disableRule(b -> b.name("t"));
        assertThat(events.describeRule(b -> b.name("t")).state()).isEqualTo(RuleState.DISABLED);
        events.putEvents(b -> b.entries(entry("x", "d", "{}")));
        idle();
        assertThat(Recorder.events(fn)).isEmpty();
        events.enableRule(b -> b.name("t"));
        events.putEvents(b -> b.entries(entry("x", "d", "{}")));
        idle();
        assertThat(Recorder.events(fn)).hasSize(1);
    }

    @Test
    void enableRule_unknown_throwsResourceNotFound() {
        assertThatThrownBy(() -> events.enableRule(b -> b.name("nope"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.disableRule(b -> b.name("nope"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void scheduleRule_rate_firesScheduledEventsOnTheClock() {
        events.putRule(b -> b.name("every5").scheduleExpression("rate(5 minutes)"));
        events.putTargets(b -> b.rule("every5").targets(Target.builder().id("t").arn(fnArn()).build()));
        // daemon schedules fire when other work carries time past them
        cloud.clock().schedule(Duration.ofMinutes(16), "carry time", () -> { });
        idle();
        List<String> got = Recorder.events(fn);
        assertThat(got).hasSize(3);
        JsonNode e = Json.parse(got.get(0));
        assertThat(e.path("source").asText()).isEqualTo("aws.events");
        assertThat(e.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(e.path("resources").get(0).asText()).endsWith(":rule/every5");
        assertThat(e.path("time").asText()).isEqualTo("2026-11-27T00:05:00Z");
    }

    @Test
    void scheduleRule_cron_firesAtCronTimes() {
        events.putRule(b -> b.name("hourly").scheduleExpression("cron(30 * * * ? *)"));
        events.putTargets(b -> b.rule("hourly").targets(Target.builder().id("t").arn(fnArn()).build()));
        cloud.clock().schedule(Duration.ofMinutes(151), "carry time", () -> { });
        idle();
        assertThat(Recorder.events(fn)).extracting(s -> Json.parse(s).path("time").asText())
                .containsExactly("2026-11-27T00:30:00Z", "2026-11-27T01:30:00Z", "2026-11-27T02:30:00Z");
    }

    // ------------------------------------------------------------------ targets

    @Test
    void putTargets_inputTransformer_rendersTemplate() {
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("t").arn(fnArn())
                .inputTransformer(t -> t.inputPathsMap(Map.of("name", "$.detail.name", "n", "$.detail.n"))
                        .inputTemplate("{\"job\":\"<name>\",\"count\":<n>,\"rule\":\"<aws.events.rule-name>\"}"))
                .build()));
        events.putEvents(b -> b.entries(entry("x", "d", "{\"name\":\"thumbs\",\"n\":3}")));
        idle();
        JsonNode got = Json.parse(Recorder.events(fn).get(0));
        assertThat(got.path("job").asText()).isEqualTo("thumbs");
        assertThat(got.path("count").asInt()).isEqualTo(3);
        assertThat(got.path("rule").asText()).isEqualTo("r");
    }

    @Test
    void putTargets_inputAndInputPath_deliverConstantAndSubtree() {
        String fn2 = fn + "b";
        lambda.deploy(fn2, "dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest", Map.of(), 256, 30);
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(
                Target.builder().id("const").arn(fnArn()).input("{\"fixed\":true}").build(),
                Target.builder().id("path").arn(lambda.functionArn(fn2)).inputPath("$.detail").build()));
        events.putEvents(b -> b.entries(entry("x", "d", "{\"k\":\"v\"}")));
        idle();
        assertThat(Recorder.events(fn)).containsExactly("{\"fixed\":true}");
        assertThat(Recorder.events(fn2)).containsExactly("{\"k\":\"v\"}");
    }

    @Test
    void putTargets_invalidTargets_reportsPerTargetFailures() {
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        PutTargetsResponse r = events.putTargets(b -> b.rule("r").targets(
                Target.builder().id("ok").arn(fnArn()).build(),
                Target.builder().id("sfn-no-role").arn("arn:aws:states:us-east-1:123456789012:stateMachine:sm").build(),
                Target.builder().id("both").arn(fnArn()).input("{}").inputPath("$.detail").build(),
                Target.builder().id("sns").arn("arn:aws:sns:us-east-1:123456789012:topic").build()));
        assertThat(r.failedEntryCount()).isEqualTo(3);
        assertThat(r.failedEntries()).extracting(f -> f.targetId()).containsExactly("sfn-no-role", "both", "sns");
        assertThat(r.failedEntries().get(0).errorMessage()).contains("RoleArn is required");
        assertThat(events.listTargetsByRule(b -> b.rule("r")).targets()).extracting(Target::id).containsExactly("ok");
    }

    @Test
    void putTargets_moreThanFivePerRule_failsTheExtraTargets() {
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        Target[] six = new Target[6];
        for (int i = 0; i < 6; i++) {
            six[i] = Target.builder().id("t" + i).arn(fnArn()).build();
        }
        PutTargetsResponse r = events.putTargets(b -> b.rule("r").targets(six));
        assertThat(r.failedEntries()).singleElement().satisfies(f -> {
            assertThat(f.targetId()).isEqualTo("t5");
            assertThat(f.errorCode()).isEqualTo("LimitExceededException");
        });
    }

    @Test
    void putTargets_unknownRule_throwsResourceNotFound() {
        assertThatThrownBy(() -> events.putTargets(b -> b.rule("nope").targets(Target.builder().id("t").arn(fnArn()).build())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.listTargetsByRule(b -> b.rule("nope"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.removeTargets(b -> b.rule("nope").ids("t"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listTargetsByRule_returnsTargetsWithSettings() {
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("t").arn(fnArn())
                .retryPolicy(p -> p.maximumRetryAttempts(3).maximumEventAgeInSeconds(600))
                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:123456789012:dlq")).build()));
        Target t = events.listTargetsByRule(b -> b.rule("r")).targets().get(0);
        assertThat(t.retryPolicy().maximumRetryAttempts()).isEqualTo(3);
        assertThat(t.deadLetterConfig().arn()).endsWith(":dlq");
    }

    @Test
    void delivery_missingFunction_goesToDeadLetterQueueWithAttributes() {
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("ghost")
                .arn("arn:aws:lambda:us-east-1:123456789012:function:ghost")
                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:123456789012:gbo-dlq")).build()));
        String id = events.putEvents(b -> b.entries(entry("x", "d", "{}"))).entries().get(0).eventId();
        idle();
        List<DeadLetterQueues.Message> dlq = service.deadLetters().messages("gbo-dlq");
        assertThat(dlq).singleElement().satisfies(m -> {
            assertThat(Json.parse(m.body()).path("id").asText()).isEqualTo(id);
            assertThat(m.attributes()).containsEntry("ERROR_CODE", "ResourceNotFoundException")
                    .containsEntry("RULE_ARN", "arn:aws:events:us-east-1:123456789012:rule/r")
                    .containsEntry("TARGET_ARN", "arn:aws:lambda:us-east-1:123456789012:function:ghost");
        });
        assertThat(service.deliveries()).anyMatch(d -> d.outcome().equals("DEAD_LETTERED"));
    }

    @Test
    void delivery_functionError_isRetriedTwiceByLambdaAsync() {
        lambda.deploy(fn, "dev.gbo.local.lambda.fixtures.FailingHandler::handleRequest", Map.of(), 256, 30);
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("t").arn(fnArn()).build()));
        Instant before = cloud.clock().now();
        events.putEvents(b -> b.entries(entry("x", "d", "{}")));
        idle();
        assertThat(Recorder.events(fn)).hasSize(3);
        assertThat(Duration.between(before, cloud.clock().now())).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void delivery_sqsTarget_landsInInMemoryQueue() {
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("q")
                .arn("arn:aws:sqs:us-east-1:123456789012:inbox").build()));
        events.putEvents(b -> b.entries(entry("x", "d", "{\"n\":1}")));
        idle();
        assertThat(service.deadLetters().messages("inbox")).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("\"n\":1"));
    }

    // ------------------------------------------------------------------ buses

    @Test
    void createEventBus_thenDescribeAndList_showsIt() {
        String arn = events.createEventBus(b -> b.name("gbo-events")).eventBusArn();
        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:123456789012:event-bus/gbo-events");
        assertThat(events.describeEventBus(b -> b.name("gbo-events")).arn()).isEqualTo(arn);
        assertThat(events.describeEventBus(b -> b.name(arn)).name()).isEqualTo("gbo-events");
        assertThat(events.listEventBuses(b -> b.namePrefix("gbo")).eventBuses()).extracting(e -> e.name())
                .containsExactly("gbo-events");
        assertThat(events.listEventBuses(b -> { }).eventBuses()).extracting(e -> e.name())
                .contains("default", "gbo-events");
    }

    @Test
    void describeEventBus_default_existsWithoutCreation() {
        assertThat(events.describeEventBus(b -> { }).name()).isEqualTo("default");
    }

    @Test
    void createEventBus_existing_throwsResourceAlreadyExists() {
        events.createEventBus(b -> b.name("dup"));
        assertThatThrownBy(() -> events.createEventBus(b -> b.name("dup")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
    }

    @Test
    void describeEventBus_unknown_throwsResourceNotFound() {
        assertThatThrownBy(() -> events.describeEventBus(b -> b.name("nobus"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteEventBus_custom_removesIt_andDefaultCannotBeDeleted() {
        events.createEventBus(b -> b.name("temp"));
        events.deleteEventBus(b -> b.name("temp"));
        assertThatThrownBy(() -> events.describeEventBus(b -> b.name("temp"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.deleteEventBus(b -> b.name("default")))
                .hasMessageContaining("Cannot delete event bus default.");
    }

    @Test
    void delivery_scenarioDuplicateFault_deliversTwice() {
        service.faults(new dev.gbo.local.scenario.Scenario.EventFaults(1.0, 0, 0, 0, 0, 0, List.of()));
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("t").arn(fnArn()).build()));
        events.putEvents(b -> b.entries(entry("x", "d", "{}")));
        idle();
        assertThat(Recorder.events(fn)).hasSize(2);
        assertThat(Json.parse(Recorder.events(fn).get(0)).path("id"))
                .isEqualTo(Json.parse(Recorder.events(fn).get(1)).path("id"));
    }

    @Test
    void delivery_scenarioDropFault_recordsFaultDrop() {
        service.faults(new dev.gbo.local.scenario.Scenario.EventFaults(0, 0, 0, 0, 0, 1.0, List.of()));
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        events.putTargets(b -> b.rule("r").targets(Target.builder().id("t").arn(fnArn()).build()));
        events.putEvents(b -> b.entries(entry("x", "d", "{}")));
        idle();
        assertThat(Recorder.events(fn)).isEmpty();
        assertThat(service.deliveries()).extracting(EventBridgeService.Delivery::outcome).contains("FAULT_DROPPED");
    }
}
