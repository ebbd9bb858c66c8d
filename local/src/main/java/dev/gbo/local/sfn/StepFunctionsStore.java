package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.StateLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The state of the local Step Functions API: state machines (and those being deleted), executions by
 * ARN and by state machine, tags, and the task tokens handed to the interpreter. One lock guards it
 * all; every access goes through these methods, and none of them calls another service or the
 * interpreter. What must happen after a change (the status-change event, starting the interpreter) is
 * returned to the caller, which does it once the lock is released.
 */
final class StepFunctionsStore {

    private final Object lock = new Object();
    private final Map<String, StateMachineRecord> machines = new HashMap<>();
    private final Set<String> deleting = new HashSet<>();
    private final Map<String, Execution> executions = new HashMap<>();
    private final Map<String, List<Execution>> byMachine = new HashMap<>();
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    private final Tokens tokens;
    private final StateMachineVersions versions = new StateMachineVersions();
    private StateLog log = StateLog.NONE;

    StepFunctionsStore(long tokenSecret) {
        this.tokens = new Tokens(tokenSecret);
    }

    /** Task tokens of {@code .waitForTaskToken} tasks (thread-safe on their own: the interpreter issues them on the clock). */
    Tokens tokens() {
        return tokens;
    }

    /** The state machines' versions and aliases (their own lock, taken after this store's). */
    StateMachineVersions versions() {
        return versions;
    }

    // ------------------------------------------------------------------ durability (gbo serve --state-dir)

    /**
     * Takes back what a durable cloud recorded: every revision of a state machine that an execution or
     * the machine itself refers to ({@code states/revision/<id>}), the state machines with their tags and
     * pending deletion ({@code states/machine/<arn>}), the executions with their histories
     * ({@code states/execution/<arn>}), the task-token secret and the tokens still waiting
     * ({@code states/token/<token>}). Returns the executions still RUNNING, for the interpreter to resume.
     */
    List<Execution> durable(StateLog log, StateLog.Restored restored) {
        synchronized (lock) {
            Map<String, StateMachineRecord> revisions = new HashMap<>();
            for (StateLog.Entry e : restored.under("states/revision/")) {
                StateMachineRecord r = revision(e.value());
                revisions.put(r.revisionId(), r);
            }
            for (StateLog.Entry e : restored.under("states/machine/")) {
                JsonNode v = e.value();
                StateMachineRecord r = revisions.get(v.path("revisionId").asText());
                if (r == null) {
                    continue;
                }
                machines.put(r.arn(), r);
                byMachine.put(r.arn(), new ArrayList<>());
                Map<String, String> t = new LinkedHashMap<>();
                v.path("tags").fields().forEachRemaining(f -> t.put(f.getKey(), f.getValue().asText()));
                tags.put(r.arn(), t);
                if (v.path("deleting").asBoolean()) {
                    deleting.add(r.arn());
                }
            }
            List<Execution> open = new ArrayList<>();
            for (StateLog.Entry e : restored.under("states/execution/")) {
                JsonNode v = e.value();
                StateMachineRecord r = revisions.get(v.path("revisionId").asText());
                if (r == null) {
                    continue;
                }
                Execution x = Execution.restored(v, r, e.items(), log);
                executions.put(x.arn, x);
                byMachine.computeIfAbsent(r.arn(), k -> new ArrayList<>()).add(x);
                if (x.open()) {
                    open.add(x);
                }
            }
            tokens.durable(log, restored);
            versions.durable(log, restored, id -> machines.containsKey(machineOfRevision(revisions, id)) ? revisions.get(id) : null);
            this.log = log;
            return open;
        }
    }

    private static String machineOfRevision(Map<String, StateMachineRecord> revisions, String id) {
        StateMachineRecord r = revisions.get(id);
        return r == null ? "" : r.arn();
    }

    private static JsonNode revisionJson(StateMachineRecord r) {
        com.fasterxml.jackson.databind.node.ObjectNode v = dev.gbo.local.core.Json.object();
        v.put("arn", r.arn());
        v.put("name", r.name());
        v.put("definition", r.definition());
        v.put("roleArn", r.roleArn());
        v.put("type", r.type());
        v.put("creationDate", r.creationDate().toEpochMilli());
        if (r.updateDate() != null) {
            v.put("updateDate", r.updateDate().toEpochMilli());
        }
        v.put("revisionId", r.revisionId());
        v.set("loggingConfiguration", r.loggingConfiguration());
        v.set("tracingConfiguration", r.tracingConfiguration());
        v.put("region", r.region());
        v.put("accountId", r.accountId());
        return v;
    }

