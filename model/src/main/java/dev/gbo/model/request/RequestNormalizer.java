package dev.gbo.model.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.errors.ErrorName;
import dev.gbo.model.errors.GboError;
import dev.gbo.model.support.Hashing;
import dev.gbo.model.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns any trigger into the canonical request of docs/contracts.md, or throws {@code InvalidRequest} ({@link GboError})
 * naming every bad field and its fix.
 *
 * <p>Input is NormalizeHandler's Payload {@code {"trigger": <state input>, "executionName": ...}};
 * a bare trigger (no {@code trigger} wrapper) is accepted too. Triggers:
 * <ul>
 * <li>S3 "Object Created" via EventBridge ({@code source aws.s3}): request from
 * {@code DEFAULT_JOB_JSON} and env defaults; bucket and key go to environment
 * ({@code GBO_INPUT_BUCKET}, {@code GBO_INPUT_KEY}) and parameters ({@code inputBucket},
 * {@code inputKey}); name defaults to the bucket name.</li>
 * <li>"Scheduled Event" ({@code source aws.events}): request from {@code DEFAULT_JOB_JSON} overlaid by
 * the event's {@code detail} (normally {}); name defaults to the rule name. A rule whose target Input
 * is a constant partial request arrives as console input.</li>
 * <li>"Submit Batch Job" (any source): {@code detail} is the partial request.</li>
 * <li>console input: the payload itself is the partial request.</li>
 * </ul>
 * Precedence: env defaults &lt; {@code DEFAULT_JOB_JSON} &lt; the trigger; {@code environment} and
 * {@code parameters} merge key by key. {@code requestId} is {@code evt-<event id>} for events,
 * {@code exec-<execution name>} for console input, or {@code req-<sha256 of the input>} when invoked
 * without an execution name: always the same for the same trigger.
 *
 * <p>An explicit JSON {@code null} is never taken for "use the default": it is a problem named by its JSON path
 * in the trigger. S3 bucket names must follow S3's naming rules and keys are kept exactly as given
 * ({@link S3Names}).
 */
