package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.ExecutionStarter;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Step Functions API (AWS JSON 1.0, signing name {@code states}) of the local cloud, with an
 * Amazon States Language engine running on the cloud's {@link SimClock}. It replaces Step Functions
 * Local, including its mock configuration ({@code SFN_MOCK_CONFIG}, executions started on
 * {@code <stateMachineArn>#<TestCase>}). See docs/sfn-engine.md.
 *
 * <p>Thread-safety: API calls arrive on HTTP threads and only validate, record and schedule; every
 * execution step runs on the clock's driver thread. Executions guard their own status and history;
 * the registries of state machines and executions are concurrent maps, and creation/start
 * idempotency is decided under {@link #lock}. No lock is held while another service is called.
 */
public final class StepFunctionsService implements AwsService, ExecutionStarter {

    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");
    private static final Pattern SM_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):stateMachine:([^:#]+)");
    private static final Pattern EXEC_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):execution:([^:]+):([^:]+)");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

    private final SimClock clock;
    private final ServiceRegistry registry;
    private final String region;
    private final String accountId;
    private final Tokens tokens;
    private final Interpreter interpreter;
    private volatile MockConfig mocks;

    private final Object lock = new Object();
    private final Map<String, StateMachineRecord> machines = new ConcurrentHashMap<>();
    private final Map<String, Boolean> deleting = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, List<Execution>> byMachine = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

    /**
     * Installs the engine and registers it as the registry's {@link ExecutionStarter}. The mock
     * configuration comes from the file named by the {@code SFN_MOCK_CONFIG} environment variable,
     * when set.
     */
    public StepFunctionsService(SimClock clock, ServiceRegistry registry, String region, String accountId) {
        this(clock, registry, region, accountId, envMockConfig());
    }

    /** As above with an explicit mock configuration file ({@code null}: none). */
    public StepFunctionsService(SimClock clock, ServiceRegistry registry, String region, String accountId, Path mockConfig) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.region = region;
        this.accountId = accountId;
        this.tokens = new Tokens(clock.random().nextLong());
        this.mocks = mockConfig == null ? MockConfig.EMPTY : MockConfig.load(mockConfig);
        this.interpreter = new Interpreter(clock, new Integrations(registry, clock, region, accountId), tokens,
                () -> this.mocks, region, this::closed);
        registry.executions(this);
    }

    private static Path envMockConfig() {
        String f = System.getenv("SFN_MOCK_CONFIG");
        return f == null || f.isBlank() ? null : Path.of(f);
    }

    /** Replaces the mock configuration (Step Functions Local reads it at start; tests may swap it). */
    public void mockConfig(Path file) {
        this.mocks = file == null ? MockConfig.EMPTY : MockConfig.load(file);
    }

    /** The mock configuration as JSON text (same format as the file). */
    public void mockConfigJson(String json) {
        this.mocks = json == null ? MockConfig.EMPTY : MockConfig.parse(json, "the given mock config");
    }

    @Override
    public String signingName() {
        return "states";
    }

    /** Executions not yet closed (for benchmarks and diagnostics). */
    public int openExecutions() {
        int n = 0;
        for (Execution e : executions.values()) {
            if (e.open()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext ctx) {
        return switch (operation) {
            case "CreateStateMachine" -> createStateMachine(input, ctx);
            case "UpdateStateMachine" -> updateStateMachine(input);
            case "DescribeStateMachine" -> describeStateMachine(input);
            case "DescribeStateMachineForExecution" -> describeStateMachineForExecution(input);
            case "ListStateMachines" -> listStateMachines(input);
            case "DeleteStateMachine" -> deleteStateMachine(input);
            case "StartExecution" -> startExecution(input);
            case "DescribeExecution" -> describeExecution(input);
            case "ListExecutions" -> listExecutions(input);
            case "StopExecution" -> stopExecution(input);
            case "GetExecutionHistory" -> getExecutionHistory(input);
            case "SendTaskSuccess" -> sendTaskSuccess(input);
            case "SendTaskFailure" -> sendTaskFailure(input);
            case "SendTaskHeartbeat" -> sendTaskHeartbeat(input);
            case "TagResource" -> tagResource(input);
            case "UntagResource" -> untagResource(input);
            case "ListTagsForResource" -> listTags(input);
            default -> throw new AwsException("UnknownOperationException", 400, "The local Step Functions engine does not implement '"
                    + operation + "'. It serves CreateStateMachine, UpdateStateMachine, DescribeStateMachine, "
                    + "DescribeStateMachineForExecution, ListStateMachines, DeleteStateMachine, StartExecution, DescribeExecution, "
                    + "ListExecutions, StopExecution, GetExecutionHistory, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat, "
                    + "TagResource, UntagResource, ListTagsForResource (see docs/sfn-engine.md).");
        };
    }

    @Override
    public String startExecution(String stateMachineArn, String input) {
        ObjectNode in = Json.object();
        in.put("stateMachineArn", stateMachineArn);
        if (input != null) {
            in.put("input", input);
        }
        return startExecution(in).get("executionArn").asText();
    }

    // ------------------------------------------------------------------ state machines

    private static String required(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || v.isNull() || !v.isTextual()) {
            throw AwsException.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v.asText();
    }

    private static void validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new AwsException("InvalidName", 400, "Invalid Name: '" + name + "'");
        }
    }

    private static void validRole(String role) {
        if (!ROLE_ARN.matcher(role).matches()) {
            throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Invalid ARN prefix: " + role + "'");
        }
    }

    private static JsonNode logging(JsonNode in) {
        JsonNode l = in.get("loggingConfiguration");
        if (l == null || l.isNull()) {
            ObjectNode d = Json.object();
            d.put("level", "OFF");
            d.put("includeExecutionData", false);
            return d;
        }
        String level = l.path("level").asText("OFF");
        if (!List.of("ALL", "ERROR", "FATAL", "OFF").contains(level)) {
            throw AwsException.validation("1 validation error detected: Value '" + level
                    + "' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]");
        }
        if (!level.equals("OFF") && !l.has("destinations")) {
            throw new AwsException("InvalidLoggingConfiguration", 400,
                    "Invalid Logging Configuration: Must specify exactly one Log Destination if logging level is not OFF.");
        }
        return l;
    }

    /** Only the default (AWS owned key) encryption exists locally; customer managed keys are refused, not ignored. */
    private static void encryption(JsonNode in) {
        JsonNode e = in.get("encryptionConfiguration");
        if (e != null && !e.isNull() && !"AWS_OWNED_KEY".equals(e.path("type").asText("AWS_OWNED_KEY"))) {
            throw AwsException.validation("The local Step Functions engine does not support encryptionConfiguration type '"
                    + e.path("type").asText() + "' (only AWS_OWNED_KEY).");
        }
    }

    private static JsonNode tracing(JsonNode in) {
        JsonNode t = in.get("tracingConfiguration");
        if (t == null || t.isNull()) {
            ObjectNode d = Json.object();
            d.put("enabled", false);
            return d;
        }
        return t;
    }

    private JsonNode createStateMachine(JsonNode in, RequestContext ctx) {
        String name = required(in, "name");
        String definition = required(in, "definition");
        String role = required(in, "roleArn");
        validName(name);
        validRole(role);
        String type = in.path("type").asText("STANDARD");
        if (type.equals("EXPRESS")) {
            throw AwsException.validation("The local Step Functions engine runs STANDARD workflows only; EXPRESS is not supported "
                    + "(create the state machine with type STANDARD to test its logic).");
        }
        if (!type.equals("STANDARD")) {
            throw AwsException.validation("1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        if (in.path("publish").asBoolean(false)) {
            throw AwsException.validation("The local Step Functions engine does not support state machine versions (publish=true).");
        }
        JsonNode logging = logging(in);
        JsonNode tracing = tracing(in);
        encryption(in);
        Asl.Machine parsed = Asl.parse(definition);
        String rgn = ctx == null || ctx.region() == null ? region : ctx.region();
        String acct = ctx == null || ctx.accountId() == null ? accountId : ctx.accountId();
        String arn = "arn:aws:states:" + rgn + ":" + acct + ":stateMachine:" + name;
        synchronized (lock) {
            StateMachineRecord existing = machines.get(arn);
            if (existing != null) {
                if (existing.definition().equals(definition) && existing.roleArn().equals(role)
                        && !deleting.containsKey(arn)) {
                    return created(existing);
                }
                throw new AwsException("StateMachineAlreadyExists", 400, "State Machine Already Exists: '" + arn + "'");
            }
            Instant now = clock.now();
            StateMachineRecord rec = new StateMachineRecord(arn, name, definition, parsed, role, type, now, null,
                    new UUID(clock.random().nextLong(), clock.random().nextLong()).toString(), logging, tracing, rgn, acct);
            machines.put(arn, rec);
            byMachine.put(arn, Collections.synchronizedList(new ArrayList<>()));
            Map<String, String> t = new LinkedHashMap<>();
            for (JsonNode tag : in.path("tags")) {
                t.put(tag.path("key").asText(), tag.path("value").asText());
            }
            tags.put(arn, t);
            return created(rec);
        }
    }

    private static ObjectNode created(StateMachineRecord rec) {
        ObjectNode out = Json.object();
        out.put("stateMachineArn", rec.arn());
        out.put("creationDate", Execution.seconds(rec.creationDate()));
        return out;
    }

    private StateMachineRecord machine(String arn) {
        Matcher m = SM_ARN.matcher(arn);
        if (!m.matches()) {
            if (EXEC_ARN.matcher(arn).matches()) {
                throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Resource type not valid in this context: execution'");
            }
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        StateMachineRecord rec = machines.get(arn);
        if (rec == null) {
            throw new AwsException("StateMachineDoesNotExist", 400, "State Machine Does Not Exist: '" + arn + "'");
        }
        return rec;
    }

    private JsonNode updateStateMachine(JsonNode in) {
        String arn = required(in, "stateMachineArn");
        synchronized (lock) {
            StateMachineRecord rec = machine(arn);
            if (!in.hasNonNull("definition") && !in.hasNonNull("roleArn") && !in.hasNonNull("loggingConfiguration")
                    && !in.hasNonNull("tracingConfiguration")) {
                throw new AwsException("MissingRequiredParameter", 400,
                        "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
            }
            if (in.path("publish").asBoolean(false)) {
                throw AwsException.validation("The local Step Functions engine does not support state machine versions (publish=true).");
            }
            encryption(in);
            String def = in.hasNonNull("definition") ? in.get("definition").asText() : rec.definition();
            Asl.Machine parsed = in.hasNonNull("definition") ? Asl.parse(def) : rec.parsed();
            String role = in.hasNonNull("roleArn") ? in.get("roleArn").asText() : rec.roleArn();
            validRole(role);
            JsonNode logging = in.hasNonNull("loggingConfiguration") ? logging(in) : rec.loggingConfiguration();
            JsonNode tracing = in.hasNonNull("tracingConfiguration") ? tracing(in) : rec.tracingConfiguration();
            Instant now = clock.now();
            StateMachineRecord upd = new StateMachineRecord(rec.arn(), rec.name(), def, parsed, role, rec.type(),
                    rec.creationDate(), now, new UUID(clock.random().nextLong(), clock.random().nextLong()).toString(), logging, tracing, rec.region(), rec.accountId());
            machines.put(arn, upd);
            ObjectNode out = Json.object();
            out.put("updateDate", Execution.seconds(now));
            out.put("revisionId", upd.revisionId());
            return out;
        }
    }

    private ObjectNode describe(StateMachineRecord rec) {
        ObjectNode out = Json.object();
        out.put("stateMachineArn", rec.arn());
        out.put("name", rec.name());
        out.put("status", deleting.containsKey(rec.arn()) ? "DELETING" : "ACTIVE");
        out.put("definition", rec.definition());
        out.put("roleArn", rec.roleArn());
        out.put("type", rec.type());
        out.put("creationDate", Execution.seconds(rec.creationDate()));
        out.set("loggingConfiguration", rec.loggingConfiguration());
        out.set("tracingConfiguration", rec.tracingConfiguration());
        out.put("revisionId", rec.revisionId());
        return out;
    }

    private JsonNode describeStateMachine(JsonNode in) {
        return describe(machine(required(in, "stateMachineArn")));
    }

    private JsonNode describeStateMachineForExecution(JsonNode in) {
        Execution e = execution(required(in, "executionArn"));
        StateMachineRecord rec = e.machine;
        ObjectNode out = Json.object();
        out.put("stateMachineArn", rec.arn());
        out.put("name", rec.name());
        out.put("definition", e.definitionText);
        out.put("roleArn", e.roleArn);
        out.put("updateDate", Execution.seconds(rec.updateDate() != null ? rec.updateDate() : rec.creationDate()));
        out.set("loggingConfiguration", rec.loggingConfiguration());
        out.set("tracingConfiguration", rec.tracingConfiguration());
        out.put("revisionId", rec.revisionId());
        return out;
    }

    private record Page(int from, int size) {
    }

    private static Page page(JsonNode in, int max) {
        int size = in.path("maxResults").asInt(0);
        if (size < 0 || size > max) {
            throw AwsException.validation("1 validation error detected: Value '" + size
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        if (size == 0) {
            size = 100;
        }
        int from = 0;
        if (in.hasNonNull("nextToken")) {
            String t = in.get("nextToken").asText();
            try {
                String s = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
                if (!s.startsWith("gbo:")) {
                    throw new IllegalArgumentException();
                }
                from = Integer.parseInt(s.substring(4));
            } catch (IllegalArgumentException e) {
                throw new AwsException("InvalidToken", 400, "Invalid Token: '" + t + "'");
            }
        }
        return new Page(from, size);
    }

    private static String token(int next) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("gbo:" + next).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode listStateMachines(JsonNode in) {
        Page p = page(in, 1000);
        List<StateMachineRecord> all = new ArrayList<>(machines.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("stateMachines");
        for (int i = p.from; i < Math.min(all.size(), p.from + p.size); i++) {
            StateMachineRecord r = all.get(i);
            ObjectNode o = list.addObject();
            o.put("stateMachineArn", r.arn());
            o.put("name", r.name());
            o.put("type", r.type());
            o.put("creationDate", Execution.seconds(r.creationDate()));
        }
        if (p.from + p.size < all.size()) {
            out.put("nextToken", token(p.from + p.size));
        }
        return out;
    }

    private JsonNode deleteStateMachine(JsonNode in) {
        String arn = required(in, "stateMachineArn");
        Matcher m = SM_ARN.matcher(arn);
        if (!m.matches()) {
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        synchronized (lock) {
            if (!machines.containsKey(arn)) {
                return Json.object(); // AWS: deleting a missing state machine succeeds
            }
            boolean open = byMachine.getOrDefault(arn, List.of()).stream().anyMatch(Execution::open);
            if (open) {
                deleting.put(arn, true);
            } else {
                machines.remove(arn);
                tags.remove(arn);
            }
        }
        return Json.object();
    }

    /** Called when an execution closes: emits its status change, finishes a pending deletion of its state machine. */
    private void closed(Execution e) {
        statusChange(e);
        String arn = e.machine.arn();
        if (deleting.containsKey(arn)) {
            synchronized (lock) {
                boolean open = byMachine.getOrDefault(arn, List.of()).stream().anyMatch(Execution::open);
                if (!open && deleting.remove(arn) != null) {
                    machines.remove(arn);
                    tags.remove(arn);
                }
            }
        }
    }

    // ------------------------------------------------------------------ executions

    private JsonNode startExecution(JsonNode in) {
        String target = required(in, "stateMachineArn");
        String testCase = null;
        int hash = target.indexOf('#');
        String arn = target;
        if (hash >= 0) {
            testCase = target.substring(hash + 1);
            arn = target.substring(0, hash);
        }
        String input = in.hasNonNull("input") ? in.get("input").asText() : "{}";
        if (input.getBytes(StandardCharsets.UTF_8).length > Interpreter.PAYLOAD_LIMIT) {
            throw AwsException.validation("1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to "
                    + Interpreter.PAYLOAD_LIMIT);
        }
        JsonNode inputNode;
        try {
            inputNode = Json.MAPPER.readTree(input);
            if (inputNode == null) {
                throw new IllegalArgumentException("empty input");
            }
        } catch (Exception ex) {
            throw new AwsException("InvalidExecutionInput", 400, "Invalid State Machine Execution Input: '"
                    + ex.getMessage().split("\n")[0] + "'");
        }
        if (in.hasNonNull("name")) {
            validName(in.get("name").asText());
        }
        synchronized (lock) {
            StateMachineRecord rec = machine(arn);
            if (deleting.containsKey(arn)) {
                throw new AwsException("StateMachineDeleting", 400, "State Machine is being deleted: '" + arn + "'");
            }
            if (testCase != null && !mocks.hasCase(rec.name(), testCase)) {
                throw AwsException.validation("Test case '" + testCase + "' is not defined for the state machine '"
                        + rec.name() + "' in the mock config (SFN_MOCK_CONFIG): StateMachines." + rec.name() + ".TestCases."
                        + testCase + " is missing.");
            }
            String name = in.hasNonNull("name") ? in.get("name").asText()
                    : new UUID(clock.random().nextLong(), clock.random().nextLong()).toString();
            String execArn = "arn:aws:states:" + rec.region() + ":" + rec.accountId() + ":execution:" + rec.name() + ":" + name;
            Execution existing = executions.get(execArn);
            if (existing != null) {
                if (existing.open() && existing.input.equals(input)) {
                    return started(existing);
                }
                throw new AwsException("ExecutionAlreadyExists", 400, "Execution Already Exists: '" + execArn + "'");
            }
            Execution e = new Execution(execArn, name, rec, input, inputNode, clock.now(), testCase);
            ObjectNode d = Json.object();
            d.put("input", input);
            d.putObject("inputDetails").put("truncated", false);
            d.put("roleArn", rec.roleArn());
            e.add(e.startDate, "ExecutionStarted", 0, "executionStartedEventDetails", d);
            executions.put(execArn, e);
            byMachine.get(arn).add(e);
            // RUNNING is put on the bus by a clock task queued before the execution's first step, so a
            // rule sees RUNNING before the terminal status (tasks due at the same time run in order)
            statusChange(e);
            interpreter.start(e);
            return started(e);
        }
    }

    private static ObjectNode started(Execution e) {
        ObjectNode out = Json.object();
        out.put("executionArn", e.arn);
        out.put("startDate", Execution.seconds(e.startDate));
        return out;
    }

    private Execution execution(String arn) {
        if (!EXEC_ARN.matcher(arn).matches()) {
            if (SM_ARN.matcher(arn).matches()) {
                throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Resource type not valid in this context: stateMachine'");
            }
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        Execution e = executions.get(arn);
        if (e == null) {
            throw new AwsException("ExecutionDoesNotExist", 400, "Execution Does Not Exist: '" + arn + "'");
        }
        return e;
    }

    private JsonNode describeExecution(JsonNode in) {
        Execution e = execution(required(in, "executionArn"));
        ObjectNode out = Json.object();
        out.put("executionArn", e.arn);
        out.put("stateMachineArn", e.machine.arn());
        out.put("name", e.name);
        out.put("status", e.status());
        out.put("startDate", Execution.seconds(e.startDate));
        if (e.stopDate() != null) {
            out.put("stopDate", Execution.seconds(e.stopDate()));
        }
        out.put("input", e.input);
        out.putObject("inputDetails").put("included", true);
        if (e.output() != null) {
            out.put("output", e.output());
            out.putObject("outputDetails").put("included", true);
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        out.put("redriveCount", 0);
        out.put("redriveStatus", "NOT_REDRIVABLE");
        out.put("redriveStatusReason", redriveStatusReason(e.status()));
        return out;
    }

    private static String redriveStatusReason(String status) {
        return switch (status) {
            case "RUNNING", "SUCCEEDED" -> "Execution is " + status + " and cannot be redriven";
            default -> "Redrive is not supported by the local Step Functions engine";
        };
    }

    /**
     * Puts a "Step Functions Execution Status Change" event on the default bus, as Step Functions does
     * for every status change (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED). The detail carries what
     * DescribeExecution returns, dates in epoch milliseconds. Emitted from a clock task, in order.
     */
    private void statusChange(Execution e) {
        if (!registry.has("events")) {
            return;
        }
        String status = e.status();
        Instant stop = e.stopDate();
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("account", e.machine.accountId());
        event.put("region", e.machine.region());
        event.putArray("resources").add(e.arn);
        ObjectNode d = event.putObject("detail");
        d.put("executionArn", e.arn);
        d.put("stateMachineArn", e.machine.arn());
        d.put("name", e.name);
        d.put("status", status);
        d.put("startDate", e.startDate.toEpochMilli());
        if (stop == null) {
            d.putNull("stopDate");
        } else {
            d.put("stopDate", stop.toEpochMilli());
        }
        d.put("input", e.input);
        String output = "SUCCEEDED".equals(status) ? e.output() : null;
        if (output == null) {
            d.putNull("output");
        } else {
            d.put("output", output);
        }
        d.putObject("inputDetails").put("included", true);
        if (output == null) {
            d.putNull("outputDetails");
        } else {
            d.putObject("outputDetails").put("included", true);
        }
        String error = "RUNNING".equals(status) ? null : e.error();
        String cause = "RUNNING".equals(status) ? null : e.cause();
        if (error == null) {
            d.putNull("error");
        } else {
            d.put("error", error);
        }
        if (cause == null) {
            d.putNull("cause");
        } else {
            d.put("cause", cause);
        }
        d.put("redriveCount", 0);
        d.put("redriveStatus", "NOT_REDRIVABLE");
        d.put("redriveStatusReason", redriveStatusReason(status));
        try {
            clock.submit("sfn status " + status + " " + e.name, () -> {
                event.put("time", Interpreter.iso(clock.now()).replaceAll("\\.\\d{3}Z$", "Z"));
                registry.events().putEvent("default", event);
            });
        } catch (IllegalStateException closedClock) {
            // the cloud is shutting down
        }
    }

    private JsonNode listExecutions(JsonNode in) {
        if (in.hasNonNull("mapRunArn")) {
            throw AwsException.validation("The local Step Functions engine has no Map runs (distributed Map is not supported); "
                    + "list executions by stateMachineArn.");
        }
        if (in.hasNonNull("redriveFilter")) {
            throw AwsException.validation("The local Step Functions engine does not support redrive, so redriveFilter cannot be used.");
        }
        String arn = required(in, "stateMachineArn");
        machine(arn);
        String filter = in.hasNonNull("statusFilter") ? in.get("statusFilter").asText() : null;
        if (filter != null && !List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE")
                .contains(filter)) {
            throw AwsException.validation("1 validation error detected: Value '" + filter
                    + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
        }
        Page p = page(in, 1000);
        List<Execution> all;
        List<Execution> src = byMachine.getOrDefault(arn, List.of());
        synchronized (src) {
            all = new ArrayList<>(src);
        }
        Collections.reverse(all); // newest first
        if (filter != null) {
            all.removeIf(e -> !e.status().equals(filter));
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("executions");
        for (int i = p.from; i < Math.min(all.size(), p.from + p.size); i++) {
            Execution e = all.get(i);
            ObjectNode o = list.addObject();
            o.put("executionArn", e.arn);
            o.put("stateMachineArn", e.machine.arn());
            o.put("name", e.name);
            o.put("status", e.status());
            o.put("startDate", Execution.seconds(e.startDate));
            if (e.stopDate() != null) {
                o.put("stopDate", Execution.seconds(e.stopDate()));
            }
        }
        if (p.from + p.size < all.size()) {
            out.put("nextToken", token(p.from + p.size));
        }
        return out;
    }

    private JsonNode stopExecution(JsonNode in) {
        Execution e = execution(required(in, "executionArn"));
        ObjectNode d = Json.object();
        String error = in.hasNonNull("error") ? in.get("error").asText() : null;
        String cause = in.hasNonNull("cause") ? in.get("cause").asText() : null;
        if (error != null) {
            d.put("error", error);
        }
        if (cause != null) {
            d.put("cause", cause);
        }
        Instant now = clock.now();
        if (e.close(now, "ABORTED", "ExecutionAborted", e.eventCount(), "executionAbortedEventDetails", d, null, error,
                cause)) {
            interpreter.cleanup(e);
        }
        ObjectNode out = Json.object();
        out.put("stopDate", Execution.seconds(e.stopDate() == null ? now : e.stopDate()));
        return out;
    }

    private JsonNode getExecutionHistory(JsonNode in) {
        Execution e = execution(required(in, "executionArn"));
        Page p = page(in, 1000);
        List<ObjectNode> all = e.events();
        if (in.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(all);
        }
        boolean data = in.path("includeExecutionData").asBoolean(true);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        for (int i = p.from; i < Math.min(all.size(), p.from + p.size); i++) {
            ObjectNode ev = all.get(i);
            if (!data) {
                ev = ev.deepCopy();
                for (JsonNode det : ev) {
                    if (det.isObject()) {
                        ObjectNode o = (ObjectNode) det;
                        for (String f : List.of("input", "output", "parameters")) {
                            if (o.has(f)) {
                                o.remove(f);
                            }
                        }
                    }
                }
            }
            list.add(ev);
        }
        if (p.from + p.size < all.size()) {
            out.put("nextToken", token(p.from + p.size));
        }
        return out;
    }

    // ------------------------------------------------------------------ callbacks

    private JsonNode sendTaskSuccess(JsonNode in) {
        String token = required(in, "taskToken");
        String output = required(in, "output");
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(output);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("No content to map due to end-of-input");
            }
        } catch (Exception ex) {
            throw new AwsException("InvalidOutput", 400, "Invalid Output: '" + ex.getMessage().split("\n")[0] + "'");
        }
        if (output.getBytes(StandardCharsets.UTF_8).length > Interpreter.PAYLOAD_LIMIT) {
            throw AwsException.validation("1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to "
                    + Interpreter.PAYLOAD_LIMIT);
        }
        Interpreter.TaskCall call = tokens.claim(token);
        clock.submit("sfn task success", () -> call.completeSuccess(node));
        return Json.object();
    }

    private JsonNode sendTaskFailure(JsonNode in) {
        String token = required(in, "taskToken");
        String error = in.hasNonNull("error") ? in.get("error").asText() : null;
        String cause = in.hasNonNull("cause") ? in.get("cause").asText() : null;
        if (error != null && error.length() > 256) {
            throw AwsException.validation("1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256");
        }
        if (cause != null && cause.length() > 32768) {
            throw AwsException.validation("1 validation error detected: Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768");
        }
        Interpreter.TaskCall call = tokens.claim(token);
        clock.submit("sfn task failure", () -> call.completeFailure(error, cause));
        return Json.object();
    }

    private JsonNode sendTaskHeartbeat(JsonNode in) {
        Interpreter.TaskCall call = tokens.find(required(in, "taskToken"));
        clock.submit("sfn task heartbeat", call::heartbeat);
        return Json.object();
    }

    // ------------------------------------------------------------------ tags

    private Map<String, String> tagsOf(String arn) {
        machine(arn);
        return tags.computeIfAbsent(arn, k -> new LinkedHashMap<>());
    }

    private JsonNode tagResource(JsonNode in) {
        Map<String, String> t = tagsOf(required(in, "resourceArn"));
        synchronized (t) {
            for (JsonNode tag : in.path("tags")) {
                t.put(tag.path("key").asText(), tag.path("value").asText());
            }
        }
        return Json.object();
    }

    private JsonNode untagResource(JsonNode in) {
        Map<String, String> t = tagsOf(required(in, "resourceArn"));
        synchronized (t) {
            for (JsonNode k : in.path("tagKeys")) {
                t.remove(k.asText());
            }
        }
        return Json.object();
    }

    private JsonNode listTags(JsonNode in) {
        Map<String, String> t = tagsOf(required(in, "resourceArn"));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("tags");
        synchronized (t) {
            t.forEach((k, v) -> list.addObject().put("key", k).put("value", v));
        }
        return out;
    }
}
