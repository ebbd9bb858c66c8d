package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Task integrations, reached in process through the {@link ServiceRegistry}: Lambda (plain
 * function ARNs and {@code lambda:invoke}), {@code events:putEvents}, {@code batch:submitJob}
 * (with {@code .sync}: the job is watched through DescribeJobs on the clock) and
 * {@code aws-sdk:<service>:<action>} for every API the local cloud serves. Anything else is accepted
 * at CreateStateMachine (so it can be mocked) and fails with States.Runtime when it runs unmocked.
 */
final class Integrations {

    /** How often a {@code .sync} task looks at its Batch job (virtual time). */
    static final Duration SYNC_POLL = Duration.ofSeconds(1);

    /** aws-sdk service names whose API uses camelCase members (the rest use PascalCase). */
    private static final Set<String> CAMEL_CASE_APIS = Set.of("batch", "logs", "ecr", "states", "ecs", "sfn",
            "cloudwatchlogs", "dynamodb-streams", "apigateway", "glue", "athena", "codebuild", "kinesis");
    private static final Map<String, String> SIGNING_NAMES = Map.of("sfn", "states", "cloudwatchlogs", "logs",
            "eventbridge", "events");
    private static final Map<String, String> ERROR_PREFIX = Map.of("sfn", "Sfn", "eventbridge", "EventBridge",
            "cloudwatchlogs", "CloudWatchLogs", "s3", "S3", "ec2", "Ec2", "ecr", "Ecr", "sts", "Sts", "lambda", "Lambda",
            "batch", "Batch");
    /** Members whose values are maps with user-chosen keys: their keys are never re-cased. */
    private static final Set<String> MAP_MEMBERS = Set.of("parameters", "tags", "options", "environment", "variables",
            "Parameters", "Tags", "Options", "Variables");

    private final ServiceRegistry registry;
    private final RoleCalls roles;
    private final SimClock clock;
    private final String region;
    private final String accountId;

    /** The completion of a running EXPRESS execution by ARN, null for any other (set by StepFunctionsService). */
    private volatile java.util.function.Function<String, java.util.concurrent.CompletableFuture<Execution>> expressRuns = arn -> null;

    /** EXPRESS children are not described (DescribeExecution refuses them, as on AWS): {@code .sync} waits on their completion. */
    void expressRuns(java.util.function.Function<String, java.util.concurrent.CompletableFuture<Execution>> runs) {
        this.expressRuns = runs;
    }

