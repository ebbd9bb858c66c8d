package dev.gbo.functions.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * The functions' operational metrics, written as CloudWatch Embedded Metric Format (EMF) lines on standard
 * output through {@code aws-embedded-metrics} and its {@link LambdaEnvironment} (console sink: Lambda forwards
 * stdout to CloudWatch Logs, which extracts the metrics). Every metric, unit and dimension is documented in
 * docs/metrics.md.
 *
 * <p>One recorder per invocation: {@code JsonStreamHandler} calls {@link #begin} before the handler's work and
 * {@link #end} after it (also when it fails), which flushes one EMF line per distinct dimension combination.
 * The logic classes record with the static methods; outside an invocation (unit tests of the logic) they record
 * nothing. Every metric also carries the empty dimension set, so dashboards and alarms can use the total.
 * Dimensions are few and of low cardinality (family, queue, reason, failure class, service); request, job and
 * execution ids are properties, never dimensions. Recording and flushing never fail an invocation.
 */
public final class Metrics {
    public static final String NAMESPACE = "gbo";

    public static final String CAPACITY_DECISIONS = "CapacityDecisions";
    public static final String FELL_BACK = "FellBack";
    public static final String FALLBACKS = "Fallbacks";
    public static final String JOBS_SUBMITTED = "JobsSubmitted";
    public static final String JOBS_VERIFIED = "JobsVerified";
    public static final String JOBS_FAILED = "JobsFailed";
    public static final String RUNNABLE_WAIT = "RunnableWait";
    public static final String ATTEMPTS = "Attempts";
    public static final String ATTEMPTS_LOST = "AttemptsLost";
    public static final String SDK_THROTTLES = "SdkThrottles";
    public static final String FUNCTION_ERRORS = "FunctionErrors";

    public static final String FAMILY = "Family";
    public static final String QUEUE = "Queue";
    public static final String REASON = "Reason";
    public static final String FAILURE_CLASS = "FailureClass";
    public static final String SERVICE = "Service";

    private static final ThreadLocal<Metrics> CURRENT = new ThreadLocal<>();
    private static final Environment LAMBDA = new LambdaEnvironment();

    private record Point(String name, double value, Unit unit) {
    }

    /** Key: the dimension sets of one EMF line, each an ordered map of dimension name to value. */
    private final Map<List<Map<String, String>>, List<Point>> groups = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Metrics() {
    }

    /** Starts recording for the invocation running on this thread. */
    public static void begin(String function) {
        Metrics m = new Metrics();
        m.properties.put("function", function);
        CURRENT.set(m);
    }

    /** Flushes what the invocation recorded (one EMF line per dimension combination) and stops recording. */
    public static void end() {
        Metrics m = CURRENT.get();
        CURRENT.remove();
        if (m != null) {
            m.flush(LAMBDA);
        }
    }

    /** A count of 1 (or {@code value}), with the given dimension sets plus the total (no dimensions). */
    @SafeVarargs
    public static void count(String name, double value, Map<String, String>... dimensionSets) {
        put(name, value, Unit.COUNT, dimensionSets);
    }

    @SafeVarargs
    public static void seconds(String name, double value, Map<String, String>... dimensionSets) {
        put(name, value, Unit.SECONDS, dimensionSets);
    }

    /** A property of every line the invocation writes (ids belong here, never in dimensions). */
    public static void property(String key, Object value) {
        Metrics m = CURRENT.get();
        if (m != null && key != null && value != null) {
            m.properties.put(key, value);
        }
    }

    /** An ordered dimension set: {@code dims("Family", "m8g", "Reason", "refused")}; null values read as "unknown". */
    public static Map<String, String> dims(String... keyValues) {
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String v = keyValues[i + 1];
            set.put(keyValues[i], v == null || v.isBlank() ? "unknown" : v);
        }
        return set;
    }

    @SafeVarargs
    private static void put(String name, double value, Unit unit, Map<String, String>... dimensionSets) {
        Metrics m = CURRENT.get();
        if (m == null || !Double.isFinite(value)) {
            return;
        }
        List<Map<String, String>> sets = new ArrayList<>(List.of(dimensionSets));
        sets.add(Map.of());
        m.groups.computeIfAbsent(List.copyOf(sets), k -> new ArrayList<>()).add(new Point(name, value, unit));
    }

    private void flush(Environment environment) {
        for (var group : groups.entrySet()) {
            try {
                MetricsLogger logger = new MetricsLogger(environment);
                logger.setNamespace(NAMESPACE);
                List<DimensionSet> sets = new ArrayList<>();
                for (Map<String, String> set : group.getKey()) {
                    DimensionSet d = new DimensionSet();
                    for (var e : set.entrySet()) {
                        d.addDimension(e.getKey(), e.getValue());
                    }
                    sets.add(d);
                }
                logger.setDimensions(false, sets.toArray(DimensionSet[]::new));
                properties.forEach(logger::putProperty);
                for (Point p : group.getValue()) {
                    logger.putMetric(p.name(), p.value(), p.unit());
                }
                logger.flush();
            } catch (RuntimeException e) {
                Log.warn("metrics.failed", "exception", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage()));
            }
        }
        groups.clear();
    }
}
