package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.EventSink;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * EventBridge of the local cloud (JSON 1.1, {@code AWSEvents.*}): the registry of its operations over
 * the {@link EventBridgeStore} (event buses, rules with event patterns matched by AWS's event-ruler and
 * rate()/cron() schedules on the {@link SimClock}, targets, the record of deliveries), and the
 * {@link EventSink} through which Batch and S3 publish. The {@link EventRouter} delivers: at least
 * once, with the scenario's event faults, retries per the target's RetryPolicy and dead-letter queues
 * ({@link DeadLetterQueues}, an in-memory stand-in for SQS). Every outcome is in {@link #deliveries()}.
 */
public final class EventBridgeService extends OperationRegistry implements EventSink {
    public static final String DEFAULT_BUS = "default";

    /** One delivery outcome: DELIVERED, FUNCTION_ERROR, RETRYING, DEAD_LETTERED, DROPPED, FAULT_DROPPED. */
    public record Delivery(Instant at, String eventId, String detailType, String ruleArn, String targetId,
            String targetArn, String outcome, String detail) {
    }

    /** An event as it arrived on a bus (the full envelope), at the clock's time. */
    public record BusEvent(String bus, Instant at, ObjectNode event) {
    }

    private final EventBridgeStore store;
    private final EventRouter router;

    public EventBridgeService(SimClock clock, String region, String accountId, ServiceRegistry registry,
            Supplier<Scenario.EventFaults> faults) {
        this.store = new EventBridgeStore(clock, region, accountId);
        this.router = new EventRouter(clock, region, accountId, registry, store, faults);
        register(new PutEvents(router, store, clock),
                new PutRule(store), new DescribeRule(store), new ListRules(store), new DeleteRule(store),
                new EnableRule(store), new DisableRule(store),
                new PutTargets(store), new ListTargetsByRule(store), new RemoveTargets(store),
                new CreateEventBus(store), new DescribeEventBus(store), new ListEventBuses(store),
                new DeleteEventBus(store));
        declareInputs();
    }

    @Override
    public String signingName() {
        return "events";
    }

    @Override
    public String targetPrefix() {
        return "AWSEvents";
    }

    public DeadLetterQueues deadLetters() {
        return router.deadLetters();
    }

    /** Replaces the delivery faults (normally the scenario's). */
    public void faults(Scenario.EventFaults eventFaults) {
        router.faults(eventFaults);
    }

    /** Recent delivery outcomes, oldest first. */
    public List<Delivery> deliveries() {
        return store.deliveries();
    }

    /**
     * What EventBridge did recently, read-only, for a console (AWS has no API for it): per bus the last
     * {@code perBus} events, newest first, each with the rule and target that received it and the
     * outcome; and every dead-letter queue with its messages ({@link RecentActivity}).
     */
    public ObjectNode recentActivity(int perBus) {
        return RecentActivity.of(store, router.deadLetters(), perBus);
    }

    public String busArn(String name) {
        return store.busArn(name);
    }

    public String ruleArn(String bus, String name) {
        return store.ruleArn(bus, name);
    }

    /** In process: creates the bus if it does not exist; returns its ARN. */
    public String ensureEventBus(String name) {
        return store.ensureBus(name);
    }

    /** True if {@code event} (the full envelope) matches {@code pattern}, as EventBridge decides it. */
    public static boolean matches(String pattern, JsonNode event) {
        return EventRouter.matches(EventRouter.compile(pattern), event);
    }

    /** In process (Batch, S3, Step Functions): publishes an event on a bus, filling in the envelope. */
    @Override
    public void putEvent(String busName, ObjectNode event) {
        router.putEvent(busName, event);
    }

    /**
     * Custom events accepted so far, as EventBridge bills them ($1.00 per million entries): the entries
     * PutEvents accepted on the API, plus the events put in process whose source is not an AWS
     * service's ({@code aws.*}), i.e. those a Step Functions {@code events:putEvents} task publishes.
     * Events AWS services emit (Batch, S3, Step Functions status changes, schedules) are not counted.
     */
    public long customEvents() {
        return router.customEvents();
    }

    /** Rule names on a bus (for the deployer and the CLI). */
    public List<String> ruleNames(String busName) {
        return store.ruleNames(busName);
    }

    /** Member types and limits as the EventBridge API model declares them. */
    private void declareInputs() {
        String bus = "EventBusName: string[1..1600]/(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\/\\.\\-_A-Za-z0-9]+/";
        String rule = "string[1..64]/[\\.\\-_A-Za-z0-9]+/";
        String page = "NextToken: string[1..2048]; Limit: int[1..100]";
        String tags = "Tags: list<{Key!: string[1..128]; Value!: string[0..256]}>";
        shape("PutEvents", "Entries!: list[1..10]<{Time: timestamp; Source: string; Resources: list<string>; DetailType: string;"
                + " Detail: string; EventBusName: string[1..1600]; TraceHeader: string[1..500]}>; EndpointId: string[1..50]");
        shape("PutRule", "Name!: " + rule + "; ScheduleExpression: string[..256]; EventPattern: string[..4096];"
                + " State: enum(ENABLED|DISABLED|ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS); Description: string[..512];"
                + " RoleArn: string[1..1600]; " + tags + "; " + bus);
        shape("DescribeRule", "Name!: " + rule + "; " + bus);
        shape("ListRules", "NamePrefix: " + rule + "; " + bus + "; " + page);
        shape("DeleteRule", "Name!: " + rule + "; " + bus + "; Force: boolean");
        shape("EnableRule", "Name!: " + rule + "; " + bus);
        shape("DisableRule", "Name!: " + rule + "; " + bus);
        shape("PutTargets", "Rule!: " + rule + "; " + bus + "; Targets!: list[1..100]<{Id!: " + rule + "; Arn!: string[1..1600];"
                + " RoleArn: string[1..1600]; Input: string[..8192]; InputPath: string[..256];"
                + " InputTransformer: {InputPathsMap: map[..100]<string[..256]>; InputTemplate!: string[1..8192]};"
                + " RetryPolicy: {MaximumRetryAttempts: int[0..185]; MaximumEventAgeInSeconds: int[60..86400]};"
                + " DeadLetterConfig: {Arn: string[1..1600]}}>");
        shape("ListTargetsByRule", "Rule!: " + rule + "; " + bus + "; " + page);
        shape("RemoveTargets", "Rule!: " + rule + "; " + bus + "; Ids!: list[1..100]<" + rule + ">; Force: boolean");
        shape("CreateEventBus", "Name!: string[1..256]/[\\/\\.\\-_A-Za-z0-9]+/; EventSourceName: string[1..256];"
                + " Description: string[..512]; KmsKeyIdentifier: string[..2048]; " + tags);
        shape("DescribeEventBus", "Name: string[1..1600]");
        shape("ListEventBuses", "NamePrefix: string[1..256]; " + page);
        shape("DeleteEventBus", "Name!: string[1..256]/[\\/\\.\\-_A-Za-z0-9]+/");
    }

    /**
     * Restores the buses and rules a durable cloud recorded and records every change from now on (see
     * {@link dev.gbo.local.core.StateLog}); the deliveries it still owed wait for {@link #resume}.
     */
    public void durable(dev.gbo.local.core.StateLog log, dev.gbo.local.core.StateLog.Restored restored) {
        router.generation(restored.generation());
        store.durable(log, restored);
    }

    /** Delivers again the deliveries an earlier run still owed (at least once); returns how many. */
    public int resume(dev.gbo.local.core.StateLog.Restored restored) {
        return router.resume(restored);
    }
}