    Integrations(ServiceRegistry registry, SimClock clock, String region, String accountId) {
        this.registry = registry;
        this.roles = new RoleCalls(registry);
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    private RequestContext ctx() {
        return new RequestContext(region, accountId, uuid());
    }

    private String uuid() {
        return new UUID(clock.random().nextLong(), clock.random().nextLong()).toString();
    }

    /** Starts the integration of one Task attempt; completes {@code call} now or later. */
    void run(TaskCall call, JsonNode params) {
        Asl.Resource res = call.res;
        try {
            switch (res.kind()) {
                case LAMBDA_FUNCTION -> lambdaFunction(call, params);
                case LAMBDA_INVOKE -> lambdaInvoke(call, params);
                case EVENTS_PUT -> putEvents(call, params);
                case STATES_START -> startExecution(call, params);
                case BATCH_SUBMIT -> submitJob(call, params);
                case AWS_SDK -> awsSdk(call, params);
                case OTHER -> call.fail(StatesError.RUNTIME, "The local cloud does not serve the integration '" + res.arn()
                        + "' (state '" + call.r.s.name() + "'). Mock this state in a Step Functions Local mock config "
                        + "(SFN_MOCK_CONFIG, execution started as '<stateMachineArn>#<TestCase>') or use an integration the local cloud serves.");
            }
        } catch (IllegalStateException e) {
            // a hook (EventBridge, Lambda) is not part of this local cloud
            call.fail(StatesError.RUNTIME, "The integration '" + res.arn() + "' (state '" + call.r.s.name()
                    + "') cannot run: " + e.getMessage() + ". Mock this state or add the service to the local cloud.");
        }
    }

    /**
     * Whether the execution's role may make this call (IAM, {@link RoleCalls}); when not, the task fails
     * with Step Functions' error for the refusal and false is returned.
     */
    private boolean allowed(TaskCall call, String service, String operation, JsonNode input) {
        RoleCalls.Denied d = roles.check(call.execution(), service, operation, input, checkCtx(call));
        if (d == null) {
            return true;
        }
        call.fail(d.error(), d.cause());
        return false;
    }

    /** The context of an authorization: a request id derived from the task, so checking draws nothing from the clock's random. */
    private RequestContext checkCtx(TaskCall call) {
        return new RequestContext(region, accountId, UUID.nameUUIDFromBytes((call.execution().arn + "/" + call.r.s.name())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    private static ObjectNode function(String ref) {
        ObjectNode in = Json.object();
        in.put("FunctionName", ref);
        return in;
    }

    /**
     * A {@code .sync} integration: Step Functions watches the job or execution through a managed EventBridge
     * rule it keeps with the execution's role ({@code events:PutTargets}, {@code PutRule}, {@code DescribeRule}).
     */
    private boolean managedRuleAllowed(TaskCall call, String rule) {
        ObjectNode named = Json.object();
        named.put("Name", rule);
        ObjectNode targets = Json.object();
        targets.put("Rule", rule);
        return allowed(call, "events", "PutTargets", targets) && allowed(call, "events", "PutRule", named)
                && allowed(call, "events", "DescribeRule", named);
    }

    /** After the integration accepted the work: wait for the token, or complete now. */
    private void accepted(TaskCall call, JsonNode result) {
        if (call.res.waitForTaskToken()) {
            call.submitted(result);
        } else {
            call.succeed(result);
        }
    }

    // ------------------------------------------------------------------ Lambda

    private void lambdaFunction(TaskCall call, JsonNode params) {
        if (!allowed(call, "lambda", "Invoke", function(call.res.arn()))) {
            return;
        }
        FunctionInvoker.Result result;
        try {
            result = registry.functions().invoke(call.res.arn(), Json.write(params));
        } catch (AwsException e) {
            call.fail("Lambda." + e.code(), e.getMessage());
            return;
        }
        FunctionInvoker.Result r = result;
        afterInvocation(call, r, () -> {
            if (r.failed()) {
                call.fail(errorType(r), cause(r));
            } else {
                call.succeed(payload(r.payload()));
            }
        });
    }

    /**
     * Completes a task after its Lambda invocation: at now + the invocation's simulated duration (its
     * SDK's backoffs on the invocation clock), or now when it took no simulated time.
     */
    private void afterInvocation(TaskCall call, FunctionInvoker.Result r, Runnable complete) {
        if (r.simulatedMillis() <= 0) {
            complete.run();
        } else {
            call.later(Duration.ofMillis(r.simulatedMillis()), "sfn lambda done " + call.res.arn(), complete);
        }
    }

    /** Lambda's error types for a runtime that died: Step Functions reports them as Lambda.Unknown. */
    private static boolean runtimeDied(FunctionInvoker.Result r) {
        return "Runtime.ExitError".equals(r.errorType());
    }

    private static String cause(FunctionInvoker.Result r) {
        if (runtimeDied(r)) {
            return "The cause could not be determined because Lambda did not return an error type. Returned payload: "
                    + r.payload();
        }
        return r.payload();
    }

    private static String errorType(FunctionInvoker.Result r) {
        if (runtimeDied(r)) {
            return "Lambda.Unknown";
        }
        if (r.errorType() != null && !r.errorType().isEmpty()) {
            return r.errorType();
        }
        try {
            JsonNode doc = Json.MAPPER.readTree(r.payload());
            if (doc != null && doc.hasNonNull("errorType")) {
                return doc.get("errorType").asText();
            }
        } catch (Exception e) {
            // not JSON
        }
        return "Lambda.Unknown";
    }

    private static JsonNode payload(String text) {
        if (text == null || text.isEmpty()) {
            return Json.object().nullNode();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return Json.object().textNode(text);
        }
    }

    private void lambdaInvoke(TaskCall call, JsonNode params) {
        JsonNode fn = params.get("FunctionName");
        if (fn == null || !fn.isTextual()) {
            call.fail("Lambda.InvalidParameterValueException",
                    "The Parameters of a lambda:invoke task need a string 'FunctionName' (got " + Json.write(params) + ")");
            return;
        }
        String ref = fn.asText();
        if (params.hasNonNull("Qualifier")) {
            ref = ref + ":" + params.get("Qualifier").asText();
        }
        JsonNode p = params.get("Payload");
        String payload = p == null ? "{}" : p.isTextual() ? p.asText() : Json.write(p);
        String type = params.path("InvocationType").asText("RequestResponse");
        String functionRef = ref;
        if (!allowed(call, "lambda", "Invoke", function(ref))) {
            return;
        }
        if (type.equals("Event")) {
            clock.submit("sfn lambda event " + ref, () -> {
                try {
                    registry.functions().invoke(functionRef, payload);
                } catch (RuntimeException e) {
                    // asynchronous invocation: errors do not reach the task
                }
            });
            accepted(call, invokeResult(Json.object().textNode(""), 202));
            return;
        }
        FunctionInvoker.Result result;
        try {
            result = registry.functions().invoke(ref, payload);
        } catch (AwsException e) {
            call.fail("Lambda." + e.code(), e.getMessage() + " (Service: Lambda, Status Code: " + e.status()
                    + ", Request ID: " + uuid() + ")");
            return;
        }
        FunctionInvoker.Result r = result;
        afterInvocation(call, r, () -> {
            if (r.failed()) {
                call.fail(errorType(r), cause(r));
            } else {
                accepted(call, invokeResult(payload(r.payload()), 200));
            }
        });
    }

    private ObjectNode invokeResult(JsonNode payload, int status) {
        String requestId = uuid();
        ObjectNode r = Json.object();
        r.put("ExecutedVersion", "$LATEST");
        r.set("Payload", payload);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Connection", "keep-alive");
        headers.put("Content-Length", String.valueOf(Json.write(payload).length()));
        headers.put("Content-Type", "application/json");
        headers.put("Date", httpDate());
        headers.put("X-Amz-Executed-Version", "$LATEST");
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("x-amzn-RequestId", requestId);
        sdkMetadata(r, headers, status, requestId);
        r.put("StatusCode", status);
        return r;
    }

    private String httpDate() {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.now().atZone(java.time.ZoneOffset.UTC));
    }

    /**
     * The SDK response metadata AWS adds to the result of a request-response integration (AWS's SDK for Java v1
     * response: {@code SdkHttpMetadata {AllHttpHeaders, HttpHeaders, HttpStatusCode}}, {@code SdkResponseMetadata
     * {RequestId}}), as recorded for lambda:invoke and states:startExecution.
     */
    private static void sdkMetadata(ObjectNode r, Map<String, String> headers, int status, String requestId) {
        ObjectNode meta = r.putObject("SdkHttpMetadata");
        ObjectNode all = meta.putObject("AllHttpHeaders");
        ObjectNode single = meta.putObject("HttpHeaders");
        headers.forEach((k, v) -> {
            all.putArray(k).add(v);
            single.put(k, v);
        });
        meta.put("HttpStatusCode", status);
        r.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }

    /** {@link #sdkMetadata} of a JSON API response of {@code body} ({@code contentType} as the service answers). */
    private ObjectNode withSdkMetadata(ObjectNode r, JsonNode body, String contentType) {
        String requestId = uuid();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        headers.put("connection", "keep-alive");
        headers.put("Content-Length", String.valueOf(Json.write(body).length()));
        headers.put("Date", httpDate());
        headers.put("Content-Type", contentType);
        sdkMetadata(r, headers, 200, requestId);
        return r;
    }

    /** An API timestamp (epoch seconds with a fraction) as integration results carry it: epoch milliseconds. */
    static JsonNode epochMillis(JsonNode seconds) {
        return seconds.isNumber()
                ? Json.MAPPER.getNodeFactory().numberNode(seconds.decimalValue().movePointRight(3).longValue())
                : seconds;
    }

    // ------------------------------------------------------------------ EventBridge

    private void putEvents(TaskCall call, JsonNode params) {
        JsonNode entries = params.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            call.fail("EventBridge.ValidationException", "The Parameters of an events:putEvents task need a non-empty 'Entries' array");
            return;
        }
        ArrayNode wire = Json.array();
        for (JsonNode e : entries) {
            ObjectNode w = e.deepCopy();
            JsonNode detail = w.get("Detail");
            if (detail != null && !detail.isTextual()) {
                w.put("Detail", Json.write(detail));
            }
            wire.add(w);
        }
        JsonNode result;
        if (registry.has("events")) {
            ObjectNode in = Json.object();
            in.set("Entries", wire);
            if (!allowed(call, "events", "PutEvents", in)) {
                return;
            }
            try {
                result = registry.get("events").call("PutEvents", in, ctx());
            } catch (AwsException e) {
                call.fail("EventBridge." + e.code(), e.getMessage());
                return;
            }
        } else {
            ObjectNode out = Json.object();
            ArrayNode ids = out.putArray("Entries");
            for (JsonNode w : wire) {
                ObjectNode env = Json.object();
                String id = uuid();
                env.put("version", "0");
                env.put("id", id);
                env.put("detail-type", w.path("DetailType").asText());
                env.put("source", w.path("Source").asText());
                env.put("account", accountId);
                env.put("time", Interpreter.iso(clock.now()).replaceAll("\\.\\d{3}Z$", "Z"));
                env.put("region", region);
                env.set("resources", w.has("Resources") ? w.get("Resources") : Json.array());
                env.set("detail", payload(w.path("Detail").asText("{}")));
                registry.events().putEvent(w.path("EventBusName").asText("default"), env);
                ids.addObject().put("EventId", id);
            }
            out.put("FailedEntryCount", 0);
            result = out;
        }
        if (result.path("FailedEntryCount").asInt(0) > 0) {
            call.fail("EventBridge.FailedEntry", Json.write(result));
            return;
        }
        accepted(call, result);
    }

    // ------------------------------------------------------------------ Step Functions (nested executions)

    private void startExecution(TaskCall call, JsonNode params) {
        ObjectNode in = Json.object();
        in.put("stateMachineArn", params.path("StateMachineArn").asText(""));
        if (params.hasNonNull("Name")) {
            in.put("name", params.get("Name").asText());
        }
        JsonNode input = params.get("Input");
        if (input != null && !input.isNull()) {
            in.put("input", input.isTextual() ? input.asText() : Json.write(input));
        }
        if (!allowed(call, "states", "StartExecution", in)
                || call.res.sync() && !managedRuleAllowed(call, "StepFunctionsGetEventsForStepFunctionsExecutionRule")) {
            return;
        }
        JsonNode started;
        try {
            started = registry.get("states").call("StartExecution", in, ctx());
        } catch (AwsException e) {
            call.fail("StepFunctions." + e.code() + "Exception", e.getMessage());
            return;
        }
        ObjectNode result = Json.object();
        result.put("ExecutionArn", started.path("executionArn").asText());
        result.set("StartDate", epochMillis(started.path("startDate")));
        if (!call.res.sync()) {
            // AWS: {ExecutionArn, SdkHttpMetadata, SdkResponseMetadata, StartDate (epoch milliseconds)}
            accepted(call, withSdkMetadata(result, started, "application/x-amz-json-1.0"));
            return;
        }
        call.submitted(withSdkMetadata(result, started, "application/x-amz-json-1.0"));
        String child = started.path("executionArn").asText();
        call.onAbandon = () -> {
            ObjectNode stop = Json.object();
            stop.put("executionArn", child);
            stop.put("error", "States.Aborted");
            stop.put("cause", "The parent execution stopped waiting for this execution");
            try {
                registry.get("states").call("StopExecution", stop, ctx());
            } catch (AwsException e) {
                // already closed
            }
        };
        java.util.concurrent.CompletableFuture<Execution> express = expressRuns.apply(child);
        if (express != null) {
            // the child's first step is queued behind this task: it cannot have ended yet
            express.thenAccept(e -> clock.submit("sfn express child " + e.name, () -> {
                if (!call.isClaimed() && call.frame().active()) {
                    childEnded(call, expressDescription(e), call.res.pattern().equals("sync:2"));
                }
            }));
            return;
        }
        watchExecution(call, child, call.res.pattern().equals("sync:2"));
    }

    /** An ended EXPRESS child as DescribeExecution would show it (the members a {@code .sync} result keeps). */
    private static ObjectNode expressDescription(Execution e) {
        ObjectNode d = Json.object();
        d.put("executionArn", e.arn);
        d.put("stateMachineArn", e.machine.arn());
        d.put("name", e.name);
        d.put("status", e.status());
        d.put("startDate", Execution.seconds(e.startDate));
        d.put("stopDate", Execution.seconds(e.stopDate()));
        d.put("input", e.input);
        if (e.output() != null) {
            d.put("output", e.output());
        }
        if (e.error() != null) {
            d.put("error", e.error());
        }
        if (e.cause() != null) {
            d.put("cause", e.cause());
        }
        return d;
    }

    private void watchExecution(TaskCall call, String child, boolean parsed) {
        call.later(SYNC_POLL, "sfn child " + child, () -> {
            ObjectNode in = Json.object();
            in.put("executionArn", child);
            if (!allowed(call, "states", "DescribeExecution", in)) {
                return;
            }
            JsonNode d = registry.get("states").call("DescribeExecution", in, ctx());
            if (d.path("status").asText().equals("RUNNING")) {
                watchExecution(call, child, parsed);
                return;
            }
            childEnded(call, d, parsed);
        });
    }

    /** A {@code .sync} child has ended: its PascalCase description is the result, or the cause of States.TaskFailed. */
    private void childEnded(TaskCall call, JsonNode d, boolean parsed) {
        String status = d.path("status").asText();
        // AWS: DescribeExecution in PascalCase, dates in epoch milliseconds, InputDetails/OutputDetails {Included}
        ObjectNode out = (ObjectNode) recase(d, true);
        for (String f : new String[] {"RedriveCount", "RedriveDate", "RedriveStatus", "RedriveStatusReason"}) {
            out.remove(f);
        }
        for (String f : new String[] {"StartDate", "StopDate"}) {
            if (out.has(f)) {
                out.set(f, epochMillis(out.get(f)));
            }
        }
        if (parsed) {
            out.set("Input", payload(d.path("input").asText(null)));
            if (d.hasNonNull("output")) {
                out.set("Output", payload(d.path("output").asText()));
            }
        }
        call.onAbandon = null;
        if (status.equals("SUCCEEDED")) {
            call.succeed(out);
        } else {
            call.fail(StatesError.TASK_FAILED, Json.write(out));
        }
    }

    // ------------------------------------------------------------------ Batch

    private void submitJob(TaskCall call, JsonNode params) {
        if (!registry.has("batch")) {
            call.fail(StatesError.RUNTIME, "The local cloud does not serve AWS Batch, so '" + call.res.arn()
                    + "' (state '" + call.r.s.name() + "') cannot run. Mock this state or add Batch to the local cloud.");
            return;
        }
        JsonNode submit = recase(params, false);
        if (!allowed(call, "batch", "SubmitJob", submit)
                || call.res.sync() && !managedRuleAllowed(call, "StepFunctionsGetEventsForBatchJobsRule")) {
            return;
        }
        JsonNode out;
        try {
            out = registry.get("batch").call("SubmitJob", submit, ctx());
        } catch (AwsException e) {
            call.fail("Batch." + e.code(), e.getMessage() + " (Service: AWSBatch; Status Code: " + e.status()
                    + "; Error Code: " + e.code() + ")");
            return;
        }
        JsonNode result = recase(out, true);
        if (!call.res.sync()) {
            // AWS: {JobArn, JobId, JobName, SdkHttpMetadata, SdkResponseMetadata}
            accepted(call, withSdkMetadata((ObjectNode) result.deepCopy(), out, "application/json"));
            return;
        }
        call.submitted(withSdkMetadata((ObjectNode) result.deepCopy(), out, "application/json"));
        String jobId = out.path("jobId").asText();
        call.onAbandon = () -> terminate(jobId, call);
        poll(call, jobId);
    }

    private void poll(TaskCall call, String jobId) {
        call.later(SYNC_POLL, "sfn batch sync " + jobId, () -> {
            JsonNode job;
            try {
                ObjectNode in = Json.object();
                in.putArray("jobs").add(jobId);
                if (!allowed(call, "batch", "DescribeJobs", in)) {
                    return;
                }
                JsonNode out = registry.get("batch").call("DescribeJobs", in, ctx());
                job = out.path("jobs").path(0);
            } catch (AwsException e) {
                call.fail("Batch." + e.code(), e.getMessage());
                return;
            }
            if (job.isMissingNode()) {
                call.fail(StatesError.TASK_FAILED, "The Batch job " + jobId + " no longer exists.");
                return;
            }
            String status = job.path("status").asText();
            if (status.equals("SUCCEEDED")) {
                call.onAbandon = null;
                call.succeed(recase(job, true));
            } else if (status.equals("FAILED")) {
                call.onAbandon = null;
                call.fail(StatesError.TASK_FAILED, Json.write(recase(job, true)));
            } else {
                poll(call, jobId);
            }
        });
    }

    private void terminate(String jobId, TaskCall call) {
        Runnable t = () -> {
            try {
                ObjectNode in = Json.object();
                in.put("jobId", jobId);
                in.put("reason", "Step Functions execution " + call.execution().name + " stopped waiting for the job (state '"
                        + call.r.s.name() + "')");
                if (roles.check(call.execution(), "batch", "TerminateJob", in, checkCtx(call)) != null) {
                    return; // the role may not terminate it: the job runs on, as on AWS
                }
                registry.get("batch").call("TerminateJob", in, ctx());
            } catch (RuntimeException e) {
                // already terminal or gone
            }
        };
        if (clock.onDriverThread()) {
            t.run();
        } else {
            clock.submit("sfn terminate " + jobId, t);
        }
    }

    // ------------------------------------------------------------------ AWS SDK integrations

    private void awsSdk(TaskCall call, JsonNode params) {
        String service = call.res.service();
        String signing = SIGNING_NAMES.getOrDefault(service, service);
        if (!registry.has(signing)) {
            call.fail(StatesError.RUNTIME, "The local cloud does not serve the AWS API '" + service + "', so '"
                    + call.res.arn() + "' (state '" + call.r.s.name() + "') cannot run. Mock this state in a mock config.");
            return;
        }
        String action = call.res.action();
        String operation = Character.toUpperCase(action.charAt(0)) + action.substring(1);
        boolean camel = CAMEL_CASE_APIS.contains(service);
        JsonNode in = camel ? recase(params, false) : params;
        RoleCalls.Denied denied = roles.check(call.execution(), signing, operation, in, checkCtx(call));
        if (denied != null) { // AWS SDK integrations name the service's own exception: Sfn.SfnException, Batch.BatchException
            String prefix = ERROR_PREFIX.getOrDefault(service, Character.toUpperCase(service.charAt(0)) + service.substring(1));
            call.fail(prefix + "." + prefix + "Exception", denied.cause());
            return;
        }
        JsonNode out;
        try {
            out = registry.get(signing).call(operation, in, ctx());
        } catch (AwsException e) {
            String prefix = ERROR_PREFIX.getOrDefault(service,
                    Character.toUpperCase(service.charAt(0)) + service.substring(1));
            call.fail(prefix + "." + e.code(), e.getMessage() + " (Service: " + prefix + ", Status Code: " + e.status()
                    + ", Request ID: " + uuid() + ")");
            return;
        }
        accepted(call, recase(out == null ? Json.object() : out, true));
    }

    /** Re-cases object member names: {@code upper} = PascalCase (results), else camelCase (requests). */
    static JsonNode recase(JsonNode n, boolean upper) {
        if (n == null) {
            return null;
        }
        if (n.isArray()) {
            ArrayNode a = Json.array();
            n.forEach(x -> a.add(recase(x, upper)));
            return a;
        }
        if (!n.isObject()) {
            return n;
        }
        ObjectNode o = Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            String nk = k.isEmpty() ? k : (upper ? Character.toUpperCase(k.charAt(0)) : Character.toLowerCase(k.charAt(0)))
                    + k.substring(1);
            JsonNode v = MAP_MEMBERS.contains(k) && e.getValue().isObject() ? e.getValue() : recase(e.getValue(), upper);
            o.set(nk, v);
        }
        return o;
    }
}
