package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Pages;
import dev.gbo.local.core.StateLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The published versions and the aliases of every state machine. A version is a numbered, immutable
 * snapshot of one revision ({@code <stateMachineArn>:<n>}, numbers from 1, never reused for the state
 * machine); an alias ({@code <stateMachineArn>:<name>}) routes StartExecution to one or two versions by
 * weight. Guarded by its own lock, taken after the store's (the store calls {@link #dropMachine} under
 * its lock; nothing here calls the store), so the operations read the state machine first, then come here.
 *
 * <p>Durable as the store is: {@code states/version/<versionArn>} (the version and the revision id it
 * snapshots, whose revision the store keeps under {@code states/revision/}), {@code states/alias/<aliasArn>}
 * and {@code states/versionCounter/<stateMachineArn>} (the last number handed out, so a restarted cloud does
 * not reuse a deleted version's number).
 */
final class StateMachineVersions {

    /** Versions per state machine (PublishStateMachineVersion: "You can publish up to 1000 versions"). */
    static final int MAX_VERSIONS = 1000;
    /** Aliases per state machine (CreateStateMachineAlias: "You can create up to 100 aliases"). */
    static final int MAX_ALIASES = 100;

    /** A qualified state machine ARN: the state machine's ARN and the version number or alias name after it. */
    static final Pattern QUALIFIED = Pattern.compile("(arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:#/]+):([^:#/]+)");
    private static final Pattern NUMBER = Pattern.compile("[1-9]\\d{0,8}");

    static final Pages VERSION_PAGES = pages("sfn-versions");
    static final Pages ALIAS_PAGES = pages("sfn-aliases");

    /** One published version: its number and the revision it snapshots. */
    record Version(String arn, String machineArn, int number, StateMachineRecord revision, String description,
            Instant creationDate) {
    }

    /** One route of an alias. */
    record Route(String versionArn, int weight) {
    }

    /** One alias and its one or two routes. */
    record Alias(String arn, String machineArn, String name, String description, List<Route> routes, Instant creationDate,
            Instant updateDate) {
    }

    /** What StartExecution runs: the revision, and the version and alias the ARN named (null when it named neither). */
    record Target(StateMachineRecord revision, String versionArn, String aliasArn) {
    }

    /** A qualified ARN taken apart: the state machine's ARN, and its version number (0 for an alias) or alias name. */
    record Qualified(String machineArn, String qualifier) {
        boolean isVersion() {
            return NUMBER.matcher(qualifier).matches();
        }

        int number() {
            return isVersion() ? Integer.parseInt(qualifier) : 0;
        }
    }

    private static final class OfMachine {
        int last;
        final Map<Integer, Version> versions = new LinkedHashMap<>();
        final Map<String, Alias> aliases = new LinkedHashMap<>();
    }

    private final Object lock = new Object();
    private final Map<String, OfMachine> machines = new HashMap<>();
    private StateLog log = StateLog.NONE;

    private static Pages pages(String scope) {
        return new Pages(scope, "nextToken", "maxResults", SfnInput.MAX_RESULTS,
                m -> new AwsException("InvalidToken", 400, "Invalid Token: " + m));
    }

    // ------------------------------------------------------------------ ARNs

    /** The qualified ARN taken apart, or null when {@code arn} is not one. */
    static Qualified qualified(String arn) {
        Matcher m = QUALIFIED.matcher(arn);
        return m.matches() ? new Qualified(m.group(1), m.group(2)) : null;
    }

    /**
     * What IAM authorizes an action naming {@code arn} on: as Step Functions does ("To authorize a version or an
     * alias to invoke an API action, Step Functions uses the state machine's ARN instead of using the version ARN or
     * alias ARN"), the unqualified state machine ARN with the version number or alias name as the
     * {@code states:StateMachineQualifier} condition key.
     */
    static Access access(String action, String arn) {
        Qualified q = qualified(arn);
        return q == null ? Access.of(action, arn) : Access.of(action, q.machineArn()).with("states:StateMachineQualifier", q.qualifier());
    }

    static String versionArn(String machineArn, int number) {
        return machineArn + ":" + number;
    }

    /** A version ARN, or InvalidArn. */
    static Qualified versionArn(String arn) {
        Qualified q = qualified(arn);
        if (q == null || !q.isVersion()) {
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        return q;
    }

    /** An alias ARN, or InvalidArn. */
    static Qualified aliasArn(String arn) {
        Qualified q = qualified(arn);
        if (q == null || q.isVersion()) {
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        return q;
    }

    // ------------------------------------------------------------------ versions

    /**
     * Publishes the state machine's current revision {@code current}: the version that already snapshots this
     * revision when there is one (the API is idempotent), else the next number.
     */
    Version publish(StateMachineRecord current, String description, Instant now) {
        synchronized (lock) {
            OfMachine m = machines.computeIfAbsent(current.arn(), k -> new OfMachine());
            for (Version v : m.versions.values()) {
                if (v.revision().revisionId().equals(current.revisionId())) {
                    return v;
                }
            }
            if (m.versions.size() >= MAX_VERSIONS) {
                throw new AwsException("ServiceQuotaExceededException", 402, "The state machine '" + current.arn()
                        + "' already has the maximum of " + MAX_VERSIONS
                        + " versions. Delete unused versions with DeleteStateMachineVersion before you publish another one.");
            }
            int n = ++m.last;
            Version v = new Version(versionArn(current.arn(), n), current.arn(), n, current, description, now);
            m.versions.put(n, v);
            logCounter(current.arn(), m);
            logVersion(v);
            return v;
        }
    }

    /** The version ({@code StateMachineDoesNotExist} naming the version ARN when it is not, or no longer, published). */
    Version version(String arn) {
        Qualified q = versionArn(arn);
        synchronized (lock) {
            OfMachine m = machines.get(q.machineArn());
            Version v = m == null ? null : m.versions.get(q.number());
            if (v == null) {
                throw new AwsException("StateMachineDoesNotExist", 400, "State Machine Does Not Exist: '" + arn + "'");
            }
            return v;
        }
    }

    /** The state machine's versions, newest first. */
    List<Version> versions(String machineArn) {
        synchronized (lock) {
            OfMachine m = machines.get(machineArn);
            List<Version> all = m == null ? new ArrayList<>() : new ArrayList<>(m.versions.values());
            all.sort(Comparator.comparingInt(Version::number).reversed());
            return all;
        }
    }

    /** Deletes the version; a missing one is no error; one an alias routes to is a ConflictException. */
    void deleteVersion(String arn) {
        Qualified q = versionArn(arn);
        synchronized (lock) {
            OfMachine m = machines.get(q.machineArn());
            if (m == null || !m.versions.containsKey(q.number())) {
                return;
            }
            List<String> routing = new ArrayList<>();
            for (Alias a : m.aliases.values()) {
                if (a.routes().stream().anyMatch(r -> r.versionArn().equals(arn))) {
                    routing.add(a.name());
                }
            }
            if (!routing.isEmpty()) {
                throw new AwsException("ConflictException", 409, "Version to be deleted must not be referenced by an alias. "
                        + "Current list of aliases referencing this version: [" + String.join(", ", routing) + "]");
            }
            m.versions.remove(q.number());
            log.remove("states/version/" + arn);
        }
    }

    // ------------------------------------------------------------------ aliases

    /** The routing configuration of a request, checked: distinct versions of one state machine, that exist, weights summing to 100. */
    List<Route> routes(JsonNode config) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode r : config) {
            routes.add(new Route(r.path("stateMachineVersionArn").asText(), r.path("weight").asInt()));
        }
        String received = "[" + String.join(", ", routes.stream().map(Route::versionArn).toList()) + "]";
        if (new HashSet<>(routes.stream().map(Route::versionArn).toList()).size() < routes.size()) {
            throw AwsException.validation("Routing configuration must contain distinct state machine version ARNs. Received: "
                    + received);
        }
        int sum = routes.stream().mapToInt(Route::weight).sum();
        if (sum != 100) {
            throw AwsException.validation("Sum of routing configuration weights must equal 100. Received: ["
                    + String.join(", ", routes.stream().map(r -> String.valueOf(r.weight())).toList()) + "]");
        }
        synchronized (lock) {
            String machine = null;
            for (Route r : routes) {
                Qualified q = qualified(r.versionArn());
                OfMachine m = q == null || !q.isVersion() ? null : machines.get(q.machineArn());
                if (m == null || !m.versions.containsKey(q.number())) {
                    throw AwsException.validation("Routing configuration must contain state machine version ARNs. Received: " + received);
                }
                if (machine != null && !machine.equals(q.machineArn())) {
                    throw AwsException.validation("Routing configuration must contain state machine versions of the same state "
                            + "machine. Received: " + received);
                }
                machine = q.machineArn();
            }
        }
        return routes;
    }

    /** The state machine an alias's routes belong to (they are checked by {@link #routes}). */
    static String machineOf(List<Route> routes) {
        return qualified(routes.get(0).versionArn()).machineArn();
    }

    /**
     * Creates the alias; the same request again returns the existing alias, another configuration under its name is
     * a ConflictException.
     */
    Alias createAlias(String name, String description, List<Route> routes, Instant now) {
        String machineArn = machineOf(routes);
        String arn = machineArn + ":" + name;
        synchronized (lock) {
            OfMachine m = machines.computeIfAbsent(machineArn, k -> new OfMachine());
            Alias existing = m.aliases.get(name);
            if (existing != null) {
                if (existing.routes().equals(routes) && java.util.Objects.equals(existing.description(), description)) {
                    return existing;
                }
                throw new AwsException("ConflictException", 409, "Failed to create alias because an alias with the same name "
                        + "and a different routing configuration already exists.");
            }
            if (m.aliases.size() >= MAX_ALIASES) {
                throw new AwsException("ServiceQuotaExceededException", 402, "The state machine '" + machineArn
                        + "' already has the maximum of " + MAX_ALIASES
                        + " aliases. Delete unused aliases with DeleteStateMachineAlias before you create another one.");
            }
            for (Route r : routes) {
                if (!m.versions.containsKey(qualified(r.versionArn()).number())) {
                    throw AwsException.validation("Routing configuration must contain state machine version ARNs. Received: ["
                            + String.join(", ", routes.stream().map(Route::versionArn).toList()) + "]");
                }
            }
            Alias a = new Alias(arn, machineArn, name, description, List.copyOf(routes), now, now);
            m.aliases.put(name, a);
            logAlias(a);
            return a;
        }
    }

    /** The alias (ResourceNotFound). */
    Alias alias(String arn) {
        Qualified q = aliasArn(arn);
        synchronized (lock) {
            return existingAlias(q, arn);
        }
    }

    private Alias existingAlias(Qualified q, String arn) {
        OfMachine m = machines.get(q.machineArn());
        Alias a = m == null ? null : m.aliases.get(q.qualifier());
        if (a == null) {
            throw new AwsException("ResourceNotFound", 400, "Request references a resource that does not exist.");
        }
        return a;
    }

    /** Changes the alias's description and/or routes (null: kept). */
    Alias updateAlias(String arn, String description, List<Route> routes, Instant now) {
        Qualified q = aliasArn(arn);
        synchronized (lock) {
            Alias a = existingAlias(q, arn);
            if (routes != null && !machineOf(routes).equals(a.machineArn())) {
                throw AwsException.validation("Routing configuration must contain state machine versions of the state machine "
                        + "of the alias. Received: [" + String.join(", ", routes.stream().map(Route::versionArn).toList()) + "]");
            }
            Alias upd = new Alias(a.arn(), a.machineArn(), a.name(), description != null ? description : a.description(),
                    routes != null ? List.copyOf(routes) : a.routes(), a.creationDate(), now);
            machines.get(q.machineArn()).aliases.put(a.name(), upd);
            logAlias(upd);
            return upd;
        }
    }

    /** Deletes the alias (its versions stay); a missing one is no error. */
    void deleteAlias(String arn) {
        Qualified q = aliasArn(arn);
        synchronized (lock) {
            OfMachine m = machines.get(q.machineArn());
            if (m != null && m.aliases.remove(q.qualifier()) != null) {
                log.remove("states/alias/" + arn);
            }
        }
    }

    /** The state machine's aliases (or those routing to {@code versionArn} when not null), newest first. */
    List<Alias> aliases(String machineArn, String versionArn) {
        synchronized (lock) {
            OfMachine m = machines.get(machineArn);
            List<Alias> all = new ArrayList<>();
            if (m != null) {
                for (Alias a : m.aliases.values()) {
                    if (versionArn == null || a.routes().stream().anyMatch(r -> r.versionArn().equals(versionArn))) {
                        all.add(a);
                    }
                }
            }
            java.util.Collections.reverse(all);
            all.sort(Comparator.comparing(Alias::creationDate).reversed());
            return all;
        }
    }

    // ------------------------------------------------------------------ executions

    /**
     * What an execution started on the qualified ARN runs: the version's revision, or for an alias the revision of
     * the version picked by weight with {@code random} (the clock's seeded random: a run is deterministic). A
     * version or alias that does not exist is StateMachineDoesNotExist naming the ARN, as for a state machine.
     */
    Target target(Qualified q, String arn, Random random) {
        synchronized (lock) {
            OfMachine m = machines.get(q.machineArn());
            if (q.isVersion()) {
                Version v = m == null ? null : m.versions.get(q.number());
                if (v == null) {
                    throw new AwsException("StateMachineDoesNotExist", 400, "State Machine Does Not Exist: '" + arn + "'");
                }
                return new Target(v.revision(), v.arn(), null);
            }
            Alias a = m == null ? null : m.aliases.get(q.qualifier());
            if (a == null) {
                throw new AwsException("StateMachineDoesNotExist", 400, "State Machine Does Not Exist: '" + arn + "'");
            }
            Route r = pick(a.routes(), random);
            Version v = m.versions.get(qualified(r.versionArn()).number());
            return new Target(v.revision(), v.arn(), a.arn());
        }
    }

    /** The route a draw of {@code random} in [0, 100) falls in, the routes' weights laid end to end. */
    static Route pick(List<Route> routes, Random random) {
        int draw = random.nextInt(100);
        int upTo = 0;
        for (Route r : routes) {
            upTo += r.weight();
            if (draw < upTo) {
                return r;
            }
        }
        return routes.get(routes.size() - 1);
    }

    // ------------------------------------------------------------------ the state machine's deletion

    /** DeleteStateMachine "deletes all versions and aliases associated with a state machine" (the numbering starts anew). */
    void dropMachine(String machineArn) {
        synchronized (lock) {
            OfMachine m = machines.remove(machineArn);
            if (m == null) {
                return;
            }
            m.versions.values().forEach(v -> log.remove("states/version/" + v.arn()));
            m.aliases.values().forEach(a -> log.remove("states/alias/" + a.arn()));
            log.remove("states/versionCounter/" + machineArn);
        }
    }

    // ------------------------------------------------------------------ durability

    /** Takes back the versions, aliases and counters a durable cloud recorded, and records every change from now on. */
    void durable(StateLog log, StateLog.Restored restored, Function<String, StateMachineRecord> revisions) {
        synchronized (lock) {
            for (StateLog.Entry e : restored.under("states/versionCounter/")) {
                machines.computeIfAbsent(e.value().path("machineArn").asText(), k -> new OfMachine()).last =
                        e.value().path("last").asInt();
            }
            for (StateLog.Entry e : restored.under("states/version/")) {
                JsonNode v = e.value();
                StateMachineRecord rev = revisions.apply(v.path("revisionId").asText());
                if (rev == null) {
                    continue;
                }
                Version ver = new Version(v.path("arn").asText(), v.path("machineArn").asText(), v.path("number").asInt(), rev,
                        v.path("description").asText(null), Instant.ofEpochMilli(v.path("creationDate").asLong()));
                OfMachine m = machines.computeIfAbsent(ver.machineArn(), k -> new OfMachine());
                m.versions.put(ver.number(), ver);
                m.last = Math.max(m.last, ver.number());
            }
            for (StateLog.Entry e : restored.under("states/alias/")) {
                JsonNode v = e.value();
                List<Route> routes = new ArrayList<>();
                v.path("routingConfiguration").forEach(r -> routes.add(new Route(r.path("stateMachineVersionArn").asText(),
                        r.path("weight").asInt())));
                Alias a = new Alias(v.path("arn").asText(), v.path("machineArn").asText(), v.path("name").asText(),
                        v.path("description").asText(null), List.copyOf(routes), Instant.ofEpochMilli(v.path("creationDate").asLong()),
                        Instant.ofEpochMilli(v.path("updateDate").asLong()));
                machines.computeIfAbsent(a.machineArn(), k -> new OfMachine()).aliases.put(a.name(), a);
            }
            this.log = log;
        }
    }

    private void logCounter(String machineArn, OfMachine m) {
        if (log.enabled()) {
            ObjectNode v = Json.object();
            v.put("machineArn", machineArn);
            v.put("last", m.last);
            log.put("states/versionCounter/" + machineArn, v);
        }
    }

    private void logVersion(Version ver) {
        if (log.enabled()) {
            ObjectNode v = Json.object();
            v.put("arn", ver.arn());
            v.put("machineArn", ver.machineArn());
            v.put("number", ver.number());
            v.put("revisionId", ver.revision().revisionId());
            v.put("description", ver.description());
            v.put("creationDate", ver.creationDate().toEpochMilli());
            log.put("states/version/" + ver.arn(), v);
        }
    }

    private void logAlias(Alias a) {
        if (log.enabled()) {
            ObjectNode v = Json.object();
            v.put("arn", a.arn());
            v.put("machineArn", a.machineArn());
            v.put("name", a.name());
            v.put("description", a.description());
            v.set("routingConfiguration", routing(a.routes()));
            v.put("creationDate", a.creationDate().toEpochMilli());
            v.put("updateDate", a.updateDate().toEpochMilli());
            log.put("states/alias/" + a.arn(), v);
        }
    }

    /** The routes as the API renders them. */
    static JsonNode routing(List<Route> routes) {
        com.fasterxml.jackson.databind.node.ArrayNode list = Json.MAPPER.createArrayNode();
        for (Route r : routes) {
            ObjectNode o = list.addObject();
            o.put("stateMachineVersionArn", r.versionArn());
            o.put("weight", r.weight());
        }
        return list;
    }
}
