package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed, validated Amazon States Language definition. {@link #parse} checks everything AWS
 * checks at CreateStateMachine that matters for running (JSON, StartAt, transitions, terminal
 * states, required and exclusive fields, Retry/Catch shapes, Choice rules, paths, intrinsic calls,
 * resources) and refuses every feature this engine does not run (JSONata, variables, distributed
 * Map, activities, ...) with {@code InvalidDefinition} naming the state and the feature.
 */
final class Asl {

    private Asl() {
    }

    // ------------------------------------------------------------------ model

    /** A set of states: the machine itself, a Parallel branch, or a Map's item processor. */
    static final class Machine {
        String startAt;
        final Map<String, State> states = new LinkedHashMap<>();
        Integer timeoutSeconds;
    }

    enum Type { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map }

    static final class State {
        String name;
        Type type;
        String next;
        boolean end;
        /** "$" when absent; null when the definition says null. */
        String inputPath = "$";
        String outputPath = "$";
        String resultPath = "$";
        Template parameters;
        Template resultSelector;
        List<Retrier> retry = List.of();
        List<Catcher> catchers = List.of();
        // Task
        Resource resource;
        Integer timeoutSeconds;
        String timeoutSecondsPath;
        Integer heartbeatSeconds;
        String heartbeatSecondsPath;
        // Pass
        JsonNode result;
        // Choice
        List<ChoiceRule> choices = List.of();
        String defaultNext;
        // Wait
        Long seconds;
        String timestamp;
        String secondsPath;
        String timestampPath;
        // Fail
        String error;
        String cause;
        Intrinsics.Expr errorPath;
        Intrinsics.Expr causePath;
        // Parallel
        List<Machine> branches = List.of();
        // Map
        Machine processor;
        String itemsPath = "$";
        Template itemSelector;
        Integer maxConcurrency;
        String maxConcurrencyPath;
        Integer toleratedFailureCount;
        String toleratedFailureCountPath;
        Double toleratedFailurePercentage;
        String toleratedFailurePercentagePath;
    }

    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
            Integer maxDelaySeconds, boolean fullJitter) {
    }

    record Catcher(List<String> errorEquals, String next, String resultPath) {
    }

    /** A Choice rule: a comparison, or And/Or/Not of rules; top-level rules carry Next. */
    static final class ChoiceRule {
        String next;
        String op; // comparison operator name, or And/Or/Not
        JsonPath variable;
        JsonNode value;
        JsonPath valuePath;
        List<ChoiceRule> children = List.of();
    }

    enum Kind { LAMBDA_FUNCTION, LAMBDA_INVOKE, BATCH_SUBMIT, EVENTS_PUT, STATES_START, AWS_SDK, OTHER }

    /**
     * A Task resource. {@code resourceType}/{@code resourceName} are what history events show
     * (lambda / invoke.waitForTaskToken, aws-sdk:s3 / getObject).
     */
    record Resource(String arn, Kind kind, String service, String action, String pattern, String resourceType,
            String resourceName) {
        boolean waitForTaskToken() {
            return "waitForTaskToken".equals(pattern);
        }

        boolean sync() {
            return pattern.startsWith("sync");
        }
    }

    // ------------------------------------------------------------------ parsing

    static final Set<String> COMPARISONS = Set.of(
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals",
            "StringMatches", "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
            "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals", "TimestampLessThan",
            "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
            "StringEqualsPath", "StringLessThanPath", "StringGreaterThanPath", "StringLessThanEqualsPath",
            "StringGreaterThanEqualsPath", "NumericEqualsPath", "NumericLessThanPath", "NumericGreaterThanPath",
            "NumericLessThanEqualsPath", "NumericGreaterThanEqualsPath", "BooleanEqualsPath", "TimestampEqualsPath",
            "TimestampLessThanPath", "TimestampGreaterThanPath", "TimestampLessThanEqualsPath",
            "TimestampGreaterThanEqualsPath", "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean",
            "IsTimestamp");

    private static final Set<String> COMMON = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath",
            "QueryLanguage");
    private static final Map<Type, Set<String>> FIELDS = Map.of(
            Type.Task, Set.of("Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"),
            Type.Pass, Set.of("Result", "ResultPath", "Parameters"),
            Type.Choice, Set.of("Choices", "Default"),
            Type.Wait, Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath"),
            Type.Succeed, Set.of(),
            Type.Fail, Set.of("Error", "Cause", "ErrorPath", "CausePath"),
            Type.Parallel, Set.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"),
            Type.Map, Set.of("Iterator", "ItemProcessor", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency",
                    "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath",
                    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ResultSelector", "ResultPath",
                    "Retry", "Catch"));

    /** Fields AWS knows that this engine refuses, with the reason given to the user. */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("Assign", "variables (Assign) are not supported by the local Step Functions engine"),
            Map.entry("Arguments", "'Arguments' belongs to the JSONata query language, which the local engine does not run"),
            Map.entry("Output", "'Output' belongs to the JSONata query language, which the local engine does not run"),
            Map.entry("Credentials", "cross-account task Credentials are not supported by the local engine"),
            Map.entry("ItemReader", "distributed Map (ItemReader) is not supported by the local engine; use an inline Map over ItemsPath"),
            Map.entry("ResultWriter", "distributed Map (ResultWriter) is not supported by the local engine"),
            Map.entry("ItemBatcher", "distributed Map (ItemBatcher) is not supported by the local engine"),
            Map.entry("Label", "distributed Map (Label) is not supported by the local engine"));

    private static final Pattern LAMBDA_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,140}(:[A-Za-z0-9$_-]+)?");
    private static final Pattern STATES_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]*):(\\d{12})?:(.+)");

    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static OffsetDateTime timestamp(String s) {
        try {
            if (s.indexOf('T') < 0) {
                return null;
            }
            return OffsetDateTime.parse(s, RFC3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses and validates; InvalidDefinition listing every problem found. */
    static Machine parse(String definition) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(definition);
        } catch (Exception e) {
            throw invalid(List.of("INVALID_JSON_DESCRIPTION: " + firstLine(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw invalid(List.of("INVALID_JSON_DESCRIPTION: the definition must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        for (String f : iter(root.fieldNames())) {
            if (!Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage").contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported by Step Functions at /");
            }
        }
        JsonNode ql = root.get("QueryLanguage");
        if (ql != null && !"JSONPath".equals(ql.asText())) {
            errors.add("UNSUPPORTED_FEATURE: QueryLanguage '" + ql.asText()
                    + "' is not supported by the local Step Functions engine (only JSONPath) at /QueryLanguage");
        }
        JsonNode v = root.get("Version");
        if (v != null && !"1.0".equals(v.asText())) {
            errors.add("SCHEMA_VALIDATION_FAILED: Version must be \"1.0\" at /Version");
        }
        Machine m = machine(root, "", errors);
        JsonNode t = root.get("TimeoutSeconds");
        if (t != null) {
            if (!t.canConvertToInt() || !t.isIntegralNumber() || t.asInt() <= 0) {
                errors.add("SCHEMA_VALIDATION_FAILED: TimeoutSeconds must be a positive integer at /TimeoutSeconds");
            } else {
                m.timeoutSeconds = t.asInt();
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return m;
    }

    static AwsException invalid(List<String> errors) {
        StringBuilder b = new StringBuilder("Invalid State Machine Definition: '");
        for (int i = 0; i < errors.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(errors.get(i));
        }
        return new AwsException("InvalidDefinition", 400, b.append("'").toString());
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static Iterable<String> iter(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static Machine machine(JsonNode node, String at, List<String> errors) {
        Machine m = new Machine();
        JsonNode start = node.get("StartAt");
        JsonNode states = node.get("States");
        if (start == null || !start.isTextual()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'StartAt' is required and must be a string at " + at + "/StartAt");
        } else {
            m.startAt = start.asText();
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'States' is required and must be a non-empty object at " + at + "/States");
            return m;
        }
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            String name = e.getKey();
            if (name.isEmpty() || name.length() > 80) {
                errors.add("SCHEMA_VALIDATION_FAILED: State names must be 1 to 80 characters at " + at + "/States/" + name);
            }
            if (!e.getValue().isObject()) {
                errors.add("SCHEMA_VALIDATION_FAILED: The state '" + name + "' must be a JSON object at " + at + "/States/" + name);
                continue;
            }
            m.states.put(name, state(name, e.getValue(), at + "/States/" + name, errors));
        }
        if (m.startAt != null && !m.states.containsKey(m.startAt)) {
            errors.add("MISSING_TRANSITION_TARGET: State \"" + m.startAt + "\" is not found at " + at + "/StartAt");
        }
        for (State s : m.states.values()) {
            String sat = at + "/States/" + s.name;
            check(m, s.next, sat + "/Next", errors);
            check(m, s.defaultNext, sat + "/Default", errors);
            for (int i = 0; i < s.choices.size(); i++) {
                check(m, s.choices.get(i).next, sat + "/Choices[" + i + "]/Next", errors);
            }
            for (int i = 0; i < s.catchers.size(); i++) {
                check(m, s.catchers.get(i).next(), sat + "/Catch[" + i + "]/Next", errors);
            }
        }
        // reachability
        if (m.startAt != null && m.states.containsKey(m.startAt) && errors.isEmpty()) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>();
            todo.add(m.startAt);
            while (!todo.isEmpty()) {
                String n = todo.poll();
                State s = m.states.get(n);
                if (s == null || !seen.add(n)) {
                    continue;
                }
                if (s.next != null) {
                    todo.add(s.next);
                }
                if (s.defaultNext != null) {
                    todo.add(s.defaultNext);
                }
                s.choices.forEach(c -> todo.add(c.next));
                s.catchers.forEach(c -> todo.add(c.next()));
            }
            for (String n : m.states.keySet()) {
                if (!seen.contains(n)) {
                    errors.add("MISSING_TRANSITION_TARGET: State \"" + n + "\" is not reachable at " + at + "/States/" + n);
                }
            }
        }
        return m;
    }

    private static void check(Machine m, String target, String at, List<String> errors) {
        if (target != null && !m.states.containsKey(target)) {
            errors.add("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + target + " at " + at);
        }
    }

    private static State state(String name, JsonNode n, String at, List<String> errors) {
        State s = new State();
        s.name = name;
        JsonNode typeNode = n.get("Type");
        try {
            s.type = typeNode == null ? null : Type.valueOf(typeNode.asText());
        } catch (IllegalArgumentException e) {
            s.type = null;
        }
        if (s.type == null) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Type' must be one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map at "
                    + at + "/Type");
            return s;
        }
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(FIELDS.get(s.type));
        if (s.type == Type.Fail) {
            allowed.removeAll(Set.of("Next", "End", "InputPath", "OutputPath"));
        }
        if (s.type == Type.Succeed || s.type == Type.Choice) {
            allowed.removeAll(Set.of("Next", "End"));
        }
        for (String f : iter(n.fieldNames())) {
            if (REFUSED.containsKey(f)) {
                errors.add("UNSUPPORTED_FEATURE: " + REFUSED.get(f) + " (state '" + name + "') at " + at + "/" + f);
            } else if (!allowed.contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported for state type '" + s.type
                        + "' at " + at + "/" + f);
            }
        }
        JsonNode ql = n.get("QueryLanguage");
        if (ql != null && !"JSONPath".equals(ql.asText())) {
            errors.add("UNSUPPORTED_FEATURE: QueryLanguage '" + ql.asText() + "' (state '" + name
                    + "') is not supported by the local Step Functions engine (only JSONPath) at " + at + "/QueryLanguage");
        }
        // transitions
        JsonNode next = n.get("Next");
        JsonNode end = n.get("End");
        if (next != null) {
            if (!next.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: 'Next' must be a string at " + at + "/Next");
            } else {
                s.next = next.asText();
            }
        }
        if (end != null) {
            if (!end.isBoolean()) {
                errors.add("SCHEMA_VALIDATION_FAILED: 'End' must be a boolean at " + at + "/End");
            } else {
                s.end = end.asBoolean();
            }
        }
        boolean needsTransition = s.type != Type.Choice && s.type != Type.Succeed && s.type != Type.Fail;
        if (needsTransition) {
            if (s.next != null && s.end) {
                errors.add("SCHEMA_VALIDATION_FAILED: 'Next' and 'End' are mutually exclusive at " + at);
            } else if (s.next == null && !s.end) {
                errors.add("MISSING_TRANSITION_TARGET: State '" + name + "' has neither 'Next' nor 'End: true' at " + at);
            }
        }
        // paths
        if (s.type != Type.Fail) {
            s.inputPath = path(n, "InputPath", at, false, errors);
            s.outputPath = path(n, "OutputPath", at, false, errors);
        }
        if (Set.of(Type.Task, Type.Pass, Type.Parallel, Type.Map).contains(s.type)) {
            s.resultPath = path(n, "ResultPath", at, true, errors);
        }
        if (n.has("Parameters") && s.type != Type.Map) {
            s.parameters = Template.compile(n.get("Parameters"), at + "/Parameters", errors);
        }
        if (n.has("ResultSelector")) {
            if (!n.get("ResultSelector").isObject()) {
                errors.add("SCHEMA_VALIDATION_FAILED: ResultSelector must be a JSON object at " + at + "/ResultSelector");
            } else {
                s.resultSelector = Template.compile(n.get("ResultSelector"), at + "/ResultSelector", errors);
            }
        }
        if (n.has("Retry")) {
            s.retry = retriers(n.get("Retry"), at + "/Retry", errors);
        }
        if (n.has("Catch")) {
            s.catchers = catchers(n.get("Catch"), at + "/Catch", errors);
        }
        switch (s.type) {
            case Task -> task(s, n, at, errors);
            case Pass -> s.result = n.get("Result");
            case Choice -> choice(s, n, at, errors);
            case Wait -> waitState(s, n, at, errors);
            case Fail -> fail(s, n, at, errors);
            case Parallel -> {
                JsonNode b = n.get("Branches");
                if (b == null || !b.isArray() || b.isEmpty()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field 'Branches' is required and must be a non-empty array at "
                            + at + "/Branches");
                } else {
                    List<Machine> list = new ArrayList<>();
                    for (int i = 0; i < b.size(); i++) {
                        list.add(machine(b.get(i), at + "/Branches[" + i + "]", errors));
                    }
                    s.branches = list;
                }
            }
            case Map -> map(s, n, at, errors);
            default -> {
            }
        }
        return s;
    }

    private static String path(JsonNode n, String field, String at, boolean reference, List<String> errors) {
        if (!n.has(field)) {
            return "$";
        }
        JsonNode v = n.get(field);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a string or null at " + at + "/" + field);
            return "$";
        }
        try {
            JsonPath p = JsonPath.compile(v.asText());
            if (reference && !p.isReference()) {
                errors.add("INVALID_JSON_PATH: " + field + " '" + v.asText()
                        + "' must be a reference path (names and indices only, no '$$') at " + at + "/" + field);
            }
        } catch (IllegalArgumentException e) {
            errors.add("INVALID_JSON_PATH: " + e.getMessage() + " at " + at + "/" + field);
        }
        return v.asText();
    }

    private static String pathField(JsonNode n, String field, String at, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || !JsonPath.isValid(v.asText())) {
            errors.add("INVALID_JSON_PATH: " + field + " must be a valid JSONPath at " + at + "/" + field);
            return null;
        }
        return v.asText();
    }

    private static Integer positiveInt(JsonNode n, String field, String at, boolean allowZero, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < (allowZero ? 0 : 1)) {
            errors.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a " + (allowZero ? "non-negative" : "positive")
                    + " integer at " + at + "/" + field);
            return null;
        }
        return v.asInt();
    }

    private static List<String> errorList(JsonNode c, String at, List<String> errors) {
        JsonNode e = c.get("ErrorEquals");
        List<String> list = new ArrayList<>();
        if (e == null || !e.isArray() || e.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: ErrorEquals is required and must be a non-empty array at " + at + "/ErrorEquals");
            return list;
        }
        for (JsonNode x : e) {
            if (!x.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: ErrorEquals entries must be strings at " + at + "/ErrorEquals");
            } else {
                list.add(x.asText());
            }
        }
        if (list.contains(StatesError.ALL) && list.size() > 1) {
            errors.add("SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals at " + at + "/ErrorEquals");
        }
        return list;
    }

    private static List<Retrier> retriers(JsonNode r, String at, List<String> errors) {
        List<Retrier> out = new ArrayList<>();
        if (!r.isArray()) {
            errors.add("SCHEMA_VALIDATION_FAILED: Retry must be an array at " + at);
            return out;
        }
        for (int i = 0; i < r.size(); i++) {
            JsonNode c = r.get(i);
            String cat = at + "[" + i + "]";
            for (String f : iter(c.fieldNames())) {
                if (!Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                        "JitterStrategy", "Comment").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in a Retrier at " + cat + "/" + f);
                }
            }
            List<String> ee = errorList(c, cat, errors);
            if (ee.contains(StatesError.ALL) && i != r.size() - 1) {
                errors.add("SCHEMA_VALIDATION_FAILED: A Retrier with States.ALL must be the last Retrier at " + cat);
            }
            Integer interval = positiveInt(c, "IntervalSeconds", cat, false, errors);
            Integer max = positiveInt(c, "MaxAttempts", cat, true, errors);
            Integer maxDelay = positiveInt(c, "MaxDelaySeconds", cat, false, errors);
            double backoff = 2.0;
            if (c.has("BackoffRate")) {
                if (!c.get("BackoffRate").isNumber() || c.get("BackoffRate").asDouble() < 1.0) {
                    errors.add("SCHEMA_VALIDATION_FAILED: BackoffRate must be a number >= 1.0 at " + cat + "/BackoffRate");
                } else {
                    backoff = c.get("BackoffRate").asDouble();
                }
            }
            boolean full = false;
            if (c.has("JitterStrategy")) {
                String j = c.get("JitterStrategy").asText();
                if (!j.equals("FULL") && !j.equals("NONE")) {
                    errors.add("SCHEMA_VALIDATION_FAILED: JitterStrategy must be FULL or NONE at " + cat + "/JitterStrategy");
                }
                full = j.equals("FULL");
            }
            out.add(new Retrier(ee, interval == null ? 1 : interval, max == null ? 3 : max, backoff, maxDelay, full));
        }
        return out;
    }

    private static List<Catcher> catchers(JsonNode r, String at, List<String> errors) {
        List<Catcher> out = new ArrayList<>();
        if (!r.isArray()) {
            errors.add("SCHEMA_VALIDATION_FAILED: Catch must be an array at " + at);
            return out;
        }
        for (int i = 0; i < r.size(); i++) {
            JsonNode c = r.get(i);
            String cat = at + "[" + i + "]";
            for (String f : iter(c.fieldNames())) {
                if (REFUSED.containsKey(f)) {
                    errors.add("UNSUPPORTED_FEATURE: " + REFUSED.get(f) + " at " + cat + "/" + f);
                } else if (!Set.of("ErrorEquals", "Next", "ResultPath", "Comment").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in a Catcher at " + cat + "/" + f);
                }
            }
            List<String> ee = errorList(c, cat, errors);
            if (ee.contains(StatesError.ALL) && i != r.size() - 1) {
                errors.add("SCHEMA_VALIDATION_FAILED: A Catcher with States.ALL must be the last Catcher at " + cat);
            }
            JsonNode next = c.get("Next");
            if (next == null || !next.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field 'Next' is required in a Catcher at " + cat + "/Next");
            }
            String rp = path(c, "ResultPath", cat, true, errors);
            out.add(new Catcher(ee, next == null ? null : next.asText(), rp));
        }
        return out;
    }

    private static void task(State s, JsonNode n, String at, List<String> errors) {
        JsonNode r = n.get("Resource");
        if (r == null || !r.isTextual()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Resource' is required at " + at + "/Resource");
        } else {
            s.resource = resource(r.asText(), s, at + "/Resource", errors);
        }
        s.timeoutSeconds = positiveInt(n, "TimeoutSeconds", at, false, errors);
        s.heartbeatSeconds = positiveInt(n, "HeartbeatSeconds", at, false, errors);
        s.timeoutSecondsPath = pathField(n, "TimeoutSecondsPath", at, errors);
        s.heartbeatSecondsPath = pathField(n, "HeartbeatSecondsPath", at, errors);
        if (n.has("TimeoutSeconds") && n.has("TimeoutSecondsPath")) {
            errors.add("SCHEMA_VALIDATION_FAILED: TimeoutSeconds and TimeoutSecondsPath are mutually exclusive at " + at);
        }
        if (n.has("HeartbeatSeconds") && n.has("HeartbeatSecondsPath")) {
            errors.add("SCHEMA_VALIDATION_FAILED: HeartbeatSeconds and HeartbeatSecondsPath are mutually exclusive at " + at);
        }
        if (s.timeoutSeconds != null && s.heartbeatSeconds != null && s.heartbeatSeconds >= s.timeoutSeconds) {
            errors.add("SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds at " + at + "/HeartbeatSeconds");
        }
    }

    static Resource resource(String arn, State s, String at, List<String> errors) {
        if (LAMBDA_ARN.matcher(arn).matches()) {
            return new Resource(arn, Kind.LAMBDA_FUNCTION, "lambda", "invoke", "", "lambda", arn);
        }
        Matcher m = STATES_ARN.matcher(arn);
        if (!m.matches()) {
            errors.add("INVALID_RESOURCE: Invalid Resource ARN '" + arn + "' (state '" + s.name
                    + "'): expected a Lambda function ARN or arn:aws:states:::<service>:<action> at " + at);
            return null;
        }
        String rest = m.group(3);
        if (rest.startsWith("activity:")) {
            errors.add("UNSUPPORTED_FEATURE: activities are not supported by the local Step Functions engine (state '"
                    + s.name + "', resource '" + arn + "') at " + at);
            return null;
        }
        String pattern = "";
        for (String p : new String[] {".waitForTaskToken", ".sync:2", ".sync"}) {
            if (rest.endsWith(p)) {
                pattern = p.substring(1);
                rest = rest.substring(0, rest.length() - p.length());
                break;
            }
        }
        String[] parts = rest.split(":");
        String service;
        String action;
        Kind kind;
        String resourceType;
        if (parts.length == 3 && parts[0].equals("aws-sdk")) {
            service = parts[1];
            action = parts[2];
            kind = Kind.AWS_SDK;
            resourceType = "aws-sdk:" + service;
            if (pattern.startsWith("sync")) {
                errors.add("SCHEMA_VALIDATION_FAILED: AWS SDK integrations do not support the .sync pattern (state '"
                        + s.name + "') at " + at);
            }
        } else if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            service = parts[0];
            action = parts[1];
            resourceType = service;
            if (service.equals("lambda") && action.equals("invoke")) {
                kind = Kind.LAMBDA_INVOKE;
                if (pattern.startsWith("sync")) {
                    errors.add("SCHEMA_VALIDATION_FAILED: lambda:invoke does not support the .sync pattern (state '"
                            + s.name + "') at " + at);
                }
            } else if (service.equals("batch") && action.equals("submitJob")) {
                kind = Kind.BATCH_SUBMIT;
            } else if (service.equals("events") && action.equals("putEvents")) {
                kind = Kind.EVENTS_PUT;
            } else if (service.equals("states") && action.equals("startExecution")) {
                kind = Kind.STATES_START;
            } else {
                kind = Kind.OTHER;
            }
        } else {
            errors.add("INVALID_RESOURCE: Invalid Resource '" + arn + "' (state '" + s.name + "') at " + at);
            return null;
        }
        String name = pattern.isEmpty() ? action : action + "." + pattern;
        return new Resource(arn, kind, service, action, pattern, resourceType, name);
    }

    private static void choice(State s, JsonNode n, String at, List<String> errors) {
        JsonNode cs = n.get("Choices");
        if (cs == null || !cs.isArray() || cs.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Choices' is required and must be a non-empty array at "
                    + at + "/Choices");
            return;
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            rules.add(rule(cs.get(i), at + "/Choices[" + i + "]", true, errors));
        }
        s.choices = rules;
        JsonNode d = n.get("Default");
        if (d != null) {
            if (!d.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: Default must be a state name at " + at + "/Default");
            } else {
                s.defaultNext = d.asText();
            }
        }
    }

    private static ChoiceRule rule(JsonNode n, String at, boolean top, List<String> errors) {
        ChoiceRule r = new ChoiceRule();
        if (!n.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: A Choice rule must be a JSON object at " + at);
            return r;
        }
        List<String> ops = new ArrayList<>();
        for (String f : iter(n.fieldNames())) {
            if (COMPARISONS.contains(f) || f.equals("And") || f.equals("Or") || f.equals("Not")) {
                ops.add(f);
            } else if (f.equals("Condition")) {
                errors.add("UNSUPPORTED_FEATURE: 'Condition' belongs to the JSONata query language, which the local engine does not run at "
                        + at + "/Condition");
            } else if (REFUSED.containsKey(f)) {
                errors.add("UNSUPPORTED_FEATURE: " + REFUSED.get(f) + " at " + at + "/" + f);
            } else if (!Set.of("Variable", "Next", "Comment").contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in a Choice rule at " + at + "/" + f);
            }
        }
        if (ops.size() != 1) {
            errors.add("SCHEMA_VALIDATION_FAILED: A Choice rule must have exactly one comparison operator or And/Or/Not at " + at);
            return r;
        }
        r.op = ops.get(0);
        JsonNode next = n.get("Next");
        if (top) {
            if (next == null || !next.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field 'Next' is required in a top-level Choice rule at " + at);
            } else {
                r.next = next.asText();
            }
        } else if (next != null) {
            errors.add("SCHEMA_VALIDATION_FAILED: 'Next' is only allowed in top-level Choice rules at " + at + "/Next");
        }
        JsonNode val = n.get(r.op);
        switch (r.op) {
            case "And", "Or" -> {
                if (!val.isArray() || val.isEmpty()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: " + r.op + " must be a non-empty array of rules at " + at + "/" + r.op);
                } else {
                    List<ChoiceRule> ch = new ArrayList<>();
                    for (int i = 0; i < val.size(); i++) {
                        ch.add(rule(val.get(i), at + "/" + r.op + "[" + i + "]", false, errors));
                    }
                    r.children = ch;
                }
                if (n.has("Variable")) {
                    errors.add("SCHEMA_VALIDATION_FAILED: " + r.op + " rules take no Variable at " + at + "/Variable");
                }
            }
            case "Not" -> {
                if (!val.isObject()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: Not must be a rule object at " + at + "/Not");
                } else {
                    r.children = List.of(rule(val, at + "/Not", false, errors));
                }
            }
            default -> {
                JsonNode var = n.get("Variable");
                if (var == null || !var.isTextual()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field 'Variable' is required at " + at + "/Variable");
                } else {
                    try {
                        r.variable = JsonPath.compile(var.asText());
                    } catch (IllegalArgumentException e) {
                        errors.add("INVALID_JSON_PATH: " + e.getMessage() + " at " + at + "/Variable");
                    }
                }
                if (r.op.endsWith("Path")) {
                    if (!val.isTextual() || !JsonPath.isValid(val.asText())) {
                        errors.add("INVALID_JSON_PATH: " + r.op + " must be a valid JSONPath at " + at + "/" + r.op);
                    } else {
                        r.valuePath = JsonPath.compile(val.asText());
                    }
                } else if (r.op.startsWith("Is") || r.op.equals("BooleanEquals")) {
                    if (!val.isBoolean()) {
                        errors.add("SCHEMA_VALIDATION_FAILED: " + r.op + " must be a boolean at " + at + "/" + r.op);
                    }
                } else if (r.op.startsWith("String")) {
                    if (!val.isTextual()) {
                        errors.add("SCHEMA_VALIDATION_FAILED: " + r.op + " must be a string at " + at + "/" + r.op);
                    }
                } else if (r.op.startsWith("Numeric")) {
                    if (!val.isNumber()) {
                        errors.add("SCHEMA_VALIDATION_FAILED: " + r.op + " must be a number at " + at + "/" + r.op);
                    }
                } else if (r.op.startsWith("Timestamp")) {
                    if (!val.isTextual() || timestamp(val.asText()) == null) {
                        errors.add("SCHEMA_VALIDATION_FAILED: " + r.op + " must be an RFC 3339 timestamp at " + at + "/" + r.op);
                    }
                }
                r.value = val;
            }
        }
        return r;
    }

    private static void waitState(State s, JsonNode n, String at, List<String> errors) {
        int count = 0;
        for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            if (n.has(f)) {
                count++;
            }
        }
        if (count != 1) {
            errors.add("SCHEMA_VALIDATION_FAILED: A Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath at " + at);
        }
        if (n.has("Seconds")) {
            JsonNode v = n.get("Seconds");
            if (!v.isIntegralNumber() || v.asLong() < 0) {
                errors.add("SCHEMA_VALIDATION_FAILED: Seconds must be a non-negative integer at " + at + "/Seconds");
            } else {
                s.seconds = v.asLong();
            }
        }
        if (n.has("Timestamp")) {
            JsonNode v = n.get("Timestamp");
            if (!v.isTextual() || timestamp(v.asText()) == null) {
                errors.add("SCHEMA_VALIDATION_FAILED: Timestamp must be an RFC 3339 timestamp at " + at + "/Timestamp");
            } else {
                s.timestamp = v.asText();
            }
        }
        s.secondsPath = pathField(n, "SecondsPath", at, errors);
        s.timestampPath = pathField(n, "TimestampPath", at, errors);
    }

    private static void fail(State s, JsonNode n, String at, List<String> errors) {
        if (n.has("Error") && n.has("ErrorPath")) {
            errors.add("SCHEMA_VALIDATION_FAILED: Error and ErrorPath are mutually exclusive at " + at);
        }
        if (n.has("Cause") && n.has("CausePath")) {
            errors.add("SCHEMA_VALIDATION_FAILED: Cause and CausePath are mutually exclusive at " + at);
        }
        s.error = n.has("Error") ? n.get("Error").asText() : null;
        s.cause = n.has("Cause") ? n.get("Cause").asText() : null;
        s.errorPath = expr(n, "ErrorPath", at, errors);
        s.causePath = expr(n, "CausePath", at, errors);
    }

    private static Intrinsics.Expr expr(JsonNode n, String field, String at, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        try {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("must be a string");
            }
            return Intrinsics.looksLikeCall(v.asText()) ? Intrinsics.parse(v.asText())
                    : new Intrinsics.PathRef(JsonPath.compile(v.asText()));
        } catch (IllegalArgumentException e) {
            errors.add("INVALID_JSON_PATH: " + field + " must be a JSONPath or an intrinsic function (" + e.getMessage()
                    + ") at " + at + "/" + field);
            return null;
        }
    }

    private static void map(State s, JsonNode n, String at, List<String> errors) {
        JsonNode proc = n.has("ItemProcessor") ? n.get("ItemProcessor") : n.get("Iterator");
        String pat = at + (n.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
        if (n.has("ItemProcessor") && n.has("Iterator")) {
            errors.add("SCHEMA_VALIDATION_FAILED: ItemProcessor and Iterator are mutually exclusive at " + at);
        }
        if (n.has("ItemSelector") && n.has("Parameters")) {
            errors.add("SCHEMA_VALIDATION_FAILED: ItemSelector and Parameters are mutually exclusive at " + at);
        }
        if (proc == null || !proc.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'ItemProcessor' (or 'Iterator') is required at " + at);
        } else {
            JsonNode cfg = proc.get("ProcessorConfig");
            if (cfg != null) {
                JsonNode mode = cfg.get("Mode");
                if (mode != null && !"INLINE".equals(mode.asText())) {
                    errors.add("UNSUPPORTED_FEATURE: distributed Map (ProcessorConfig.Mode " + mode.asText()
                            + ", state '" + s.name + "') is not supported by the local engine; use Mode INLINE at "
                            + pat + "/ProcessorConfig/Mode");
                }
                for (String f : iter(cfg.fieldNames())) {
                    if (!f.equals("Mode")) {
                        errors.add("UNSUPPORTED_FEATURE: ProcessorConfig." + f + " belongs to distributed Map, which the local engine does not run at "
                                + pat + "/ProcessorConfig/" + f);
                    }
                }
            }
            for (String f : iter(proc.fieldNames())) {
                if (!Set.of("StartAt", "States", "ProcessorConfig", "Comment").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in an ItemProcessor at " + pat + "/" + f);
                }
            }
            s.processor = machine(proc, pat, errors);
        }
        s.itemsPath = path(n, "ItemsPath", at, false, errors);
        if (s.itemsPath == null) {
            errors.add("SCHEMA_VALIDATION_FAILED: ItemsPath must not be null at " + at + "/ItemsPath");
            s.itemsPath = "$";
        }
        JsonNode sel = n.has("ItemSelector") ? n.get("ItemSelector") : n.get("Parameters");
        if (sel != null) {
            s.itemSelector = Template.compile(sel, at + (n.has("ItemSelector") ? "/ItemSelector" : "/Parameters"), errors);
        }
        s.maxConcurrency = positiveInt(n, "MaxConcurrency", at, true, errors);
        s.maxConcurrencyPath = pathField(n, "MaxConcurrencyPath", at, errors);
        s.toleratedFailureCount = positiveInt(n, "ToleratedFailureCount", at, true, errors);
        s.toleratedFailureCountPath = pathField(n, "ToleratedFailureCountPath", at, errors);
        s.toleratedFailurePercentagePath = pathField(n, "ToleratedFailurePercentagePath", at, errors);
        if (n.has("ToleratedFailurePercentage")) {
            JsonNode p = n.get("ToleratedFailurePercentage");
            if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 100) {
                errors.add("SCHEMA_VALIDATION_FAILED: ToleratedFailurePercentage must be a number from 0 to 100 at "
                        + at + "/ToleratedFailurePercentage");
            } else {
                s.toleratedFailurePercentage = p.asDouble();
            }
        }
        for (String[] pair : new String[][] {{"MaxConcurrency", "MaxConcurrencyPath"},
                {"ToleratedFailureCount", "ToleratedFailureCountPath"},
                {"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"}}) {
            if (n.has(pair[0]) && n.has(pair[1])) {
                errors.add("SCHEMA_VALIDATION_FAILED: " + pair[0] + " and " + pair[1] + " are mutually exclusive at " + at);
            }
        }
    }
}
