package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.EventSink;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.lambda.AsyncInvoke;
import dev.gbo.local.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * EventBridge of the local cloud (JSON 1.1, {@code AWSEvents.*}): event buses, rules (event patterns
 * matched by AWS's event-ruler, and rate()/cron() schedules on the {@link SimClock}), targets
 * (Lambda functions, Step Functions state machines, SQS queues and event buses by ARN), PutEvents,
 * and the {@link EventSink} through which Batch and S3 publish.
 *
 * <p>Delivery is a clock task per (event, target): at least once, with the scenario's event faults
 * (duplicate, delay, reorder, drop). Lambda targets are invoked asynchronously (a function error is
 * retried twice by Lambda, 1 and 2 minutes later); a delivery that fails (target missing, start
 * failed) is retried per the target's RetryPolicy with exponential backoff, then sent to its
 * dead-letter queue ({@link DeadLetterQueues}, an in-memory stand-in for SQS) or dropped. Every
 * outcome is recorded in {@link #deliveries()}.
 */
public final class EventBridgeService implements AwsService, EventSink {
    public static final String DEFAULT_BUS = "default";
    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    static final int MAX_TARGETS_PER_RULE = 5;
    static final int DEFAULT_MAX_RETRIES = 185;
    static final int DEFAULT_MAX_AGE_SECONDS = 86_400;
    private static final int DELIVERIES_KEPT = 5000;

    /** One delivery outcome: DELIVERED, FUNCTION_ERROR, RETRYING, DEAD_LETTERED, DROPPED, FAULT_DROPPED. */
    public record Delivery(Instant at, String eventId, String detailType, String ruleArn, String targetId,
            String targetArn, String outcome, String detail) {
    }

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final ServiceRegistry registry;
    private final DeadLetterQueues deadLetters;
    private volatile Supplier<Scenario.EventFaults> faults;
    private final Map<String, Bus> buses = new TreeMap<>();
    private final Deque<Delivery> deliveries = new ArrayDeque<>();
    private final AtomicLong eventCounter = new AtomicLong();
    private final AtomicLong customEvents = new AtomicLong();

    public EventBridgeService(SimClock clock, String region, String accountId, ServiceRegistry registry,
            Supplier<Scenario.EventFaults> faults) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.registry = registry;
        this.faults = faults == null ? () -> Scenario.EventFaults.NONE : faults;
        this.deadLetters = new DeadLetterQueues(region, accountId);
        buses.put(DEFAULT_BUS, new Bus(DEFAULT_BUS, busArn(DEFAULT_BUS), clock.now()));
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
        return deadLetters;
    }

    /** Replaces the delivery faults (normally the scenario's). */
    public void faults(Scenario.EventFaults eventFaults) {
        this.faults = () -> eventFaults;
    }

    /** Recent delivery outcomes, oldest first. */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    public String busArn(String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    public String ruleArn(String bus, String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/"
                + (DEFAULT_BUS.equals(bus) ? "" : bus + "/") + name;
    }

    // ------------------------------------------------------------------ model

    private static final class Bus {
        final String name;
        final String arn;
        final Instant created;
        final Map<String, Rule> rules = new TreeMap<>();

        Bus(String name, String arn, Instant created) {
            this.name = name;
            this.arn = arn;
            this.created = created;
        }
    }

    private static final class Rule {
        final String name;
        final String bus;
        final String arn;
        String pattern;
        Machine machine;
        String scheduleExpression;
        Schedule schedule;
        String state = "ENABLED";
        String description;
        String roleArn;
        final Map<String, ObjectNode> targets = new LinkedHashMap<>();
        SimClock.Scheduled nextFire;

        Rule(String name, String bus, String arn) {
            this.name = name;
            this.bus = bus;
            this.arn = arn;
        }

        boolean enabled() {
            return state.startsWith("ENABLED");
        }
    }

    // ------------------------------------------------------------------ operations

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        return switch (operation) {
            case "PutEvents" -> putEvents(input);
            case "PutRule" -> putRule(input);
            case "DescribeRule" -> describeRule(input);
            case "ListRules" -> listRules(input);
            case "DeleteRule" -> deleteRule(input);
            case "EnableRule" -> setState(input, "ENABLED");
            case "DisableRule" -> setState(input, "DISABLED");
            case "PutTargets" -> putTargets(input);
            case "ListTargetsByRule" -> listTargets(input);
            case "RemoveTargets" -> removeTargets(input);
            case "CreateEventBus" -> createEventBus(input);
            case "DescribeEventBus" -> describeEventBus(input);
            case "ListEventBuses" -> listEventBuses(input);
            case "DeleteEventBus" -> deleteEventBus(input);
            default -> throw AwsService.unknownOperation("EventBridge", operation);
        };
    }

    private static String busName(JsonNode input, String field) {
        String v = Json.text(input, field, DEFAULT_BUS);
        if (v.isEmpty()) {
            return DEFAULT_BUS;
        }
        int i = v.indexOf(":event-bus/");
        return i >= 0 ? v.substring(i + ":event-bus/".length()) : v;
    }

    private Bus bus(String name) {
        Bus b = buses.get(name);
        if (b == null) {
            throw new AwsException("ResourceNotFoundException", 400, "Event bus " + name + " does not exist.");
        }
        return b;
    }

    private Rule rule(JsonNode input, String nameField) {
        String name = Json.requireText(input, nameField, "ValidationException");
        String busName = busName(input, "EventBusName");
        Bus b = bus(busName);
        Rule r = b.rules.get(name);
        if (r == null) {
            throw new AwsException("ResourceNotFoundException", 400,
                    "Rule " + name + " does not exist on EventBus " + busName + ".");
        }
        return r;
    }

    // --- buses

    private synchronized JsonNode createEventBus(JsonNode input) {
        String name = Json.requireText(input, "Name", "ValidationException");
        if (!name.matches("[/.\\-_A-Za-z0-9]{1,256}") || name.contains("/") && !name.startsWith("aws.partner/")) {
            throw AwsException.validation("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [/\\.\\-_A-Za-z0-9]+");
        }
        if (buses.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", 400, "Event bus " + name + " already exists.");
        }
        Bus b = new Bus(name, busArn(name), clock.now());
        buses.put(name, b);
        ObjectNode out = Json.object();
        out.put("EventBusArn", b.arn);
        return out;
    }

    /** In process: creates the bus if it does not exist; returns its ARN. */
    public synchronized String ensureEventBus(String name) {
        return buses.computeIfAbsent(name, n -> new Bus(n, busArn(n), clock.now())).arn;
    }

    private synchronized JsonNode describeEventBus(JsonNode input) {
        Bus b = bus(busName(input, "Name"));
        return busJson(b);
    }

    private ObjectNode busJson(Bus b) {
        ObjectNode out = Json.object();
        out.put("Name", b.name);
        out.put("Arn", b.arn);
        out.put("CreationTime", b.created.toEpochMilli() / 1000.0);
        out.put("LastModifiedTime", b.created.toEpochMilli() / 1000.0);
        return out;
    }

    private synchronized JsonNode listEventBuses(JsonNode input) {
        String prefix = Json.text(input, "NamePrefix", "");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("EventBuses");
        page(buses.values().stream().filter(b -> b.name.startsWith(prefix)).map(this::busJson).toList(), input, list,
                out);
        return out;
    }

    private synchronized JsonNode deleteEventBus(JsonNode input) {
        String name = busName(input, "Name");
        if (DEFAULT_BUS.equals(name)) {
            throw AwsException.validation("Cannot delete event bus default.");
        }
        Bus b = buses.remove(name);
        if (b != null) {
            b.rules.values().forEach(r -> {
                if (r.nextFire != null) {
                    r.nextFire.cancel();
                }
            });
        }
        return Json.object();
    }

    // --- rules

    private synchronized JsonNode putRule(JsonNode input) {
        String name = Json.requireText(input, "Name", "ValidationException");
        if (!name.matches("[.\\-_A-Za-z0-9]{1,64}")) {
            throw AwsException.validation("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [\\.\\-_A-Za-z0-9]+ and have length less than or equal to 64");
        }
        String busName = busName(input, "EventBusName");
        Bus b = bus(busName);
        String pattern = Json.text(input, "EventPattern", null);
        String schedule = Json.text(input, "ScheduleExpression", null);
        if (pattern == null && schedule == null) {
            throw AwsException.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        Machine machine = null;
        if (pattern != null) {
            machine = compile(pattern);
        }
        Schedule parsed = null;
        if (schedule != null) {
            if (!DEFAULT_BUS.equals(busName)) {
                throw AwsException.validation("ScheduleExpression is supported only on the default event bus.");
            }
            parsed = Schedule.parse(schedule);
        }
        String state = Json.text(input, "State", "ENABLED");
        if (!state.equals("ENABLED") && !state.equals("DISABLED")
                && !state.equals("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")) {
            throw AwsException.validation("1 validation error detected: Value '" + state
                    + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
        }
        Rule r = b.rules.computeIfAbsent(name, n -> new Rule(n, busName, ruleArn(busName, n)));
        r.pattern = pattern;
        r.machine = machine;
        r.scheduleExpression = schedule;
        r.schedule = parsed;
        r.state = state;
        r.description = Json.text(input, "Description", null);
        r.roleArn = Json.text(input, "RoleArn", null);
        reschedule(r);
        ObjectNode out = Json.object();
        out.put("RuleArn", r.arn);
        return out;
    }

    private static Machine compile(String pattern) {
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

    /** True if {@code event} (the full envelope) matches {@code pattern}, as EventBridge decides it. */
    public static boolean matches(String pattern, JsonNode event) {
        return matches(compile(pattern), event);
    }

    private static boolean matches(Machine machine, JsonNode event) {
        try {
            return !machine.rulesForJSONEvent(Json.write(event)).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private synchronized JsonNode describeRule(JsonNode input) {
        return ruleJson(rule(input, "Name"), true);
    }

    private ObjectNode ruleJson(Rule r, boolean describe) {
        ObjectNode o = Json.object();
        o.put("Name", r.name);
        o.put("Arn", r.arn);
        if (r.pattern != null) {
            o.put("EventPattern", r.pattern);
        }
        if (r.scheduleExpression != null) {
            o.put("ScheduleExpression", r.scheduleExpression);
        }
        o.put("State", r.state);
        if (r.description != null) {
            o.put("Description", r.description);
        }
        if (r.roleArn != null) {
            o.put("RoleArn", r.roleArn);
        }
        o.put("EventBusName", r.bus);
        if (describe) {
            o.put("CreatedBy", accountId);
        }
        return o;
    }

    private synchronized JsonNode listRules(JsonNode input) {
        Bus b = bus(busName(input, "EventBusName"));
        String prefix = Json.text(input, "NamePrefix", "");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Rules");
        page(b.rules.values().stream().filter(r -> r.name.startsWith(prefix)).map(r -> ruleJson(r, false)).toList(),
                input, list, out);
        return out;
    }

    private static void page(List<ObjectNode> all, JsonNode input, ArrayNode list, ObjectNode out) {
        int start = 0;
        String token = Json.text(input, "NextToken", null);
        if (token != null) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw AwsException.validation("The NextToken '" + token + "' is not valid.");
            }
        }
        int limit = input.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw AwsException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        int end = Math.min(all.size(), start + limit);
        for (int i = start; i < end; i++) {
            list.add(all.get(i));
        }
        if (end < all.size()) {
            out.put("NextToken", String.valueOf(end));
        }
    }

    private synchronized JsonNode deleteRule(JsonNode input) {
        String name = Json.requireText(input, "Name", "ValidationException");
        Bus b = bus(busName(input, "EventBusName"));
        Rule r = b.rules.get(name);
        if (r == null) {
            return Json.object(); // DeleteRule of a missing rule succeeds, as on AWS
        }
        if (!r.targets.isEmpty() && !input.path("Force").asBoolean(false)) {
            throw AwsException.validation("Rule can't be deleted since it has targets.");
        }
        if (r.nextFire != null) {
            r.nextFire.cancel();
        }
        b.rules.remove(name);
        return Json.object();
    }

    private synchronized JsonNode setState(JsonNode input, String state) {
        Rule r = rule(input, "Name");
        r.state = state;
        reschedule(r);
        return Json.object();
    }

    // --- targets

    private synchronized JsonNode putTargets(JsonNode input) {
        Rule r = rule(input, "Rule");
        JsonNode targets = input.path("Targets");
        if (!targets.isArray() || targets.isEmpty() || targets.size() > 100) {
            throw AwsException.validation("1 validation error detected: Value at 'targets' failed to satisfy"
                    + " constraint: Member must have length between 1 and 100");
        }
        ObjectNode out = Json.object();
        ArrayNode failed = out.putArray("FailedEntries");
        for (JsonNode t : targets) {
            String id = Json.requireText(t, "Id", "ValidationException");
            String arn = Json.requireText(t, "Arn", "ValidationException");
            if (!id.matches("[.\\-_A-Za-z0-9]{1,64}")) {
                throw AwsException.validation("1 validation error detected: Value '" + id
                        + "' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: [\\.\\-_A-Za-z0-9]+");
            }
            String problem = TargetInput.check(t);
            if (problem == null) {
                problem = checkTarget(t, arn);
            }
            if (problem != null) {
                ObjectNode f = failed.addObject();
                f.put("TargetId", id);
                f.put("ErrorCode", "ValidationException");
                f.put("ErrorMessage", problem);
                continue;
            }
            if (!r.targets.containsKey(id) && r.targets.size() >= MAX_TARGETS_PER_RULE) {
                ObjectNode f = failed.addObject();
                f.put("TargetId", id);
                f.put("ErrorCode", "LimitExceededException");
                f.put("ErrorMessage", "The requested resource exceeds the maximum number allowed (" + MAX_TARGETS_PER_RULE
                        + " targets per rule).");
                continue;
            }
            r.targets.put(id, t.deepCopy());
        }
        out.put("FailedEntryCount", failed.size());
        return out;
    }

    private static String checkTarget(JsonNode t, String arn) {
        String[] p = arn.split(":", 6);
        if (p.length < 6 || !"arn".equals(p[0])) {
            return "Target Arn '" + arn + "' is not a valid ARN.";
        }
        switch (p[2]) {
            case "lambda", "sqs", "events" -> {
            }
            case "states" -> {
                if (!t.hasNonNull("RoleArn")) {
                    return "RoleArn is required for target " + arn + ".";
                }
            }
            default -> {
                return "Target " + arn + " is not simulated by the local cloud: it delivers to Lambda functions,"
                        + " Step Functions state machines, SQS queues (in memory) and event buses.";
            }
        }
        JsonNode retry = t.get("RetryPolicy");
        if (retry != null && !retry.isNull()) {
            int attempts = retry.path("MaximumRetryAttempts").asInt(DEFAULT_MAX_RETRIES);
            int age = retry.path("MaximumEventAgeInSeconds").asInt(DEFAULT_MAX_AGE_SECONDS);
            if (attempts < 0 || attempts > 185) {
                return "RetryPolicy.MaximumRetryAttempts must be between 0 and 185.";
            }
            if (age < 60 || age > 86_400) {
                return "RetryPolicy.MaximumEventAgeInSeconds must be between 60 and 86400.";
            }
        }
        JsonNode dlq = t.path("DeadLetterConfig").path("Arn");
        if (!dlq.isMissingNode() && !dlq.asText().startsWith("arn:aws:sqs:")) {
            return "DeadLetterConfig.Arn must be the ARN of an SQS queue, got '" + dlq.asText() + "'.";
        }
        return null;
    }

    private synchronized JsonNode listTargets(JsonNode input) {
        Rule r = rule(input, "Rule");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Targets");
        r.targets.values().forEach(list::add);
        return out;
    }

    private synchronized JsonNode removeTargets(JsonNode input) {
        Rule r = rule(input, "Rule");
        ObjectNode out = Json.object();
        ArrayNode failed = out.putArray("FailedEntries");
        for (JsonNode id : input.path("Ids")) {
            r.targets.remove(id.asText());
        }
        out.put("FailedEntryCount", failed.size());
        return out;
    }

    // ------------------------------------------------------------------ schedules

    private void reschedule(Rule r) {
        if (r.nextFire != null) {
            r.nextFire.cancel();
            r.nextFire = null;
        }
        if (r.schedule == null || !r.enabled()) {
            return;
        }
        Instant now = clock.now();
        Instant next = r.schedule.next(now);
        if (next == null) {
            return;
        }
        Schedule expected = r.schedule;
        r.nextFire = clock.schedule(Duration.between(now, next), "schedule " + r.name, true, () -> fire(r, expected, next));
    }

    private void fire(Rule r, Schedule expected, Instant when) {
        List<ObjectNode> targets;
        ObjectNode event;
        synchronized (this) {
            Bus b = buses.get(r.bus);
            if (b == null || b.rules.get(r.name) != r || r.schedule != expected || !r.enabled()) {
                return;
            }
            event = envelope("aws.events", "Scheduled Event", Json.object(), when);
            event.putArray("resources").add(r.arn);
            targets = List.copyOf(r.targets.values());
            Instant next = r.schedule.next(when);
            r.nextFire = next == null ? null
                    : clock.schedule(Duration.between(clock.now(), next), "schedule " + r.name, true,
                            () -> fire(r, expected, next));
        }
        for (ObjectNode t : targets) {
            dispatch(event, r.name, r.arn, t);
        }
    }

    // ------------------------------------------------------------------ events

    private ObjectNode envelope(String source, String detailType, JsonNode detail, Instant time) {
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
        return UUID.nameUUIDFromBytes(("gbo-event-" + eventCounter.incrementAndGet()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Custom events accepted so far, as EventBridge bills them ($1.00 per million entries): the entries
     * PutEvents accepted on the API, plus the events put in process whose source is not an AWS
     * service's ({@code aws.*}), i.e. those a Step Functions {@code events:putEvents} task publishes.
     * Events AWS services emit (Batch, S3, Step Functions status changes, schedules) are not counted.
     */
    public long customEvents() {
        return customEvents.get();
    }

    @Override
    public void putEvent(String busName, ObjectNode event) {
        String name = busName == null ? DEFAULT_BUS : busName.contains(":event-bus/")
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
            customEvents.incrementAndGet();
        }
        route(name, e);
    }

    private JsonNode putEvents(JsonNode input) {
        JsonNode entries = input.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'entries' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw AwsException.validation("1 validation error detected: Value at 'entries' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + MAX_ENTRIES);
        }
        long size = 0;
        for (JsonNode en : entries) {
            size += entrySize(en);
        }
        if (size >= MAX_REQUEST_BYTES) {
            throw AwsException.validation("Total size of the entries in the request is over the limit.");
        }
        ObjectNode out = Json.object();
        ArrayNode results = Json.array();
        int failed = 0;
        for (JsonNode en : entries) {
            ObjectNode r = results.addObject();
            String error = null;
            String code = "InvalidArgument";
            String source = Json.text(en, "Source", null);
            String detailType = Json.text(en, "DetailType", null);
            String detailText = Json.text(en, "Detail", null);
            JsonNode detail = null;
            String bus = busName(en, "EventBusName");
            if (source == null || source.isEmpty()) {
                error = "Parameter Source is not valid. Reason: Source is a required argument.";
            } else if (detailType == null || detailType.isEmpty()) {
                error = "Parameter DetailType is not valid. Reason: DetailType is a required argument.";
            } else if (detailText == null || detailText.isEmpty()) {
                error = "Parameter Detail is not valid. Reason: Detail is a required argument.";
            } else if (source.startsWith("aws.")) {
                code = "NotAuthorizedForSourceException";
                error = "Not authorized for the source.";
            } else {
                try {
                    detail = Json.MAPPER.readTree(detailText);
                } catch (Exception ex) {
                    detail = null;
                }
                if (detail == null || !detail.isObject()) {
                    code = "MalformedDetail";
                    error = "Detail is malformed.";
                } else {
                    synchronized (this) {
                        if (!buses.containsKey(bus)) {
                            error = "Event bus " + bus + " does not exist.";
                        }
                    }
                }
            }
            if (error != null) {
                r.put("ErrorCode", code);
                r.put("ErrorMessage", error);
                failed++;
                continue;
            }
            Instant time = en.hasNonNull("Time") ? Instant.ofEpochMilli((long) (en.get("Time").asDouble() * 1000))
                    : clock.now();
            ObjectNode event = envelope(source, detailType, detail, time);
            ArrayNode resources = (ArrayNode) event.get("resources");
            en.path("Resources").forEach(resources::add);
            r.put("EventId", event.get("id").asText());
            customEvents.incrementAndGet();
            route(bus, event);
        }
        out.put("FailedEntryCount", failed);
        out.set("Entries", results);
        return out;
    }

    /** The size EventBridge counts for an entry (Time 14 bytes, Source, DetailType, Detail, Resources). */
    static long entrySize(JsonNode en) {
        long n = en.hasNonNull("Time") ? 14 : 0;
        for (String f : new String[] {"Source", "DetailType", "Detail"}) {
            n += Json.text(en, f, "").getBytes(StandardCharsets.UTF_8).length;
        }
        for (JsonNode r : en.path("Resources")) {
            n += r.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    private void route(String busName, ObjectNode event) {
        List<Object[]> work = new ArrayList<>();
        synchronized (this) {
            Bus b = buses.get(busName);
            if (b == null) {
                record(event, null, null, null, "DROPPED", "event bus " + busName + " does not exist");
                return;
            }
            for (Rule r : b.rules.values()) {
                if (!r.enabled() || r.machine == null || r.targets.isEmpty()) {
                    continue;
                }
                if (matches(r.machine, event)) {
                    for (ObjectNode t : r.targets.values()) {
                        work.add(new Object[] {r.name, r.arn, t});
                    }
                }
            }
        }
        for (Object[] w : work) {
            dispatch(event, (String) w[0], (String) w[1], (ObjectNode) w[2]);
        }
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
                    record(event, ruleArn, target, null, "FAULT_DROPPED", "dropped by the scenario's event faults");
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
            record(event, ruleArn, target, null, "DROPPED", "input could not be rendered: " + e.getMessage());
            return;
        }
        Instant ingested = clock.now();
        for (int i = 0; i < copies; i++) {
            Duration d = i == 0 ? delay : delay.plusMillis(1 + clock.random().nextInt(1000));
            clock.schedule(d, "deliver " + event.path("id").asText() + " to " + target.path("Arn").asText(),
                    () -> deliver(event, ruleArn, target, input, 0, ingested));
        }
    }

    private void deliver(ObjectNode event, String ruleArn, ObjectNode target, String input, int retries,
            Instant ingested) {
        String arn = target.path("Arn").asText();
        String service = arn.split(":").length > 2 ? arn.split(":")[2] : "";
        try {
            switch (service) {
                case "lambda" -> {
                    FunctionInvoker invoker = registry.functions();
                    FunctionInvoker.Result result = invoker.invoke(arn, input);
                    if (result.failed()) {
                        record(event, ruleArn, target, null, "FUNCTION_ERROR",
                                result.errorType() + " (Lambda retries the asynchronous invocation twice)");
                        AsyncInvoke.retryAfterFailure(clock, invoker, arn, input, last -> record(event, ruleArn,
                                target, null, "FUNCTION_ERROR", "gave up after Lambda's retries: " + last.errorType()));
                        return;
                    }
                }
                case "states" -> registry.executions().startExecution(arn, input);
                case "sqs" -> deadLetters.send(arn, new DeadLetterQueues.Message(
                        UUID.nameUUIDFromBytes((event.path("id").asText() + arn).getBytes(StandardCharsets.UTF_8))
                                .toString(), input, Map.of(), clock.now()));
                case "events" -> {
                    ObjectNode copy = event.deepCopy();
                    putEvent(arn, copy);
                }
                default -> throw new IllegalStateException("target type not simulated: " + arn);
            }
            record(event, ruleArn, target, null, "DELIVERED", retries == 0 ? "" : "after " + retries + " retries");
        } catch (RuntimeException e) {
            String code = e instanceof AwsException ae ? ae.code() : "InternalException";
            boolean retryable = !(e instanceof AwsException ae && (ae.status() == 404 || ae.code().endsWith("NotFound")
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
                record(event, ruleArn, target, null, "RETRYING", code + ": " + e.getMessage());
                clock.schedule(backoff, "redeliver " + event.path("id").asText() + " to " + arn,
                        () -> deliver(event, ruleArn, target, input, retries + 1, ingested));
                return;
            }
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
                record(event, ruleArn, target, dlq, "DEAD_LETTERED", code + ": " + e.getMessage());
            } else {
                record(event, ruleArn, target, null, "DROPPED", code + ": " + e.getMessage()
                        + (condition == null ? " (not retryable)" : " (" + condition + ")"));
            }
        }
    }

    private void record(JsonNode event, String ruleArn, JsonNode target, String dlq, String outcome, String detail) {
        Delivery d = new Delivery(clock.now(), event.path("id").asText(), event.path("detail-type").asText(), ruleArn,
                target == null ? null : target.path("Id").asText(), target == null ? null : target.path("Arn").asText(),
                outcome, dlq == null ? detail : detail + " -> " + dlq);
        synchronized (deliveries) {
            deliveries.addLast(d);
            while (deliveries.size() > DELIVERIES_KEPT) {
                deliveries.pollFirst();
            }
        }
    }

    // ------------------------------------------------------------------ in-process helpers for the deployer

    /** Rule names on a bus (for the deployer and the CLI). */
    public synchronized List<String> ruleNames(String busName) {
        Bus b = buses.get(busName);
        return b == null ? List.of() : List.copyOf(b.rules.keySet());
    }

}
