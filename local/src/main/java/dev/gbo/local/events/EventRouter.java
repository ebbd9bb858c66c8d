package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Principal;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.lambda.AsyncInvoke;
import dev.gbo.local.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * Routes events to the targets of the rules that match them and delivers them: a clock task per
 * (event, target), at least once, with the scenario's event faults (duplicate, delay, reorder, drop).
 * Lambda targets are invoked asynchronously (a function error is retried twice by Lambda, 1 and 2
 * minutes later); a delivery that fails (target missing, start failed) is retried per the target's
 * RetryPolicy with exponential backoff, then sent to its dead-letter queue or dropped. Every outcome
 * is recorded in the store. It asks the {@link EventBridgeStore} for the targets and calls the other
 * services only after the store's lock is released.
 */
final class EventRouter {
    /** Custom events accepted so far (see {@link EventBridgeService#customEvents()}). */
    private final java.util.concurrent.atomic.AtomicLong customEvents = new java.util.concurrent.atomic.AtomicLong();

    long customEvents() {
        return customEvents.get();
    }

    /** Counts one custom event, as EventBridge bills it. */
    void countCustom() {
        customEvents.incrementAndGet();
    }

    static final int DEFAULT_MAX_RETRIES = 185;
    static final int DEFAULT_MAX_AGE_SECONDS = 86_400;

    /** One delivery outcome, as {@link EventBridgeService.Delivery#outcome()} names it. */
    enum Outcome { DELIVERED, FUNCTION_ERROR, RETRYING, DEAD_LETTERED, DROPPED, FAULT_DROPPED }

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final ServiceRegistry registry;
    private final EventBridgeStore store;
    private final DeadLetterQueues deadLetters;
    private volatile Supplier<Scenario.EventFaults> faults;
    private final AtomicLong eventCounter = new AtomicLong();
    private final AtomicLong deliveryCounter = new AtomicLong();
    private volatile String idPrefix = "gbo-event-";

