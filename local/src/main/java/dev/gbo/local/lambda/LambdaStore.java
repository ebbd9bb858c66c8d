package dev.gbo.local.lambda;

import dev.gbo.local.core.AwsException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of the local Lambda: functions and their versions and aliases, warm (idle) execution
 * environments, recent log lines, counters, and the template logical ids of deployed functions. One
 * lock guards it all; every access goes through these methods, none of which runs a handler or calls
 * another service.
 */
final class LambdaStore {
    static final int LOG_LINES_KEPT = 1000;

    private final String region;
    private final String accountId;
    private final Object lock = new Object();
    private final Map<String, Slot> functions = new TreeMap<>();
    private final Map<String, String> logicalIds = new HashMap<>();

    /** What a function reference resolves to: the deployment, the version run, and the ARN it was invoked by. */
    record Target(LambdaFunction function, String version, String invokedArn) {
    }

    private static final class Slot {
        final LambdaFunction function;
        final Map<String, String> aliases = new LinkedHashMap<>();
        final Deque<LambdaRuntime.Instance> idle = new ArrayDeque<>();
        final Deque<String> logs = new ArrayDeque<>();
        long coldStarts;
        long invocations;
        long billedMillis;
        int versions;

        Slot(LambdaFunction function) {
            this.function = function;
        }
    }

    LambdaStore(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    String accountId() {
        return accountId;
    }

    String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /** Creates or replaces a function; a replacement keeps versions, aliases, logs and counters, not warm instances. */
    void put(LambdaFunction f) {
        synchronized (lock) {
            Slot previous = functions.get(f.name());
            Slot slot = new Slot(f);
            if (previous != null) {
                slot.aliases.putAll(previous.aliases);
                slot.versions = previous.versions;
                slot.logs.addAll(previous.logs);
                slot.invocations = previous.invocations;
                slot.billedMillis = previous.billedMillis;
            }
            functions.put(f.name(), slot);
        }
    }

    /** Publishes a version of the function and points {@code alias} at it. */
    void publishAlias(String name, String alias) {
        synchronized (lock) {
            Slot s = slot(name, "Function not found: " + functionArn(name));
            s.versions++;
            s.aliases.put(alias, String.valueOf(s.versions));
        }
    }

    /** The function, version and invoked ARN for a name and qualifier (ResourceNotFoundException). */
    Target target(String name, String qualifier) {
        String notFound = "Function not found: " + functionArn(name) + (qualifier == null ? "" : ":" + qualifier);
        synchronized (lock) {
            Slot s = slot(name, notFound);
            if (qualifier == null || "$LATEST".equals(qualifier)) {
                return new Target(s.function, "$LATEST", functionArn(name) + (qualifier == null ? "" : ":" + qualifier));
            }
            String version = s.aliases.get(qualifier);
            if (version == null && qualifier.matches("\\d+") && Integer.parseInt(qualifier) >= 1
                    && Integer.parseInt(qualifier) <= s.versions) {
                version = qualifier;
            }
            if (version == null) {
                throw new AwsException("ResourceNotFoundException", 404, notFound);
            }
            return new Target(s.function, version, functionArn(name) + ":" + qualifier);
        }
    }

    private Slot slot(String name, String notFound) {
        Slot s = functions.get(name);
        if (s == null) {
            throw new AwsException("ResourceNotFoundException", 404, notFound);
        }
        return s;
    }

    /** The current slot of this deployment; null once it was replaced (or deleted). */
    private Slot current(LambdaFunction f) {
        Slot s = functions.get(f.name());
        return s != null && s.function == f ? s : null;
    }

    /** Deployments by name. */
    List<LambdaFunction> functions() {
        synchronized (lock) {
            List<LambdaFunction> out = new ArrayList<>();
            functions.values().forEach(s -> out.add(s.function));
            return out;
        }
    }

    List<String> names() {
        synchronized (lock) {
            return List.copyOf(functions.keySet());
        }
    }

    // ------------------------------------------------------------------ execution environments

    /** A warm instance of this deployment, most recently used first; null: a cold start is needed. */
    LambdaRuntime.Instance takeIdle(LambdaFunction f) {
        synchronized (lock) {
            Slot s = current(f);
            return s == null ? null : s.idle.pollFirst();
        }
    }

    /** Returns an instance to the warm pool (dropped when the deployment was replaced meanwhile). */
    void returnIdle(LambdaFunction f, LambdaRuntime.Instance instance) {
        synchronized (lock) {
            Slot s = current(f);
            if (s != null) {
                s.idle.offerFirst(instance);
            }
        }
    }

    /** Forgets an instance whose runtime exited. */
    void discard(LambdaFunction f, LambdaRuntime.Instance instance) {
        synchronized (lock) {
            Slot s = current(f);
            if (s != null) {
                s.idle.remove(instance);
            }
        }
    }

    void coldStarted(LambdaFunction f) {
        synchronized (lock) {
            Slot s = current(f);
            if (s != null) {
                s.coldStarts++;
            }
        }
    }

    /** Counts one invocation, its billed duration and its log lines (the last {@value #LOG_LINES_KEPT} are kept). */
    void invoked(LambdaFunction f, long billedMillis, List<String> lines) {
        synchronized (lock) {
            Slot s = current(f);
            if (s == null) {
                return;
            }
            s.invocations++;
            s.billedMillis += billedMillis;
            s.logs.addAll(lines);
            while (s.logs.size() > LOG_LINES_KEPT) {
                s.logs.pollFirst();
            }
        }
    }

    List<String> logs(String name) {
        synchronized (lock) {
            return List.copyOf(slot(name, "Function not found: " + functionArn(name)).logs);
        }
    }

    int coldStarts(String name) {
        synchronized (lock) {
            return (int) slot(name, "Function not found: " + functionArn(name)).coldStarts;
        }
    }

    Map<String, LambdaService.InvocationStats> invocationStats() {
        Map<String, LambdaService.InvocationStats> out = new TreeMap<>();
        synchronized (lock) {
            functions.forEach((name, s) -> out.put(name,
                    new LambdaService.InvocationStats(s.invocations, s.billedMillis, s.function.memoryMb())));
        }
        return out;
    }

    // ------------------------------------------------------------------ logical ids

    void logicalId(String name, String logicalId) {
        synchronized (lock) {
            logicalIds.put(name, logicalId);
        }
    }

    String logicalId(String name) {
        synchronized (lock) {
            return logicalIds.get(name);
        }
    }
}
