package dev.gbo.local.sfn;

import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.StateLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Map Runs of distributed Map states, by ARN and by the execution that started them, and (in a
 * durable cloud) their records {@code states/mapRun/<arn>}: written when a map run starts, when
 * UpdateMapRun changes it and when it closes. One lock; it calls nothing else.
 */
final class MapRunStore {

    static final Pattern MAP_RUN_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):mapRun:([^:]+):([^:]+)");

    private final Object lock = new Object();
    private final Map<String, MapRun> runs = new LinkedHashMap<>();
    private final Map<String, List<MapRun>> byExecution = new HashMap<>();
    private StateLog log = StateLog.NONE;

    /** Takes back the recorded map runs (a running one becomes ABORTED, see {@link MapRun#restored}). */
    void durable(StateLog log, StateLog.Restored restored, Instant now) {
        synchronized (lock) {
            for (StateLog.Entry e : restored.under("states/mapRun/")) {
                MapRun m = MapRun.restored(e.value(), now);
                runs.put(m.arn, m);
                byExecution.computeIfAbsent(m.executionArn, k -> new ArrayList<>()).add(m);
            }
            this.log = log;
            for (MapRun m : runs.values()) {
                log.put("states/mapRun/" + m.arn, m.record());
            }
        }
    }

    void add(MapRun m) {
        synchronized (lock) {
            runs.put(m.arn, m);
            byExecution.computeIfAbsent(m.executionArn, k -> new ArrayList<>()).add(m);
            log.put("states/mapRun/" + m.arn, m.record());
        }
    }

    /** Records the map run's current state (after a change or at its close). */
    void changed(MapRun m) {
        synchronized (lock) {
            log.put("states/mapRun/" + m.arn, m.record());
        }
    }

    /** The map run (InvalidArn, ResourceNotFound). */
    MapRun get(String arn) {
        if (arn == null || !MAP_RUN_ARN.matcher(arn).matches()) {
            throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        synchronized (lock) {
            MapRun m = runs.get(arn);
            if (m == null) {
                throw new AwsException("ResourceNotFound", 400, "Resource not found: '" + arn + "'");
            }
            return m;
        }
    }

    /** The execution's map runs, oldest first. */
    List<MapRun> of(String executionArn) {
        synchronized (lock) {
            return new ArrayList<>(byExecution.getOrDefault(executionArn, List.of()));
        }
    }
}