    EventRouter(SimClock clock, String region, String accountId, ServiceRegistry registry, EventBridgeStore store,
            Supplier<Scenario.EventFaults> faults) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.registry = registry;
        this.store = store;
        this.faults = faults == null ? () -> Scenario.EventFaults.NONE : faults;
        this.deadLetters = new DeadLetterQueues(region, accountId);
        store.onFire(this::fired);
    }

    DeadLetterQueues deadLetters() {
        return deadLetters;
    }

    void faults(Scenario.EventFaults eventFaults) {
        this.faults = () -> eventFaults;
    }

    static Machine compile(String pattern) {
        String error = RuleCompiler.check(pattern);
        if (error != null) {
            throw new AwsException("InvalidEventPatternException", 400, "Event pattern is not valid. Reason: " + error);
        }
        try {
            Machine m = new Machine();
            m.addRule("rule", pattern);
            return m;
        } catch (Exception e) {
            throw new AwsException("InvalidEventPatternException", 400,
                    "Event pattern is not valid. Reason: " + e.getMessage());
        }
    }

    static boolean matches(Machine machine, JsonNode event) {
        try {
            return !machine.rulesForJSONEvent(Json.write(event)).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    ObjectNode envelope(String source, String detailType, JsonNode detail, Instant time) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", nextEventId());
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", accountId);
        e.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", region);
        e.putArray("resources");
        e.set("detail", detail);
        return e;
    }

    private String nextEventId() {
        return UUID.nameUUIDFromBytes((idPrefix + eventCounter.incrementAndGet()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** An event published in process: the envelope's missing members filled in, then routed. */
    void putEvent(String busName, ObjectNode event) {
        String name = busName == null ? EventBridgeStore.DEFAULT_BUS : busName.contains(":event-bus/")
                ? busName.substring(busName.indexOf(":event-bus/") + 11) : busName;
        ObjectNode e = event.deepCopy();
        if (!e.hasNonNull("version")) {
            e.put("version", "0");
        }
        if (!e.hasNonNull("id")) {
            e.put("id", nextEventId());
        }
        if (!e.hasNonNull("account")) {
            e.put("account", accountId);
        }
        if (!e.hasNonNull("time")) {
            e.put("time", clock.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (!e.hasNonNull("region")) {
            e.put("region", region);
        }
        if (!e.has("resources")) {
            e.putArray("resources");
        }
        if (!e.has("detail")) {
            e.putObject("detail");
        }
        if (!e.path("source").asText("").startsWith("aws.")) {
            countCustom();
        }
        route(name, e);
    }

    void route(String busName, ObjectNode event) {
        store.received(busName, event);
        List<EventBridgeStore.Work> work = store.matching(busName, event, EventRouter::matches);
        if (work == null) {
            record(event, null, null, null, Outcome.DROPPED, "event bus " + busName + " does not exist");
            return;
        }
        for (EventBridgeStore.Work w : work) {
            dispatch(event, w.ruleName(), w.ruleArn(), w.target());
        }
    }

    private void fired(String ruleName, String ruleArn, Instant when, List<ObjectNode> targets) {
        ObjectNode event = envelope("aws.events", "Scheduled Event", Json.object(), when);
        event.putArray("resources").add(ruleArn);
        store.received(busOfRule(ruleArn), event);
        for (ObjectNode t : targets) {
            dispatch(event, ruleName, ruleArn, t);
        }
    }

    /** The bus of a rule ARN ({@code ...:rule/name} is on the default bus, {@code ...:rule/bus/name} on bus). */
    static String busOfRule(String ruleArn) {
        String path = ruleArn.substring(ruleArn.indexOf(":rule/") + ":rule/".length());
        return path.contains("/") ? path.substring(0, path.indexOf('/')) : EventBridgeStore.DEFAULT_BUS;
    }

    /** Applies the scenario's delivery faults and schedules the delivery task(s). */
    private void dispatch(ObjectNode event, String ruleName, String ruleArn, ObjectNode target) {
        Scenario.EventFaults f = faults.get();
        String detailType = event.path("detail-type").asText();
        int copies = 1;
        Duration delay = Duration.ZERO;
        if (f != null && f.any() && f.appliesTo(detailType)) {
            var random = clock.random();
            synchronized (random) {
                if (random.nextDouble() < f.drop()) {
                    record(event, ruleArn, target, null, Outcome.FAULT_DROPPED, "dropped by the scenario's event faults");
                    return;
                }
                if (random.nextDouble() < f.duplicate()) {
                    copies = 2;
                }
                if (random.nextDouble() < f.reorder()) {
                    delay = delay.plusSeconds(f.reorderDelaySeconds());
                }
                if (f.maxDelaySeconds() > 0 && random.nextDouble() < f.delay()) {
                    delay = delay.plusMillis((long) (random.nextDouble() * f.maxDelaySeconds() * 1000));
                }
            }
        }
        String input;
        try {
            input = TargetInput.render(target, event, ruleName, ruleArn);
        } catch (RuntimeException e) {
            record(event, ruleArn, target, null, Outcome.DROPPED, "input could not be rendered: " + e.getMessage());
            return;
        }
        Instant ingested = clock.now();
        for (int i = 0; i < copies; i++) {
            Duration d = i == 0 ? delay : delay.plusMillis(1 + clock.random().nextInt(1000));
            String pending = owe(null, event, ruleArn, target, input, 0, ingested, clock.now().plus(d));
            clock.schedule(d, "deliver " + event.path("id").asText() + " to " + target.path("Arn").asText(),
                    () -> deliver(event, ruleArn, target, input, 0, ingested, pending));
        }
    }

    // ------------------------------------------------------------------ durability (gbo serve --state-dir)

    /**
     * Records a delivery still owed ({@code events/delivery/<run>-<n>}: the event, rule, target, rendered
     * input, retries so far, ingestion time and when it is due) until its outcome is final; returns its
     * key (null in memory).
     */
    private String owe(String key, ObjectNode event, String ruleArn, ObjectNode target, String input, int retries,
            Instant ingested, Instant due) {
        dev.gbo.local.core.StateLog log = store.log();
        if (!log.enabled()) {
            return null;
        }
        String k = key != null ? key : "events/delivery/" + idPrefix + deliveryCounter.incrementAndGet();
        ObjectNode v = Json.object();
        v.set("event", event);
        v.put("ruleArn", ruleArn);
        v.set("target", target);
        v.put("input", input);
        v.put("retries", retries);
        v.put("ingested", ingested.toEpochMilli());
        v.put("due", due.toEpochMilli());
        log.put(k, v);
        return k;
    }

    private void settled(String pending) {
        if (pending != null) {
            store.log().remove(pending);
        }
    }

    /** Event ids of this run are drawn apart from earlier runs' ({@code generation} > 0 for a durable cloud). */
    void generation(long generation) {
        if (generation > 1) {
            idPrefix = "gbo-event-r" + generation + "-";
        }
    }

    /**
     * Delivers again, at least once, every delivery an earlier run recorded and never settled (its
     * target may have got it just before the kill: EventBridge's delivery is at least once too). Returns
     * how many.
     */
    int resume(dev.gbo.local.core.StateLog.Restored restored) {
        int n = 0;
        for (dev.gbo.local.core.StateLog.Entry e : restored.under("events/delivery/")) {
            JsonNode v = e.value();
            ObjectNode event = (ObjectNode) v.get("event");
            ObjectNode target = (ObjectNode) v.get("target");
            String ruleArn = v.path("ruleArn").asText();
            String input = v.path("input").asText();
            int retries = v.path("retries").asInt();
            Instant ingested = Instant.ofEpochMilli(v.path("ingested").asLong());
            clock.scheduleAt(Instant.ofEpochMilli(v.path("due").asLong()),
                    "redeliver after restart " + event.path("id").asText() + " to " + target.path("Arn").asText(),
                    () -> deliver(event, ruleArn, target, input, retries, ingested, e.key()));
            n++;
        }
        return n;
    }

    private void deliver(ObjectNode event, String ruleArn, ObjectNode target, String input, int retries,
            Instant ingested, String pending) {
        String arn = target.path("Arn").asText();
        String service = arn.split(":").length > 2 ? arn.split(":")[2] : "";
        try {
            switch (service) {
                case "lambda" -> {
                    FunctionInvoker invoker = registry.functions();
                    FunctionInvoker.Result result = invoker.invoke(arn, input);
                    if (result.failed()) {
                        record(event, ruleArn, target, null, Outcome.FUNCTION_ERROR,
                                result.errorType() + " (Lambda retries the asynchronous invocation twice)");
                        settled(pending);
                        AsyncInvoke.retryAfterFailure(clock, invoker, arn, input, last -> record(event, ruleArn,
                                target, null, Outcome.FUNCTION_ERROR, "gave up after Lambda's retries: " + last.errorType()));
                        return;
                    }
                }
                case "states" -> {
                    ObjectNode start = Json.object();
                    start.put("stateMachineArn", arn);
                    asTargetRole(target, ruleArn, "states", "StartExecution", start);
                    registry.executions().startExecution(arn, input);
                }
                case "sqs" -> deadLetters.send(arn, new DeadLetterQueues.Message(
                        UUID.nameUUIDFromBytes((event.path("id").asText() + arn).getBytes(StandardCharsets.UTF_8))
                                .toString(), input, Map.of(), clock.now()));
                case "events" -> {
                    ObjectNode put = Json.object();
                    put.putArray("Entries").addObject().put("EventBusName", arn)
                            .put("Source", event.path("source").asText()).put("DetailType", event.path("detail-type").asText());
                    asTargetRole(target, ruleArn, "events", "PutEvents", put);
                    putEvent(arn, event.deepCopy());
                }
                default -> throw new IllegalStateException("target type not simulated: " + arn);
            }
            record(event, ruleArn, target, null, Outcome.DELIVERED, retries == 0 ? "" : "after " + retries + " retries");
            settled(pending);
        } catch (RuntimeException e) {
            failed(event, ruleArn, target, input, retries, ingested, e, pending);
        }
    }

    /**
     * A target with a RoleArn is called as that role (IAM): EventBridge assumes it and makes the call with its
     * permissions (states:StartExecution of a state machine target, events:PutEvents to another bus). A refusal
     * throws the API's AccessDenied error, which the delivery does not retry ({@link #failed}).
     */
    private void asTargetRole(ObjectNode target, String ruleArn, String service, String operation, ObjectNode input) {
        String role = target.path("RoleArn").asText(null);
        if (role == null || role.isEmpty() || !registry.has(service)) {
            return;
        }
        String session = UUID.nameUUIDFromBytes(String.valueOf(ruleArn).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
        registry.access().authorize(new Principal(role, session), registry.get(service), operation, input,
                new dev.gbo.local.core.RequestContext(region, accountId, session));
    }

    private void failed(ObjectNode event, String ruleArn, ObjectNode target, String input, int retries,
            Instant ingested, RuntimeException e, String pending) {
        String arn = target.path("Arn").asText();
        // Missing permissions are not retried: EventBridge sends the event to the DLQ at once, ERROR_CODE NO_PERMISSIONS.
        boolean noPermissions = e instanceof AwsException ae && ae.code().startsWith("AccessDenied");
        String code = noPermissions ? "NO_PERMISSIONS" : e instanceof AwsException ae ? ae.code() : "InternalException";
        boolean retryable = !noPermissions && !(e instanceof AwsException ae && (ae.status() == 404 || ae.code().endsWith("NotFound")
                || ae.code().endsWith("NotFoundException") || ae.code().endsWith("DoesNotExist")));
        JsonNode policy = target.path("RetryPolicy");
        int maxRetries = policy.path("MaximumRetryAttempts").asInt(DEFAULT_MAX_RETRIES);
        long maxAge = policy.path("MaximumEventAgeInSeconds").asLong(DEFAULT_MAX_AGE_SECONDS);
        Duration backoff = Duration.ofSeconds(Math.min(300, 1L << Math.min(retries, 10)));
        Instant nextAt = clock.now().plus(backoff);
        String condition = null;
        if (!retryable) {
            condition = null;
        } else if (retries >= maxRetries) {
            condition = "MaximumRetryAttemptsExhausted";
        } else if (Duration.between(ingested, nextAt).getSeconds() > maxAge) {
            condition = "MaximumEventAgeExceeded";
        } else {
            record(event, ruleArn, target, null, Outcome.RETRYING, code + ": " + e.getMessage());
            owe(pending, event, ruleArn, target, input, retries + 1, ingested, nextAt);
            clock.schedule(backoff, "redeliver " + event.path("id").asText() + " to " + arn,
                    () -> deliver(event, ruleArn, target, input, retries + 1, ingested, pending));
            return;
        }
        settled(pending);
        String dlq = target.path("DeadLetterConfig").path("Arn").asText(null);
        if (dlq != null) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("RULE_ARN", ruleArn);
            attrs.put("TARGET_ARN", arn);
            attrs.put("ERROR_CODE", code);
            attrs.put("ERROR_MESSAGE", String.valueOf(e.getMessage()));
            if (condition != null) {
                attrs.put("EXHAUSTED_RETRY_CONDITION", condition);
            }
            attrs.put("RETRY_ATTEMPTS", String.valueOf(retries));
            deadLetters.send(dlq, new DeadLetterQueues.Message(UUID.nameUUIDFromBytes(
                    ("dlq-" + event.path("id").asText() + arn + retries).getBytes(StandardCharsets.UTF_8)).toString(),
                    Json.write(event), attrs, clock.now()));
            record(event, ruleArn, target, dlq, Outcome.DEAD_LETTERED, code + ": " + e.getMessage());
        } else {
            record(event, ruleArn, target, null, Outcome.DROPPED, code + ": " + e.getMessage()
                    + (condition == null ? " (not retryable)" : " (" + condition + ")"));
        }
    }

    private void record(JsonNode event, String ruleArn, JsonNode target, String dlq, Outcome outcome, String detail) {
        store.record(new EventBridgeService.Delivery(clock.now(), event.path("id").asText(),
                event.path("detail-type").asText(), ruleArn, target == null ? null : target.path("Id").asText(),
                target == null ? null : target.path("Arn").asText(), outcome.name(),
                dlq == null ? detail : detail + " -> " + dlq));
    }
}
