package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A state machine's {@code loggingConfiguration} put to work: the history events of its executions
 * (STANDARD and EXPRESS) written to the CloudWatch Logs log group it names, through the registry's
 * {@code logs} service (in process: CreateLogStream, PutLogEvents).
 *
 * <ul>
 *   <li>Levels as the developer guide's "Log levels" table: ALL every event; ERROR the failure events
 *       ({@link #ERROR_EVENTS}); FATAL ExecutionFailed/TimedOut/Aborted; OFF none.</li>
 *   <li>One log stream per execution, {@code states/<state machine>/<yyyy-MM-dd-HH-mm of its start>/<8 hex>}.</li>
 *   <li>Each log event's message is the history event as AWS writes it to CloudWatch Logs:
 *       {@code {"id", "type", "details", "previous_event_id", "event_timestamp", "execution_arn", "redrive_count"}}
 *       (ids and the epoch-millisecond timestamp as strings); with {@code includeExecutionData: false} the
 *       details lose {@code input}, {@code output} and {@code parameters}.</li>
 *   <li>Delivery never blocks the execution: events are queued as they are recorded and put by one clock
 *       task per burst; what is left is put when the execution closes, before its end is reported
 *       (StartSyncExecution returns after its logs are in the group).</li>
 * </ul>
 *
 * At CreateStateMachine/UpdateStateMachine a level other than OFF needs a destination whose log group
 * exists, as on AWS: Step Functions creates the stream
 * {@code log_stream_created_by_aws_to_validate_log_delivery_subscriptions} in it, and a missing group is
 * InvalidLoggingConfiguration "Invalid Logging Configuration: Log Destination not found."
 */
final class ExecutionLogging {

    static final String VALIDATION_STREAM = "log_stream_created_by_aws_to_validate_log_delivery_subscriptions";

    /** The events the ERROR level logs (besides the FATAL ones), per the developer guide's table. */
    static final Set<String> ERROR_EVENTS = Set.of("ExecutionAborted", "ExecutionFailed", "ExecutionTimedOut",
            "FailStateEntered", "LambdaFunctionFailed", "LambdaFunctionScheduleFailed", "LambdaFunctionStartFailed",
            "LambdaFunctionTimedOut", "MapIterationAborted", "MapIterationFailed", "MapStateAborted", "MapStateFailed",
            "MapRunAborted", "MapRunFailed", "ParallelStateAborted", "ParallelStateFailed", "TaskFailed", "TaskStartFailed",
            "TaskStateAborted", "TaskSubmitFailed", "TaskTimedOut", "WaitStateAborted");
    static final Set<String> FATAL_EVENTS = Set.of("ExecutionAborted", "ExecutionFailed", "ExecutionTimedOut");

    private static final Pattern LOG_GROUP_ARN = Pattern.compile(
            "arn:aws[a-z-]*:logs:([a-z0-9-]+):(\\d{12}):log-group:([\\.\\-_/#A-Za-z0-9]+)(:\\*)?");
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm").withZone(ZoneOffset.UTC);

    private final SimClock clock;
    private final ServiceRegistry registry;

    ExecutionLogging(SimClock clock, ServiceRegistry registry) {
        this.clock = clock;
        this.registry = registry;
    }

    /** The log group a configuration delivers to: region, account, name; null when its level is OFF. */
    record Destination(String region, String accountId, String groupName, String level, boolean includeExecutionData) {
    }

    static Destination destination(JsonNode logging) {
        if (logging == null || logging.isNull()) {
            return null;
        }
        String level = logging.path("level").asText("OFF");
        if (level.equals("OFF")) {
            return null;
        }
        JsonNode dests = logging.path("destinations");
        if (!dests.isArray() || dests.size() != 1) {
            throw new AwsException("InvalidLoggingConfiguration", 400,
                    "Invalid Logging Configuration: Must specify exactly one Log Destination if logging level is not OFF.");
        }
        String arn = dests.get(0).path("cloudWatchLogsLogGroup").path("logGroupArn").asText("");
        Matcher m = LOG_GROUP_ARN.matcher(arn);
        if (!m.matches()) {
            throw notFound();
        }
        return new Destination(m.group(1), m.group(2), m.group(3), level, logging.path("includeExecutionData").asBoolean(false));
    }

    private static AwsException notFound() {
        return new AwsException("InvalidLoggingConfiguration", 400, "Invalid Logging Configuration: Log Destination not found.");
    }

    /**
     * Checks a configuration given to CreateStateMachine/UpdateStateMachine (the log group must exist)
     * and creates AWS's validation stream in it. Call without holding the store's lock.
     */
    void validate(JsonNode logging) {
        Destination d = destination(logging);
        if (d == null) {
            return;
        }
        if (!registry.has("logs")) {
            throw notFound();
        }
        try {
            createStream(d, VALIDATION_STREAM);
        } catch (AwsException e) {
            throw notFound();
        }
    }

    private void createStream(Destination d, String stream) {
        ObjectNode in = Json.object();
        in.put("logGroupName", d.groupName());
        in.put("logStreamName", stream);
        try {
            logs().call("CreateLogStream", in, new RequestContext(d.region(), d.accountId(), "states-logging"));
        } catch (AwsException e) {
            if (!"ResourceAlreadyExistsException".equals(e.code())) {
                throw e;
            }
        }
    }

    private AwsService logs() {
        return registry.get("logs");
    }

    /** Attaches the delivery of {@code e}'s events when its state machine logs; call before its first event. */
    void attach(Execution e) {
        Destination d;
        try {
            d = destination(e.machine.loggingConfiguration());
        } catch (AwsException ex) {
            return; // refused at CreateStateMachine; a record restored from an older run may still carry it
        }
        if (d != null && registry.has("logs")) {
            e.listener = new Sink(e, d);
        }
    }

    /** Puts what is left of {@code e}'s events (called once it has closed). */
    static void flush(Execution e) {
        if (e.listener instanceof Sink s) {
            s.flush();
        }
    }

    /** The log stream of an execution. */
    static String streamName(Execution e) {
        return "states/" + e.machine.name() + "/" + STREAM_DATE.format(e.startDate) + "/"
                + String.format("%08x", e.arn.hashCode());
    }

    /** The CloudWatch Logs message of one history event. */
    static ObjectNode message(Execution e, ObjectNode event, boolean includeExecutionData) {
        ObjectNode m = Json.object();
        m.put("id", event.path("id").asText());
        m.put("type", event.path("type").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().endsWith("EventDetails") && f.getValue().isObject()) {
                ObjectNode details = f.getValue().deepCopy();
                if (!includeExecutionData) {
                    details.remove(List.of("input", "output", "parameters"));
                }
                m.set("details", details);
            }
        }
        if (!m.has("details")) {
            m.putObject("details");
        }
        m.put("previous_event_id", event.path("previousEventId").asText("0"));
        m.put("event_timestamp", String.valueOf(millis(event)));
        m.put("execution_arn", e.arn);
        m.put("redrive_count", "0");
        return m;
    }

    private static long millis(ObjectNode event) {
        return event.path("timestamp").decimalValue().movePointRight(3).longValue();
    }

    static boolean logs(String level, String type) {
        return switch (level) {
            case "ALL" -> true;
            case "ERROR" -> ERROR_EVENTS.contains(type);
            case "FATAL" -> FATAL_EVENTS.contains(type);
            default -> false;
        };
    }

    /** Queues an execution's events (under its monitor: no service is called there) and puts them from a clock task. */
    private final class Sink implements Consumer<ObjectNode> {
        private final Execution e;
        private final Destination d;
        private final String stream;
        private final ConcurrentLinkedQueue<ObjectNode> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private boolean streamCreated; // guarded by this

        Sink(Execution e, Destination d) {
            this.e = e;
            this.d = d;
            this.stream = streamName(e);
        }

        @Override
        public void accept(ObjectNode event) {
            if (!logs(d.level(), event.path("type").asText())) {
                return;
            }
            pending.add(message(e, event, d.includeExecutionData()));
            if (scheduled.compareAndSet(false, true)) {
                clock.submit("sfn log delivery " + e.name, this::flush);
            }
        }

        /** Puts every queued event, in order (one delivery at a time). */
        synchronized void flush() {
            scheduled.set(false);
            List<ObjectNode> batch = new ArrayList<>();
            for (ObjectNode m; (m = pending.poll()) != null; ) {
                batch.add(m);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                if (!streamCreated) {
                    createStream(d, stream);
                    streamCreated = true;
                }
                ObjectNode in = Json.object();
                in.put("logGroupName", d.groupName());
                in.put("logStreamName", stream);
                ArrayNode events = in.putArray("logEvents");
                for (ObjectNode m : batch) {
                    ObjectNode ev = events.addObject();
                    ev.put("timestamp", Long.parseLong(m.get("event_timestamp").asText()));
                    ev.put("message", Json.write(m));
                }
                logs().call("PutLogEvents", in, new RequestContext(d.region(), d.accountId(), "states-logging"));
            } catch (AwsException ex) {
                // best effort, as AWS delivers them: a deleted log group loses the events
            }
        }
    }
}