    private static StateMachineRecord revision(JsonNode v) {
        String definition = v.path("definition").asText();
        return new StateMachineRecord(v.path("arn").asText(), v.path("name").asText(), definition, Asl.parse(definition),
                v.path("roleArn").asText(), v.path("type").asText(), java.time.Instant.ofEpochMilli(v.path("creationDate").asLong()),
                v.hasNonNull("updateDate") ? java.time.Instant.ofEpochMilli(v.path("updateDate").asLong()) : null,
                v.path("revisionId").asText(), v.get("loggingConfiguration"), v.get("tracingConfiguration"),
                v.path("region").asText(), v.path("accountId").asText());
    }

    /** Records the machine's current revision, tags and pending deletion (under the lock). */
    private void logMachine(String arn) {
        if (!log.enabled()) {
            return;
        }
        StateMachineRecord r = machines.get(arn);
        if (r == null) {
            log.remove("states/machine/" + arn);
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode v = dev.gbo.local.core.Json.object();
        v.put("revisionId", r.revisionId());
        v.put("deleting", deleting.contains(arn));
        com.fasterxml.jackson.databind.node.ObjectNode t = v.putObject("tags");
        tags.getOrDefault(arn, Map.of()).forEach(t::put);
        log.put("states/machine/" + arn, v);
    }

    private void logRevision(StateMachineRecord r) {
        if (log.enabled()) {
            log.put("states/revision/" + r.revisionId(), revisionJson(r));
        }
    }

    /** A state machine and whether a deletion is waiting for its executions to close. */
    record MachineView(StateMachineRecord record, boolean deleting) {
    }

    /** An execution accepted by {@link #startExecution}: new, or the running one an idempotent retry names. */
    record Started<T>(Execution execution, boolean isNew, T collected) {
    }

    // ------------------------------------------------------------------ state machines

    /**
     * Creates the state machine {@code create} builds (called under the lock only when the ARN is free),
     * with its tags; an identical running one is returned as it is, another one is StateMachineAlreadyExists.
     */
    StateMachineRecord createMachine(String arn, String definition, String roleArn, Supplier<StateMachineRecord> create,
            Map<String, String> initialTags) {
        synchronized (lock) {
            StateMachineRecord existing = machines.get(arn);
            if (existing != null) {
                if (existing.definition().equals(definition) && existing.roleArn().equals(roleArn) && !deleting.contains(arn)) {
                    return existing;
                }
                throw new AwsException("StateMachineAlreadyExists", 400, "State Machine Already Exists: '" + arn + "'");
            }
            StateMachineRecord rec = create.get();
            machines.put(arn, rec);
            byMachine.put(arn, new ArrayList<>());
            tags.put(arn, new LinkedHashMap<>(initialTags));
            logRevision(rec);
            logMachine(arn);
            return rec;
        }
    }

    /** The state machine (InvalidArn, StateMachineDoesNotExist). */
    StateMachineRecord machine(String arn) {
        synchronized (lock) {
            return existing(arn);
        }
    }

    MachineView view(String arn) {
        synchronized (lock) {
            StateMachineRecord rec = existing(arn);
            return new MachineView(rec, deleting.contains(arn));
        }
    }

    private StateMachineRecord existing(String arn) {
        SfnInput.machineArn(arn);
        StateMachineRecord rec = machines.get(arn);
        if (rec == null) {
            throw new AwsException("StateMachineDoesNotExist", 400, "State Machine Does Not Exist: '" + arn + "'");
        }
        return rec;
    }

    /** Replaces the state machine by what {@code update} makes of it (it validates, and may throw). */
    StateMachineRecord updateMachine(String arn, UnaryOperator<StateMachineRecord> update) {
        synchronized (lock) {
            StateMachineRecord upd = update.apply(existing(arn));
            machines.put(arn, upd);
            logRevision(upd);
            logMachine(arn);
            return upd;
        }
    }

    /** Deletes now, or once its open executions have closed; a missing state machine is no error (as on AWS). */
    void deleteMachine(String arn) {
        synchronized (lock) {
            if (!machines.containsKey(arn)) {
                return;
            }
            versions.dropMachine(arn);
            if (anyOpen(arn)) {
                deleting.add(arn);
            } else {
                machines.remove(arn);
                tags.remove(arn);
            }
            logMachine(arn);
        }
    }

    /** Finishes a pending deletion of the state machine once none of its executions is open. */
    void executionClosed(String arn) {
        synchronized (lock) {
            if (deleting.contains(arn) && !anyOpen(arn)) {
                deleting.remove(arn);
                machines.remove(arn);
                tags.remove(arn);
                logMachine(arn);
            }
        }
    }

    private boolean anyOpen(String arn) {
        return byMachine.getOrDefault(arn, List.of()).stream().anyMatch(Execution::open);
    }

    /** Every state machine, by name. */
    List<StateMachineRecord> machinesByName() {
        List<StateMachineRecord> all;
        synchronized (lock) {
            all = new ArrayList<>(machines.values());
        }
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    // ------------------------------------------------------------------ executions

    /**
     * Starts an execution of the state machine under the lock: {@code check} refuses it (a missing test
     * case), {@code name} names it, {@code create} builds it, {@code collect} prepares what the caller
     * does after the lock (the RUNNING event). A running execution of the same name and input is
     * returned as it is (not new); any other of that name is ExecutionAlreadyExists.
     */
    <T> Started<T> startExecution(String machineArn, java.util.function.Consumer<StateMachineRecord> check,
            Function<StateMachineRecord, String> name, java.util.function.BiFunction<StateMachineRecord, String, Execution> create,
            String input, Function<Execution, T> collect) {
        synchronized (lock) {
            StateMachineRecord rec = existing(machineArn);
            if (deleting.contains(machineArn)) {
                throw new AwsException("StateMachineDeleting", 400, "State Machine is being deleted: '" + machineArn + "'");
            }
            check.accept(rec);
            String execName = name.apply(rec);
            String execArn = "arn:aws:states:" + rec.region() + ":" + rec.accountId() + ":execution:" + rec.name() + ":" + execName;
            Execution existing = executions.get(execArn);
            if (existing != null) {
                if (existing.open() && existing.input.equals(input)) {
                    return new Started<>(existing, false, null);
                }
                throw new AwsException("ExecutionAlreadyExists", 400, "Execution Already Exists: '" + execArn + "'");
            }
            Execution e = create.apply(rec, execArn);
            e.durable(log);
            executions.put(execArn, e);
            byMachine.get(machineArn).add(e);
            return new Started<>(e, true, collect.apply(e));
        }
    }

    /** A STANDARD child execution of a Map Run: described and listed by its map run, not by a state machine; not recorded in a durable cloud. */
    void addMapRunChild(Execution e) {
        synchronized (lock) {
            executions.put(e.arn, e);
        }
    }

    /** The execution (InvalidArn, ExecutionDoesNotExist). */
    Execution execution(String arn) {
        SfnInput.executionArn(arn);
        Execution e;
        synchronized (lock) {
            e = executions.get(arn);
        }
        if (e == null) {
            throw new AwsException("ExecutionDoesNotExist", 400, "Execution Does Not Exist: '" + arn + "'");
        }
        return e;
    }

    /** Whether the execution's state machine is being deleted or was deleted (its executions cannot be redriven). */
    boolean machineGone(Execution e) {
        synchronized (lock) {
            return deleting.contains(e.machine.arn()) || !machines.containsKey(e.machine.arn());
        }
    }

    /**
     * Redrives the closed execution under the lock (so a deletion of its state machine cannot pass it):
     * refused with ExecutionNotRedrivable unless {@link Redrive#of} says it is redrivable; then
     * {@code collect} prepares what the caller does after the lock (the RUNNING status change).
     */
    <T> T redrive(Execution e, java.time.Instant now, String clientToken, Function<Execution, T> collect) {
        synchronized (lock) {
            boolean gone = deleting.contains(e.machine.arn()) || !machines.containsKey(e.machine.arn());
            e.redrive(now, clientToken, () -> {
                Redrive.Status s = Redrive.of(e, gone, now);
                if (!s.redrivable()) {
                    throw Redrive.notRedrivable(s);
                }
            });
            return collect.apply(e);
        }
    }

    /** The state machine's executions, newest first (InvalidArn, StateMachineDoesNotExist). */
    List<Execution> executionsOf(String machineArn) {
        List<Execution> all;
        synchronized (lock) {
            existing(machineArn);
            all = new ArrayList<>(byMachine.getOrDefault(machineArn, List.of()));
        }
        Collections.reverse(all);
        return all;
    }

    /** Executions not yet closed. */
    int openExecutions() {
        List<Execution> all;
        synchronized (lock) {
            all = new ArrayList<>(executions.values());
        }
        int n = 0;
        for (Execution e : all) {
            if (e.open()) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ tags

    void tag(String arn, JsonNode tagList) {
        synchronized (lock) {
            Map<String, String> t = tagsOf(arn);
            for (JsonNode tag : tagList) {
                t.put(tag.path("key").asText(), tag.path("value").asText());
            }
            logMachine(arn);
        }
    }

    void untag(String arn, JsonNode keys) {
        synchronized (lock) {
            Map<String, String> t = tagsOf(arn);
            for (JsonNode k : keys) {
                t.remove(k.asText());
            }
            logMachine(arn);
        }
    }

    Map<String, String> tags(String arn) {
        synchronized (lock) {
            return new LinkedHashMap<>(tagsOf(arn));
        }
    }

    private Map<String, String> tagsOf(String arn) {
        existing(arn);
        return tags.computeIfAbsent(arn, k -> new LinkedHashMap<>());
    }
}
