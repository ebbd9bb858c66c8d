package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.core.StateLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.event.ruler.Machine;

/**
 * The state of EventBridge: event buses, their rules (pattern, schedule, state) and targets, and the
 * record of recent deliveries. The store owns its maps and one lock (its monitor); every access goes
 * through its methods, which return copies. It never calls another service: matching and schedule
 * firing hand the targets to the caller, which delivers after the lock is released.
 */
final class EventBridgeStore {
    static final String DEFAULT_BUS = EventBridgeService.DEFAULT_BUS;
    private static final int DELIVERIES_KEPT = 5000;
    private static final int EVENTS_KEPT_PER_BUS = 200;

    /** A rule's state, as PutRule takes it. */
    enum RuleState {
        ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS;

        boolean enabled() {
            return this != DISABLED;
        }
    }

    /** One delivery to do: the event's rule and one of its targets. */
    record Work(String ruleName, String ruleArn, ObjectNode target) {
    }

    /** Called, outside the lock, when a scheduled rule fires: the rule and its targets at that time. */
    interface Fired {
        void fired(String ruleName, String ruleArn, Instant when, List<ObjectNode> targets);
    }

    /** A rule as PutRule defines it. */
    record RuleDefinition(String name, String pattern, Machine machine, String scheduleExpression, Schedule schedule,
            RuleState state, String description, String roleArn) {
    }

    private static final class Bus {
        final String name;
        final String arn;
        final Instant created;
        final Map<String, Rule> rules = new TreeMap<>();
        final Deque<EventBridgeService.BusEvent> recent = new ArrayDeque<>();

        Bus(String name, String arn, Instant created) {
            this.name = name;
            this.arn = arn;
            this.created = created;
        }
    }

    private static final class Rule {
        final String bus;
        final String arn;
        RuleDefinition def;
        final Map<String, ObjectNode> targets = new LinkedHashMap<>();
        SimClock.Scheduled nextFire;

        Rule(String bus, String arn) {
            this.bus = bus;
            this.arn = arn;
        }
    }

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final Map<String, Bus> buses = new TreeMap<>();
    private final Deque<EventBridgeService.Delivery> deliveries = new ArrayDeque<>();
    private Fired fired = (name, arn, when, targets) -> { };
    private StateLog log = StateLog.NONE;

    EventBridgeStore(SimClock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        buses.put(DEFAULT_BUS, new Bus(DEFAULT_BUS, busArn(DEFAULT_BUS), clock.now()));
    }

    // ------------------------------------------------------------------ durability (gbo serve --state-dir)

    /**
     * Takes back the buses and rules (with their targets) a durable cloud recorded
     * ({@code events/bus/<name>}, {@code events/rule/<bus>/<name>}), re-arming schedules from the
     * restored time, then records every change from now on in {@code log}.
     */
    synchronized void durable(StateLog log, StateLog.Restored restored) {
        for (StateLog.Entry e : restored.under("events/bus/")) {
            JsonNode v = e.value();
            String name = v.path("name").asText();
            buses.put(name, new Bus(name, busArn(name), Instant.ofEpochMilli(v.path("created").asLong())));
        }
        for (StateLog.Entry e : restored.under("events/rule/")) {
            JsonNode v = e.value();
            Bus b = buses.get(v.path("bus").asText());
            if (b == null) {
                continue;
            }
            String pattern = v.path("pattern").asText(null);
            String schedule = v.path("schedule").asText(null);
            RuleDefinition def = new RuleDefinition(v.path("name").asText(), pattern,
                    pattern == null ? null : EventRouter.compile(pattern), schedule,
                    schedule == null ? null : Schedule.parse(schedule), RuleState.valueOf(v.path("state").asText()),
                    v.path("description").asText(null), v.path("roleArn").asText(null));
            Rule r = new Rule(b.name, ruleArn(b.name, def.name()));
            r.def = def;
            v.path("targets").fields().forEachRemaining(t -> r.targets.put(t.getKey(), (ObjectNode) t.getValue().deepCopy()));
            b.rules.put(def.name(), r);
            reschedule(r);
        }
        this.log = log;
    }

    /** Where the router records the deliveries it still owes. */
    synchronized StateLog log() {
        return log;
    }

    private void logBus(Bus b) {
        if (log.enabled()) {
            log.put("events/bus/" + b.name, Json.object().put("name", b.name).put("created", b.created.toEpochMilli()));
        }
    }

    private void logRule(Rule r) {
        if (!log.enabled()) {
            return;
        }
        RuleDefinition d = r.def;
        ObjectNode v = Json.object();
        v.put("bus", r.bus);
        v.put("name", d.name());
        v.put("pattern", d.pattern());
        v.put("schedule", d.scheduleExpression());
        v.put("state", d.state().name());
        v.put("description", d.description());
        v.put("roleArn", d.roleArn());
        ObjectNode t = v.putObject("targets");
        r.targets.forEach(t::set);
        log.put("events/rule/" + r.bus + "/" + d.name(), v);
    }