public final class RequestNormalizer {
    public static final List<String> REQUEST_FIELDS = List.of("name", "image", "command", "vcpus", "memoryMiB",
            "environment", "parameters", "arraySize", "retry", "timeoutSeconds", "verify");
    public static final int MAX_REQUEST_BYTES = 30 * 1024;
    public static final int MAX_TIMEOUT_SECONDS = 1_209_600;
    public static final String ARCHITECTURE = "aarch64";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** registry host[:port]/ then lowercase path components, optional :tag and @sha256 digest. */
    static final Pattern IMAGE = Pattern.compile(
            "^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Set<String> DERIVED_FIELDS = Set.of("requestId", "source");

    private final RequestDefaults defaults;

    public RequestNormalizer(RequestDefaults defaults) {
        this.defaults = defaults;
    }

    /** Normalizes the handler payload: {@code {"trigger": ..., "executionName": ...}} or a bare trigger. */
    public JobRequest normalize(JsonNode payload) {
        if (payload != null && payload.isObject() && payload.has("trigger")
                && (payload.has("executionName") || payload.size() == 1)) {
            return normalize(payload.get("trigger"), Json.text(payload, "executionName"));
        }
        return normalize(payload, null);
    }

    public JobRequest normalize(JsonNode trigger, String executionName) {
        if (trigger == null || !trigger.isObject()) {
            throw new GboError(ErrorName.InvalidRequest, "request is invalid (1 problem):\n- trigger: expected a JSON object (an EventBridge event"
                    + " or a partial request), got " + (trigger == null ? "nothing" : trigger.getNodeType()));
        }
        if (trigger.has("detail-type") || (trigger.has("source") && trigger.has("detail"))) {
            return fromEvent(trigger);
        }
        ObjectNode source = Json.object().put("type", "console");
        String requestId;
        if (executionName != null && !executionName.isBlank()) {
            source.put("executionName", executionName);
            requestId = "exec-" + executionName;
        } else {
            requestId = "req-" + Hashing.sha256Hex(Json.toJson(trigger)).substring(0, 24);
        }
        return build(requestId, source, trigger, "", null, Map.of(), Map.of(), List.of());
    }

    private JobRequest fromEvent(JsonNode event) {
        List<String> problems = new ArrayList<>();
        String detailType = TriggerFields.envelopeText(event, "detail-type", true, problems,
                "EventBridge names the event type: 'Object Created', 'Scheduled Event' or 'Submit Batch Job'");
        String eventSource = TriggerFields.envelopeText(event, "source", true, problems,
                "EventBridge names the sender, e.g. aws.s3, aws.events or your application's source");
        String id = TriggerFields.envelopeText(event, "id", true, problems,
                "EventBridge gives every event an id; gbo derives the requestId (and job names) from it");
        String time = TriggerFields.envelopeText(event, "time", false, problems,
                "EventBridge sets the event time (ISO-8601, e.g. 2026-11-20T09:15:00Z); omit it or send the event as delivered");
        JsonNode detail = event.get("detail");
        if (detail == null || detail.isNull()) {
            problems.add("detail: " + (detail == null ? "missing" : "null is not allowed")
                    + "; an EventBridge event carries a detail object ({} when it has nothing to say)");
            fail(problems);
        }
        if (detailType == null || eventSource == null) {
            fail(problems);
        }
        ObjectNode source = Json.object();
        String requestId = "evt-" + id;
        if ("aws.s3".equals(eventSource) && "Object Created".equals(detailType)) {
            String bucket = TriggerFields.s3Bucket(detail, problems);
            JsonNode object = detail.get("object");
            String key = null;
            if (object == null) {
                problems.add("detail.object.key: missing; an S3 Object Created event names its object key");
                object = Json.object();
            } else if (!object.isObject()) {
                problems.add("detail.object: " + (object.isNull() ? "null is not allowed"
                        : TriggerFields.abbreviate(object.toString()) + " is not an object") + "; an S3 Object Created event names its"
                        + " object as {\"key\": ..., \"size\": ...}");
                object = Json.object();
            } else {
                key = TriggerFields.s3Key(object, problems);
            }
            JsonNode size = object.get("size");
            if (size != null && !(size.isIntegralNumber() && size.canConvertToLong() && size.asLong() >= 0)) {
                problems.add("detail.object.size: " + (size.isNull() ? "null is not allowed" : TriggerFields.abbreviate(size.toString())
                        + " is not a byte count") + "; S3 gives the object's size in bytes, or omit it");
            }
            String etag = TriggerFields.optionalText(object, "etag", "detail.object.etag", problems);
            String versionId = TriggerFields.optionalText(object, "version-id", "detail.object.version-id", problems);
            String reason = TriggerFields.optionalText(detail, "reason", "detail.reason", problems);
            fail(problems);
            source.put("type", "s3").put("bucket", bucket).put("key", key);
            if (size != null) {
                source.set("size", size);
            }
            TriggerFields.putIfText(source, "etag", etag);
            TriggerFields.putIfText(source, "versionId", versionId);
            TriggerFields.putIfText(source, "reason", reason);
            source.put("eventId", id);
            TriggerFields.putIfText(source, "time", time);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GBO_INPUT_BUCKET", bucket);
            env.put("GBO_INPUT_KEY", key);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("inputBucket", bucket);
            params.put("inputKey", key);
            return build(requestId, source, Json.object(), "detail.", sanitizeName(bucket), env, params, List.of());
        }
        if ("aws.events".equals(eventSource) && "Scheduled Event".equals(detailType)) {
            String ruleArn = null;
            JsonNode resources = event.get("resources");
            if (resources != null && !resources.isArray()) {
                problems.add("resources: " + (resources.isNull() ? "null is not allowed" : resources.getNodeType() + " is not a list")
                        + "; a Scheduled Event lists its rule ARN, e.g. [\"arn:aws:events:us-east-1:123456789012:rule/nightly\"]");
            } else if (resources != null && !resources.isEmpty()) {
                JsonNode first = resources.get(0);
                if (!first.isTextual() || first.asText().isBlank()) {
                    problems.add("resources[0]: " + (first.isNull() ? "null is not allowed" : TriggerFields.abbreviate(first.toString()) + " is not an ARN")
                            + "; a Scheduled Event lists its rule ARN, e.g. \"arn:aws:events:us-east-1:123456789012:rule/nightly\"");
                } else {
                    ruleArn = first.asText();
                }
            }
            if (!detail.isObject()) {
                problems.add("detail: " + TriggerFields.abbreviate(detail.toString()) + " is not an object; a Scheduled Event carries {}"
                        + " or a partial request object");
            }
            String rule = ruleArn == null ? null : ruleArn.substring(ruleArn.lastIndexOf('/') + 1);
            if (rule != null && rule.isEmpty()) {
                rule = null;
            }
            source.put("type", "schedule");
            TriggerFields.putIfText(source, "rule", rule);
            TriggerFields.putIfText(source, "ruleArn", ruleArn);
            source.put("eventId", id);
            TriggerFields.putIfText(source, "time", time);
            return build(requestId, source, detail.isObject() ? detail : Json.object(), "detail.",
                    rule == null ? null : sanitizeName(rule), Map.of(), Map.of(), problems);
        }
        if ("Submit Batch Job".equals(detailType)) {
            if (!detail.isObject()) {
                problems.add("detail: a Submit Batch Job event carries a partial request object, got " + detail.getNodeType());
                fail(problems);
            }
            source.put("type", "custom").put("eventSource", eventSource).put("eventId", id);
            TriggerFields.putIfText(source, "time", time);
            return build(requestId, source, detail, "detail.", null, Map.of(), Map.of(), problems);
        }
        problems.add("detail-type: unsupported trigger (source '" + eventSource
                + "', detail-type '" + detailType + "'); send S3 'Object Created', 'Scheduled Event', 'Submit Batch Job'"
                + " or a partial request without an EventBridge envelope");
        fail(problems);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Merges and checks the partial request. {@code at} is where the partial sits in the trigger ("" for console
     * input, "detail." for events): problems about fields the trigger gave are reported at that JSON path.
     * {@code earlier} are the envelope's problems, reported first and together with the request's.
     */
    private JobRequest build(String requestId, ObjectNode source, JsonNode partial, String at, String derivedName,
            Map<String, String> injectedEnv, Map<String, String> injectedParams, List<String> earlier) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = partial.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (DERIVED_FIELDS.contains(field)) {
                problems.add(field + ": set by gbo from the trigger (event id or execution name); remove it");
            } else if (!REQUEST_FIELDS.contains(field)) {
                problems.add(field + ": unknown field; allowed fields are " + String.join(", ", REQUEST_FIELDS));
            }
        }
        ObjectNode merged = defaults.defaultJob().deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = partial.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode base = merged.get(field.getKey());
            if (("environment".equals(field.getKey()) || "parameters".equals(field.getKey()))
                    && base != null && base.isObject() && field.getValue().isObject()) {
                ObjectNode combined = base.deepCopy();
                combined.setAll((ObjectNode) field.getValue());
                merged.set(field.getKey(), combined);
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }

        String name;
        if (isNull(merged.get("name"))) {
            String fallback = defaultText("name", derivedName == null ? null : quote(derivedName));
            nullNotAllowed(problems, "name", fallback != null ? "omit the field to use the default " + fallback
                    : "give a job name of 1..100 letters, digits, '-' or '_'");
            name = null;
        } else {
            name = merged.has("name") ? stringField(merged, "name", problems) : derivedName;
        }
        if (name == null) {
            if (!merged.has("name")) {
                problems.add("name: missing; give a job name of 1..100 letters, digits, '-' or '_'");
            }
        } else if (!NAME.matcher(name).matches()) {
            problems.add("name: '" + TriggerFields.abbreviate(name) + "' is not 1..100 letters, digits, '-' or '_'; rename it");
        }

        String image;
        if (isNull(merged.get("image"))) {
            String fallback = defaultText("image", defaults.image() == null ? null : quote(defaults.image()));
            nullNotAllowed(problems, "image", fallback != null ? "omit the field to use the default " + fallback
                    : "give a linux/arm64 image reference, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest");
            image = null;
        } else {
            image = merged.has("image") ? stringField(merged, "image", problems) : defaults.image();
        }
        if (image == null) {
            if (!merged.has("image")) {
                problems.add("image: missing; give a linux/arm64 image reference (or set DEFAULT_IMAGE)");
            }
        } else if (image.length() > 255 || !IMAGE.matcher(image).matches()) {
            problems.add("image: '" + TriggerFields.abbreviate(image) + "' is not an image reference; use"
                    + " [registry/]repository[:tag][@sha256:digest], e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest");
        }

        List<String> command = new ArrayList<>();
        JsonNode commandNode = merged.get("command");
        if (commandNode == null) {
            problems.add("command: missing; give a non-empty list of strings, e.g. [\"python\", \"/app/app.py\"]");
        } else if (commandNode.isNull()) {
            String fallback = defaultText("command", null);
            nullNotAllowed(problems, "command", fallback != null ? "omit the field to use the default " + fallback
                    : "give a non-empty list of strings, e.g. [\"python\", \"/app/app.py\"]");
        } else if (!commandNode.isArray() || commandNode.isEmpty()) {
            problems.add("command: must be a non-empty list of strings, e.g. [\"python\", \"/app/app.py\"]");
        } else {
            for (int i = 0; i < commandNode.size(); i++) {
                JsonNode part = commandNode.get(i);
                if (part.isNull()) {
                    nullNotAllowed(problems, "command[" + i + "]", "give the argument as a string (\"\" for an empty one) or remove it");
                } else if (!part.isTextual()) {
                    problems.add("command[" + i + "]: " + part + " is not a string; quote every argument");
                } else {
                    command.add(part.asText());
                }
            }
            if (!command.isEmpty() && commandNode.get(0).isTextual() && command.get(0).isBlank()) {
                problems.add("command[0]: the executable is blank; name the program to run");
            }
        }

        int vcpus = intField(merged, "vcpus", defaults.vcpus(), 1, 192,
                "ask for 1..192 vCPUs (192 is the largest Graviton size)", problems,
                "vcpus", defaultText("vcpus", String.valueOf(defaults.vcpus())));
        int memory = intField(merged, "memoryMiB", defaults.memoryMiB(), 128, 786_432,
                "ask for 128..786432 MiB (768 GiB is the largest Graviton size)", problems,
                "memoryMiB", defaultText("memoryMiB", String.valueOf(defaults.memoryMiB())));
        int arraySize = 0;
        if (merged.has("arraySize")) {
            JsonNode node = merged.get("arraySize");
            if (node.isNull()) {
                nullNotAllowed(problems, "arraySize", "omit the field to use the default " + defaultText("arraySize", "0")
                        + " (0 = a single job)");
            } else if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                problems.add("arraySize: " + node + " is not an integer; use 0 for a single job or 2..10000 for an array job");
            } else {
                arraySize = node.asInt();
                if (arraySize != 0 && (arraySize < 2 || arraySize > 10_000)) {
                    problems.add("arraySize: " + arraySize + " is not allowed; use 0 for a single job or 2..10000 for an array job"
                            + " (Batch has no array of size 1)");
                }
            }
        }
        int attempts = defaults.retryAttempts();
        if (merged.has("retry")) {
            JsonNode retry = merged.get("retry");
            if (retry.isNull()) {
                nullNotAllowed(problems, "retry", "omit the field to use the default "
                        + defaultText("retry", "{\"attempts\":" + defaults.retryAttempts() + "}"));
            } else if (!retry.isObject()) {
                problems.add("retry: must be an object like {\"attempts\": 3}");
            } else {
                for (Iterator<String> it = retry.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!"attempts".equals(f)) {
                        problems.add("retry." + f + ": unknown field; only retry.attempts is supported");
                    }
                }
                attempts = intField((ObjectNode) retry, "attempts", defaults.retryAttempts(), 1, 10,
                        "retry.attempts must be 1..10 (Batch's limit)", problems, "retry.attempts",
                        String.valueOf(defaults.retryAttempts()));
            }
        }
        int timeout = intField(merged, "timeoutSeconds", defaults.timeoutSeconds(), 60, MAX_TIMEOUT_SECONDS,
                "give 60 (Batch's minimum attempt duration) to 1209600 seconds (14 days; the callback heartbeat is"
                        + " derived from it)", problems,
                "timeoutSeconds", defaultText("timeoutSeconds", String.valueOf(defaults.timeoutSeconds())));

        Map<String, String> environment = stringMap(merged, "environment", problems, true,
                defaultText("environment", "{}"));
        Map<String, String> parameters = stringMap(merged, "parameters", problems, false,
                defaultText("parameters", "{}"));
        environment.putAll(injectedEnv);
        parameters.putAll(injectedParams);

        JobRequest.Verify verify = verify(merged.get("verify"), problems, defaultText("verify", null));
        List<String> all = new ArrayList<>(earlier);
        for (String problem : problems) {
            all.add(locate(problem, partial, at));
        }
        problems = all;
        fail(problems);

        JobRequest request = new JobRequest(requestId, source, name, image, command, vcpus, memory, environment,
                parameters, arraySize, new JobRequest.Retry(attempts), timeout, verify);
        int size = Json.toJson(request).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_REQUEST_BYTES) {
            problems.add("request: " + size + " bytes exceeds " + MAX_REQUEST_BYTES
                    + " (SubmitJob's 30 KiB limit); move large environment values or parameters to S3 and pass the key");
            fail(problems);
        }
        return request;
    }

    private static JobRequest.Verify verify(JsonNode node, List<String> problems, String configured) {
        int exitCode = 0;
        String architecture = ARCHITECTURE;
        List<String> logContains = new ArrayList<>();
        if (node == null) {
            return new JobRequest.Verify(exitCode, architecture, logContains);
        }
        if (node.isNull()) {
            nullNotAllowed(problems, "verify", "omit the field to use the default " + (configured != null ? configured
                    : "{\"exitCode\":0,\"architecture\":\"aarch64\",\"logContains\":[]}"));
            return new JobRequest.Verify(exitCode, architecture, logContains);
        }
        if (!node.isObject()) {
            problems.add("verify: must be an object like {\"exitCode\": 0, \"architecture\": \"aarch64\", \"logContains\": [...]}");
            return new JobRequest.Verify(exitCode, architecture, logContains);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("exitCode", "architecture", "logContains").contains(f)) {
                problems.add("verify." + f + ": unknown check; use exitCode, architecture or logContains");
            }
        }
        exitCode = intField((ObjectNode) node, "exitCode", 0, 0, 255,
                "verify.exitCode must be an integer 0..255", problems, "verify.exitCode", "0");
        if (node.has("architecture")) {
            JsonNode arch = node.get("architecture");
            if (arch.isNull()) {
                nullNotAllowed(problems, "verify.architecture", "omit the field to use the default \"aarch64\"");
            } else if (!arch.isTextual() || !ARCHITECTURE.equals(arch.asText())) {
                problems.add("verify.architecture: " + arch + " is not supported; gbo only runs arm64, use \"aarch64\"");
            }
        }
        if (node.has("logContains")) {
            JsonNode lc = node.get("logContains");
            if (lc.isNull()) {
                nullNotAllowed(problems, "verify.logContains", "omit the field to use the default [] (no log check)");
            } else if (!lc.isArray()) {
                problems.add("verify.logContains: must be a list of strings the job's log must contain");
            } else {
                for (int i = 0; i < lc.size(); i++) {
                    JsonNode s = lc.get(i);
                    if (s.isNull()) {
                        nullNotAllowed(problems, "verify.logContains[" + i + "]", "give a non-empty string the log must contain,"
                                + " or remove it");
                    } else if (!s.isTextual() || s.asText().isEmpty()) {
                        problems.add("verify.logContains[" + i + "]: " + s + " is not a non-empty string");
                    } else {
                        logContains.add(s.asText());
                    }
                }
            }
        }
        return new JobRequest.Verify(exitCode, architecture, logContains);
    }

    private static Map<String, String> stringMap(ObjectNode merged, String field, List<String> problems, boolean env,
            String configured) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode node = merged.get(field);
        if (node == null) {
            return out;
        }
        if (node.isNull()) {
            nullNotAllowed(problems, field, "omit the field to use the default " + configured);
            return out;
        }
        if (!node.isObject()) {
            problems.add(field + ": must be an object of string values, e.g. {\"KEY\": \"value\"}");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String where = field + "." + key;
            if (env) {
                if (!ENV_NAME.matcher(key).matches()) {
                    problems.add(where + ": not a valid variable name; use letters, digits and '_' not starting with a digit");
                } else if (key.toUpperCase(Locale.ROOT).startsWith("AWS_BATCH")) {
                    problems.add(where + ": names starting with AWS_BATCH are reserved by AWS Batch; rename the variable");
                } else if (key.toUpperCase(Locale.ROOT).startsWith("GBO_")) {
                    problems.add(where + ": names starting with GBO_ are reserved for gbo (S3 input bucket/key); rename it");
                }
            } else {
                if (!PARAM_NAME.matcher(key).matches()) {
                    problems.add(where + ": parameter names are 1..128 letters, digits or '_'; rename it");
                } else if (key.toLowerCase(Locale.ROOT).startsWith("gbo")) {
                    problems.add(where + ": parameter names starting with gbo carry gbo's correlation data; rename it");
                }
            }
            if (e.getValue().isNull()) {
                nullNotAllowed(problems, where, "give a string value (\"\" for an empty one) or remove the "
                        + (env ? "variable" : "parameter"));
            } else if (!e.getValue().isTextual()) {
                problems.add(where + ": " + TriggerFields.abbreviate(e.getValue().toString()) + " is not a string; quote the value");
            } else {
                out.put(key, e.getValue().asText());
            }
        }
        return out;
    }

    private static int intField(ObjectNode node, String field, int fallback, int min, int max, String fix,
            List<String> problems, String label, String defaultText) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            nullNotAllowed(problems, label, "omit the field to use the default " + defaultText);
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(label + ": " + TriggerFields.abbreviate(value.toString()) + " is not an integer; " + fix);
            return fallback;
        }
        int v = value.asInt();
        if (v < min) {
            problems.add(label + ": " + v + " is below " + min + "; " + fix);
        } else if (v > max) {
            problems.add(label + ": " + v + " is above " + max + "; " + fix);
        }
        return v;
    }

    private static String stringField(ObjectNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isTextual()) {
            problems.add(field + ": " + (value == null ? "null" : TriggerFields.abbreviate(value.toString())) + " is not a string");
            return null;
        }
        return value.asText();
    }

    private static boolean isNull(JsonNode node) {
        return node != null && node.isNull();
    }

    private static void nullNotAllowed(List<String> problems, String path, String fix) {
        problems.add(path + ": null is not allowed; " + fix);
    }

    /** What an omitted field becomes: its DEFAULT_JOB_JSON value (as JSON) if set, else {@code fallback}. */
    private String defaultText(String field, String fallback) {
        JsonNode configured = defaults.defaultJob().get(field);
        return configured != null ? Json.toJson(configured) : fallback;
    }

    private static String quote(String text) {
        return Json.toJson(text);
    }

    /**
     * Prefixes a problem's path ("vcpus: ...", "environment.K: ...", "command[1]: ...") with where the trigger
     * carries the request ({@code detail.}) when the trigger gave that field; values from the defaults keep
     * their plain request path.
     */
    static String locate(String problem, JsonNode partial, String at) {
        if (at.isEmpty()) {
            return problem;
        }
        int colon = problem.indexOf(": ");
        if (colon < 0) {
            return problem;
        }
        String path = problem.substring(0, colon);
        String top = path.split("[.\\[]", 2)[0];
        JsonNode given = partial.get(top);
        if (given == null) {
            return problem;
        }
        if (("environment".equals(top) || "parameters".equals(top)) && path.length() > top.length()
                && path.charAt(top.length()) == '.') {
            String key = path.substring(top.length() + 1);
            if (!given.isObject() || !given.has(key)) {
                return problem;
            }
        }
        return at + problem;
    }

    /** JSON paths of every null inside {@code node} (for DEFAULT_JOB_JSON, which must not carry any). */
    static void nullPaths(JsonNode node, String path, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isNull()) {
            out.add(path);
        } else if (node.isObject()) {
            node.properties().forEach(e -> nullPaths(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nullPaths(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("request is invalid (")
                    .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
            for (String p : problems) {
                message.append("\n- ").append(p);
            }
            throw new GboError(ErrorName.InvalidRequest, message.toString());
        }
    }

    /**
     * A job name from a bucket or rule name: characters outside {@code [A-Za-z0-9_-]} become '-'. When that (or
     * shortening to 100) changed the text, 8 hex of sha256(raw) are appended, so names that differ only in
     * replaced characters (my.bucket, my-bucket) stay distinct and a replacement never passes for the original.
     */
    static String sanitizeName(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned = raw.replaceAll("[^A-Za-z0-9_-]", "-");
        if (cleaned.equals(raw) && cleaned.length() <= 100) {
            return cleaned;
        }
        String hash = "-" + Hashing.sha256Hex(raw).substring(0, 8);
        int room = 100 - hash.length();
        return (cleaned.length() > room ? cleaned.substring(0, room) : cleaned) + hash;
    }
}
