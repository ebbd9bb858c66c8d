package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine in process with scripted neighbours: Lambda functions whose behaviour a test
 * describes in JSON (return, echo, error, callbacks after a delay, heartbeats), an EventBridge
 * sink that records events, and a small Batch whose jobs run for a given virtual time.
 */
final class SfnHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String ROLE = "arn:aws:iam::123456789012:role/sfn";

    final SimClock clock;
    final ServiceRegistry registry = new ServiceRegistry();
    final StepFunctionsService sfn;
    final List<ObjectNode> events = new ArrayList<>();
    final List<String> invocations = new ArrayList<>();
    final FakeBatch batch;
    /** CloudWatch Logs, where EXPRESS golden cases read their events back. */
    final dev.gbo.local.logs.LogsService logs;
    private final JsonNode functions;
    private final Map<String, Integer> calls = new HashMap<>();

    SfnHarness(SimClock clock, JsonNode functions, JsonNode batchJobs, Path mockConfig) {
        this.clock = clock;
        this.functions = functions == null ? Json.object() : functions;
        this.logs = new dev.gbo.local.logs.LogsService(clock, REGION, ACCOUNT);
        registry.functions(this::invoke);
        registry.events((bus, event) -> {
            synchronized (events) {
                ObjectNode e = event.deepCopy();
                e.put("bus", bus);
                events.add(e);
            }
        });
        if (batchJobs != null) {
            batch = new FakeBatch(batchJobs);
            registry.add(batch);
        } else {
            batch = null;
        }
        registry.add(logs);
        sfn = new StepFunctionsService(clock, registry, REGION, ACCOUNT, mockConfig);
        registry.add(sfn);
    }

    static SfnHarness virtual() {
        return new SfnHarness(SimClock.virtual(START, 42), null, null, null);
    }

    JsonNode call(String op, String json) {
        return sfn.call(op, Json.parse(json), new RequestContext(REGION, ACCOUNT, "req"));
    }

    JsonNode call(String op, JsonNode in) {
        return sfn.call(op, in, new RequestContext(REGION, ACCOUNT, "req"));
    }

    String create(String name, String definition) {
        ObjectNode in = Json.object();
        in.put("name", name);
        in.put("definition", definition);
        in.put("roleArn", ROLE);
        return call("CreateStateMachine", in).get("stateMachineArn").asText();
    }

    /** An EXPRESS state machine logging ALL events with their data to the log group {@code /golden/<name>}. */
    String createExpress(String name, String definition) {
        ObjectNode group = Json.object();
        group.put("logGroupName", "/golden/" + name);
        logs.call("CreateLogGroup", group, new RequestContext(REGION, ACCOUNT, "req"));
        ObjectNode in = Json.object();
        in.put("name", name);
        in.put("definition", definition);
        in.put("roleArn", ROLE);
        in.put("type", "EXPRESS");
        ObjectNode logging = in.putObject("loggingConfiguration");
        logging.put("level", "ALL");
        logging.put("includeExecutionData", true);
        logging.putArray("destinations").addObject().putObject("cloudWatchLogsLogGroup")
                .put("logGroupArn", "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/golden/" + name + ":*");
        return call("CreateStateMachine", in).get("stateMachineArn").asText();
    }

    /**
     * The events of the one execution logged to {@code /golden/<name>}, as history events: the log message with
     * {@code timestamp} (seconds) and {@code previousEventId} as GetExecutionHistory has them.
     */
    ArrayNode expressEvents(String name) {
        ArrayNode out = Json.array();
        for (String stream : streams("/golden/" + name)) {
            if (stream.equals(ExecutionLogging.VALIDATION_STREAM)) {
                continue;
            }
            for (String line : logs.messages("/golden/" + name, stream)) {
                ObjectNode ev = (ObjectNode) Json.parse(line);
                ev.put("timestamp", new java.math.BigDecimal(ev.get("event_timestamp").asText()).movePointLeft(3));
                ev.put("previousEventId", Long.parseLong(ev.get("previous_event_id").asText()));
                out.add(ev);
            }
        }
        return out;
    }

    private List<String> streams(String group) {
        ObjectNode in = Json.object();
        in.put("logGroupName", group);
        List<String> names = new ArrayList<>();
        logs.call("DescribeLogStreams", in, new RequestContext(REGION, ACCOUNT, "req")).path("logStreams")
                .forEach(s -> names.add(s.get("logStreamName").asText()));
        return names;
    }

    String start(String target, String name, String input) {
        ObjectNode in = Json.object();
        in.put("stateMachineArn", target);
        if (name != null) {
            in.put("name", name);
        }
        in.put("input", input);
        return call("StartExecution", in).get("executionArn").asText();
    }

    JsonNode describe(String execArn) {
        ObjectNode in = Json.object();
        in.put("executionArn", execArn);
        return call("DescribeExecution", in);
    }

    ArrayNode history(String execArn) {
        ObjectNode in = Json.object();
        in.put("executionArn", execArn);
        in.put("maxResults", 1000);
        ArrayNode all = Json.array();
        while (true) {
            JsonNode page = call("GetExecutionHistory", in);
            all.addAll((ArrayNode) page.get("events"));
            if (!page.hasNonNull("nextToken")) {
                return all;
            }
            in.put("nextToken", page.get("nextToken").asText());
        }
    }

    /** The local S3, added by {@link #seedS3}; null until then. */
    dev.gbo.local.s3.S3Service s3;

    /**
     * Adds the local S3 with the objects of {@code objects}: {@code "bucket/key"} to the object's text
     * (a JSON string as it is, any other JSON value written as JSON); {@code "bucket/"} only creates the bucket.
     */
    void seedS3(JsonNode objects) {
        if (s3 == null) {
            s3 = new dev.gbo.local.s3.S3Service(clock, REGION, ACCOUNT, registry);
            registry.add(s3);
        }
        objects.fields().forEachRemaining(e -> {
            String path = e.getKey();
            int slash = path.indexOf('/');
            String bucket = path.substring(0, slash);
            s3.createBucket(bucket);
            if (slash < path.length() - 1) {
                JsonNode v = e.getValue();
                String text = v.isTextual() ? v.asText() : Json.write(v);
                s3.putObject(bucket, path.substring(slash + 1), text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/octet-stream");
            }
        });
    }

    /** The text of an S3 object of the harness's S3. */
    String s3Text(String bucket, String key) {
        return new String(s3.getObject(bucket, key), java.nio.charset.StandardCharsets.UTF_8);
    }

    void idle() {
        if (!clock.awaitIdle(Duration.ofSeconds(20))) {
            throw new AssertionError("the clock did not become idle; pending " + clock.pending());
        }
    }

    // ------------------------------------------------------------------ scripted Lambda

    private FunctionInvoker.Result invoke(String ref, String payload) {
        String name = ref;
        int f = name.indexOf("function:");
        if (f >= 0) {
            name = name.substring(f + "function:".length());
        }
        if (name.contains(":")) {
            name = name.substring(0, name.indexOf(':'));
        }
        JsonNode spec = functions.get(name);
        if (spec == null) {
            throw new AwsException("ResourceNotFoundException", 404, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:" + name);
        }
        int n;
        synchronized (calls) {
            n = calls.merge(name, 1, Integer::sum) - 1;
            invocations.add(name + " " + payload);
        }
        JsonNode b = spec.isArray() ? spec.get(Math.min(n, spec.size() - 1)) : spec;
        JsonNode in = Json.parse(payload);
        if (b.has("callback")) {
            String token = in.path(b.path("tokenField").asText("token")).asText();
            scheduleCallbacks(b, token);
            return new FunctionInvoker.Result(Json.write(b.has("return") ? b.get("return") : Json.object()), null, null);
        }
        if (b.has("error")) {
            ObjectNode doc = Json.object();
            doc.put("errorMessage", b.path("message").asText("failed"));
            doc.put("errorType", b.get("error").asText());
            doc.putArray("stackTrace");
            return new FunctionInvoker.Result(Json.write(doc), "Unhandled", b.get("error").asText());
        }
        if (b.path("echo").asBoolean(false)) {
            return new FunctionInvoker.Result(payload, null, null);
        }
        return new FunctionInvoker.Result(Json.write(b.get("return")), null, null);
    }

    private void scheduleCallbacks(JsonNode b, String token) {
        for (JsonNode hb : b.path("heartbeats")) {
            clock.schedule(Duration.ofSeconds(hb.asLong()), "heartbeat", () -> quietly("SendTaskHeartbeat", tokenOnly(token)));
        }
        String kind = b.get("callback").asText();
        if (kind.equals("none")) {
            return;
        }
        long after = b.path("afterSeconds").asLong(0);
        for (int t = 0; t < b.path("times").asInt(1); t++) {
        clock.schedule(Duration.ofSeconds(after + t), "callback", () -> {
            ObjectNode in = tokenOnly(token);
            if (kind.equals("success")) {
                in.put("output", Json.write(b.path("output")));
                quietly("SendTaskSuccess", in);
            } else {
                if (b.has("errorName")) {
                    in.put("error", b.get("errorName").asText());
                }
                if (b.has("cause")) {
                    in.put("cause", b.get("cause").asText());
                }
                quietly("SendTaskFailure", in);
            }
        });
        }
    }

    private static ObjectNode tokenOnly(String token) {
        ObjectNode in = Json.object();
        in.put("taskToken", token);
        return in;
    }

    final List<String> callbackErrors = new ArrayList<>();

    private void quietly(String op, ObjectNode in) {
        try {
            call(op, in);
        } catch (AwsException e) {
            callbackErrors.add(op + ": " + e.code());
        }
    }

    // ------------------------------------------------------------------ a small Batch

    /** Jobs by name: {"<jobName>": {"runSeconds": 30, "status": "SUCCEEDED"|"FAILED", "reason": "..."}}. */
    final class FakeBatch implements AwsService {
        private final JsonNode jobs;
        private final Map<String, ObjectNode> submitted = new HashMap<>();
        final List<String> terminated = new ArrayList<>();
        final List<JsonNode> requests = new ArrayList<>();
        private int counter;

        FakeBatch(JsonNode jobs) {
            this.jobs = jobs;
        }

        @Override
        public String signingName() {
            return "batch";
        }

        @Override
        public synchronized JsonNode call(String operation, JsonNode input, RequestContext context) {
            requests.add(Json.object().put("op", operation).set("input", input));
            switch (operation) {
                case "SubmitJob": {
                    String name = input.path("jobName").asText();
                    if (!input.hasNonNull("jobQueue")) {
                        throw new AwsException("ClientException", 400, "jobQueue is required");
                    }
                    String id = "job-" + (++counter);
                    JsonNode spec = jobs.path(name);
                    ObjectNode job = Json.object();
                    job.put("jobArn", "arn:aws:batch:us-east-1:123456789012:job/" + id);
                    job.put("jobName", name);
                    job.put("jobId", id);
                    job.put("jobQueue", input.path("jobQueue").asText());
                    job.put("status", "RUNNABLE");
                    job.set("parameters", input.path("parameters"));
                    submitted.put(id, job);
                    long run = spec.path("runSeconds").asLong(10);
                    String end = spec.path("status").asText("SUCCEEDED");
                    clock.schedule(Duration.ofSeconds(run), "job " + id, () -> finish(id, end, spec.path("reason").asText(null)));
                    ObjectNode out = Json.object();
                    out.put("jobArn", job.get("jobArn").asText());
                    out.put("jobName", name);
                    out.put("jobId", id);
                    return out;
                }
                case "DescribeJobs": {
                    ObjectNode out = Json.object();
                    ArrayNode list = out.putArray("jobs");
                    for (JsonNode id : input.path("jobs")) {
                        ObjectNode j = submitted.get(id.asText());
                        if (j != null) {
                            list.add(j.deepCopy());
                        }
                    }
                    return out;
                }
                case "TerminateJob": {
                    terminated.add(input.path("jobId").asText());
                    finish(input.path("jobId").asText(), "FAILED", input.path("reason").asText());
                    return Json.object();
                }
                default:
                    throw new AwsException("ClientException", 400, "FakeBatch does not implement " + operation);
            }
        }

        private synchronized void finish(String id, String status, String reason) {
            ObjectNode j = submitted.get(id);
            if (j == null || j.path("status").asText().equals("SUCCEEDED") || j.path("status").asText().equals("FAILED")) {
                return;
            }
            j.put("status", status);
            if (reason != null) {
                j.put("statusReason", reason);
            }
            j.putObject("container").put("exitCode", status.equals("SUCCEEDED") ? 0 : 1);
        }
    }

    @Override
    public void close() {
        clock.close();
    }
}