    synchronized void onFire(Fired f) {
        this.fired = f;
    }

    String busArn(String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    String ruleArn(String bus, String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/" + (DEFAULT_BUS.equals(bus) ? "" : bus + "/") + name;
    }

    /** The bus named by an input member (a name or an ARN); the default bus when absent or empty. */
    static String busName(JsonNode input, String field) {
        String v = Json.text(input, field, DEFAULT_BUS);
        if (v.isEmpty()) {
            return DEFAULT_BUS;
        }
        int i = v.indexOf(":event-bus/");
        return i >= 0 ? v.substring(i + ":event-bus/".length()) : v;
    }

    // ------------------------------------------------------------------ buses

    synchronized String createBus(String name) {
        if (buses.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", 400, "Event bus " + name + " already exists.");
        }
        Bus b = new Bus(name, busArn(name), clock.now());
        buses.put(name, b);
        logBus(b);
        return b.arn;
    }

    synchronized String ensureBus(String name) {
        Bus b = buses.get(name);
        if (b == null) {
            b = new Bus(name, busArn(name), clock.now());
            buses.put(name, b);
            logBus(b);
        }
        return b.arn;
    }

    synchronized boolean busExists(String name) {
        return buses.containsKey(name);
    }

    synchronized ObjectNode describeBus(String name) {
        return busJson(bus(name));
    }

    synchronized List<ObjectNode> buses(String prefix) {
        return buses.values().stream().filter(b -> b.name.startsWith(prefix)).map(EventBridgeStore::busJson).toList();
    }

    synchronized void deleteBus(String name) {
        Bus b = buses.remove(name);
        if (b != null) {
            b.rules.values().forEach(r -> {
                if (r.nextFire != null) {
                    r.nextFire.cancel();
                }
                log.remove("events/rule/" + b.name + "/" + r.def.name());
            });
            log.remove("events/bus/" + b.name);
        }
    }

    private static ObjectNode busJson(Bus b) {
        ObjectNode out = Json.object();
        out.put("Name", b.name);
        out.put("Arn", b.arn);
        out.put("CreationTime", b.created.toEpochMilli() / 1000.0);
        out.put("LastModifiedTime", b.created.toEpochMilli() / 1000.0);
        return out;
    }

    private Bus bus(String name) {
        Bus b = buses.get(name);
        if (b == null) {
            throw new AwsException("ResourceNotFoundException", 400, "Event bus " + name + " does not exist.");
        }
        return b;
    }

    private Rule rule(String busName, String name) {
        Rule r = bus(busName).rules.get(name);
        if (r == null) {
            throw new AwsException("ResourceNotFoundException", 400,
                    "Rule " + name + " does not exist on EventBus " + busName + ".");
        }
        return r;
    }

    // ------------------------------------------------------------------ rules

    /** Throws ResourceNotFoundException unless the bus exists. */
    synchronized void requireBus(String name) {
        bus(name);
    }

    /** Creates or replaces the rule's definition (keeping its targets); returns its ARN. */
    synchronized String putRule(String busName, RuleDefinition def) {
        Bus b = bus(busName);
        Rule r = b.rules.computeIfAbsent(def.name(), n -> new Rule(busName, ruleArn(busName, n)));
        r.def = def;
        reschedule(r);
        logRule(r);
        return r.arn;
    }

    synchronized ObjectNode describeRule(String busName, String name) {
        return ruleJson(rule(busName, name), true);
    }

    synchronized List<ObjectNode> rules(String busName, String prefix) {
        return bus(busName).rules.values().stream().filter(r -> r.def.name().startsWith(prefix))
                .map(r -> ruleJson(r, false)).toList();
    }

    /** Deletes the rule; a missing rule is no error, a rule with targets needs {@code force}. */
    synchronized void deleteRule(String busName, String name, boolean force) {
        Bus b = bus(busName);
        Rule r = b.rules.get(name);
        if (r == null) {
            return;
        }
        if (!r.targets.isEmpty() && !force) {
            throw AwsException.validation("Rule can't be deleted since it has targets.");
        }
        if (r.nextFire != null) {
            r.nextFire.cancel();
        }
        b.rules.remove(name);
        log.remove("events/rule/" + busName + "/" + name);
    }

    synchronized void setState(String busName, String name, RuleState state) {
        Rule r = rule(busName, name);
        RuleDefinition d = r.def;
        r.def = new RuleDefinition(d.name(), d.pattern(), d.machine(), d.scheduleExpression(), d.schedule(), state,
                d.description(), d.roleArn());
        reschedule(r);
        logRule(r);
    }

    private ObjectNode ruleJson(Rule r, boolean describe) {
        RuleDefinition d = r.def;
        ObjectNode o = Json.object();
        o.put("Name", d.name());
        o.put("Arn", r.arn);
        if (d.pattern() != null) {
            o.put("EventPattern", d.pattern());
        }
        if (d.scheduleExpression() != null) {
            o.put("ScheduleExpression", d.scheduleExpression());
        }
        o.put("State", d.state().name());
        if (d.description() != null) {
            o.put("Description", d.description());
        }
        if (d.roleArn() != null) {
            o.put("RoleArn", d.roleArn());
        }
        o.put("EventBusName", r.bus);
        if (describe) {
            o.put("CreatedBy", accountId);
        }
        return o;
    }

    synchronized List<String> ruleNames(String busName) {
        Bus b = buses.get(busName);
        return b == null ? List.of() : List.copyOf(b.rules.keySet());
    }

    // ------------------------------------------------------------------ targets

    /** Throws ResourceNotFoundException unless the rule exists. */
    synchronized void requireRule(String busName, String name) {
        rule(busName, name);
    }

    /** Adds or replaces a target; false when the rule already has {@code max} other targets. */
    synchronized boolean putTarget(String busName, String ruleName, String id, ObjectNode target, int max) {
        Rule r = rule(busName, ruleName);
        if (!r.targets.containsKey(id) && r.targets.size() >= max) {
            return false;
        }
        r.targets.put(id, target.deepCopy());
        logRule(r);
        return true;
    }

    synchronized List<ObjectNode> targets(String busName, String ruleName) {
        return rule(busName, ruleName).targets.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized void removeTargets(String busName, String ruleName, List<String> ids) {
        Rule r = rule(busName, ruleName);
        ids.forEach(r.targets::remove);
        logRule(r);
    }

    // ------------------------------------------------------------------ matching, schedules, deliveries

    /** The (rule, target) pairs the event goes to; null when the bus does not exist. */
    synchronized List<Work> matching(String busName, JsonNode event, java.util.function.BiPredicate<Machine, JsonNode> matches) {
        Bus b = buses.get(busName);
        if (b == null) {
            return null;
        }
        List<Work> work = new ArrayList<>();
        for (Rule r : b.rules.values()) {
            if (!r.def.state().enabled() || r.def.machine() == null || r.targets.isEmpty()) {
                continue;
            }
            if (matches.test(r.def.machine(), event)) {
                r.targets.values().forEach(t -> work.add(new Work(r.def.name(), r.arn, t)));
            }
        }
        return work;
    }

    private void reschedule(Rule r) {
        if (r.nextFire != null) {
            r.nextFire.cancel();
            r.nextFire = null;
        }
        Schedule schedule = r.def.schedule();
        if (schedule == null || !r.def.state().enabled()) {
            return;
        }
        Instant now = clock.now();
        Instant next = schedule.next(now);
        if (next == null) {
            return;
        }
        r.nextFire = clock.schedule(Duration.between(now, next), "schedule " + r.def.name(), true,
                () -> fire(r, schedule, next));
    }

    private void fire(Rule r, Schedule expected, Instant when) {
        List<ObjectNode> targets;
        Fired f;
        synchronized (this) {
            Bus b = buses.get(r.bus);
            if (b == null || b.rules.get(r.def.name()) != r || r.def.schedule() != expected || !r.def.state().enabled()) {
                return;
            }
            targets = List.copyOf(r.targets.values());
            Instant next = expected.next(when);
            r.nextFire = next == null ? null
                    : clock.schedule(Duration.between(clock.now(), next), "schedule " + r.def.name(), true,
                            () -> fire(r, expected, next));
            f = fired;
        }
        f.fired(r.def.name(), r.arn, when, targets);
    }

    synchronized void record(EventBridgeService.Delivery d) {
        deliveries.addLast(d);
        while (deliveries.size() > DELIVERIES_KEPT) {
            deliveries.pollFirst();
        }
    }

    synchronized List<EventBridgeService.Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Remembers an event that arrived on a bus (the last {@value #EVENTS_KEPT_PER_BUS} per bus); a missing bus keeps nothing. */
    synchronized void received(String busName, ObjectNode event) {
        Bus b = buses.get(busName);
        if (b == null) {
            return;
        }
        b.recent.addLast(new EventBridgeService.BusEvent(busName, clock.now(), event.deepCopy()));
        while (b.recent.size() > EVENTS_KEPT_PER_BUS) {
            b.recent.pollFirst();
        }
    }

    /** The events that arrived on the bus recently, oldest first (copies); empty for a missing bus. */
    synchronized List<EventBridgeService.BusEvent> received(String busName) {
        Bus b = buses.get(busName);
        return b == null ? List.of()
                : b.recent.stream().map(e -> new EventBridgeService.BusEvent(e.bus(), e.at(), e.event().deepCopy())).toList();
    }

    /** The names of every bus, sorted. */
    synchronized List<String> busNames() {
        return List.copyOf(buses.keySet());
    }
}
