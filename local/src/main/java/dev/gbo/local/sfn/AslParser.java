package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.sfn.Asl.*;
import dev.gbo.local.core.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates an Amazon States Language definition into the {@link Asl} model: the
 * top-level members, each state's type and the fields it may carry (refusing the features this
 * engine does not run with the reason), transitions and reachability, paths, Parameters/
 * ResultSelector templates, Retry and Catch. Every problem is collected as a diagnostic
 * ({@code CODE: message at /json/pointer}) and reported together through {@link Asl#invalid}. The
 * per-type fields are read by {@link AslStateParser}, Task resources by {@link AslResources}.
 */
final class AslParser {

    private static final Set<String> COMMON = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath",
            "QueryLanguage");
    private static final Map<Type, Set<String>> FIELDS = Map.of(
            Type.Task, Set.of("Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Assign"),
            Type.Pass, Set.of("Result", "ResultPath", "Parameters", "Assign"),
            Type.Choice, Set.of("Choices", "Default", "Assign"),
            Type.Wait, Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign"),
            Type.Succeed, Set.of(),
            Type.Fail, Set.of("Error", "Cause", "ErrorPath", "CausePath"),
            Type.Parallel, Set.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "Assign"),
            Type.Map, Set.of("Iterator", "ItemProcessor", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency",
                    "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath",
                    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ResultSelector", "ResultPath",
                    "Retry", "Catch", "Assign", "ItemReader", "ItemBatcher", "ResultWriter", "Label"));

    /** Fields AWS knows that this engine refuses, with the reason given to the user. */
    static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("Credentials", "cross-account task Credentials are not supported by the local engine"));

    /** AWS's diagnostic for a Timestamp (Wait, Choice Timestamp* operators) that is not an RFC 3339 timestamp. */
    static final String NOT_RFC3339 = "String does not match RFC3339 timestamp";

    private AslParser() {
    }

    /**
     * AWS's diagnostic for a definition that is not JSON: Jackson's message with its location, as AWS's parser
     * reports it ({@code Unrecognized token 'not': was expecting (...)\n at [Source: (String)"not a definition";
     * line: 1, column: 4]}); ValidateStateMachineDefinition gives the bracketed part as the location.
     */
    static String notJson(String definition, Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            com.fasterxml.jackson.core.JsonLocation loc = j.getLocation();
            int column = loc.getColumnNr();
            String msg = j.getOriginalMessage();
            java.util.regex.Matcher bad = java.util.regex.Pattern.compile("^Unrecognized token '([^']*)'").matcher(msg);
            if (bad.find()) {
                column += bad.group(1).length(); // AWS's parser reports the position after the bad token
            }
            String src = definition.length() > 500
                    ? definition.substring(0, 500) + "\"[truncated " + (definition.length() - 500) + " chars]"
                    : definition + "\"";
            return "INVALID_JSON_DESCRIPTION: " + msg + "\n at [Source: (String)\"" + src + "; line: "
                    + loc.getLineNr() + ", column: " + column + "]";
        }
        return "INVALID_JSON_DESCRIPTION: " + firstLine(e.getMessage());
    }

    /** A location for a diagnostic about the object at {@code at} (the root, or a single state, is "/"). */
    static String loc(String at) {
        return at.isEmpty() ? "/" : at;
    }

    /** AWS's diagnostic for an empty definition or JSON that is not an object. */
    static final String NOT_AN_OBJECT = "SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object";

    /** A parsed definition and every diagnostic found ({@code CODE: message at /json/pointer}); valid when none. */
    record Checked(Machine machine, List<String> errors) {
    }

    /** Parses and validates; InvalidDefinition listing every problem found. */
    static Machine parse(String definition) {
        Checked c = check(definition);
        if (!c.errors().isEmpty()) {
            throw Asl.invalid(c.errors());
        }
        return c.machine();
    }

    /** Parses and validates, collecting every diagnostic instead of throwing (ValidateStateMachineDefinition). */
    static Checked check(String definition) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(definition);
        } catch (Exception e) {
            return new Checked(null, List.of(notJson(definition, e)));
        }
        if (root == null || !root.isObject()) {
            return new Checked(null, List.of(NOT_AN_OBJECT));
        }
        List<String> errors = new ArrayList<>();
        for (String f : iter(root.fieldNames())) {
            if (!Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage").contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: Field '" + f + "' is not supported at /");
            }
        }
        JsonataStates.propagate(root, errors);
        JsonNode v = root.get("Version");
        if (v != null && !"1.0".equals(v.asText())) {
            errors.add("SCHEMA_VALIDATION_FAILED: Version must be \"1.0\" at /Version");
        }
        Machine m = machine(root, "", errors);
        JsonataStates.checkScopes(m, Set.of(), "", errors);
        JsonNode t = root.get("TimeoutSeconds");
        if (t != null) {
            if (!t.canConvertToInt() || !t.isIntegralNumber() || t.asInt() <= 0) {
                errors.add("SCHEMA_VALIDATION_FAILED: TimeoutSeconds must be a positive integer at /TimeoutSeconds");
            } else {
                m.timeoutSeconds = t.asInt();
            }
        }
        return new Checked(m, errors);
    }

    /** Next and End of a state of either query language: their types, and that exactly one is given where one is needed. */
    static void transitions(StateDraft s, JsonNode n, String at, List<String> errors) {
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
        if (s.type != Type.Choice && s.type != Type.Succeed && s.type != Type.Fail) {
            if (s.next != null && s.end) {
                errors.add("SCHEMA_VALIDATION_FAILED: 'Next' and 'End' are mutually exclusive at " + at);
            } else if (s.next == null && !s.end) {
                errors.add("MISSING_TRANSITION_TARGET: State '" + s.name + "' has neither 'Next' nor 'End: true' at " + at);
            }
        }
    }

    static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    static Iterable<String> iter(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    static Machine machine(JsonNode node, String at, List<String> errors) {
        Machine m = new Machine();
        JsonNode start = node.get("StartAt");
        JsonNode states = node.get("States");
        // AWS: "These fields are required: [States, StartAt] at /"
        List<String> missing = new ArrayList<>();
        if (states == null) {
            missing.add("States");
        }
        if (start == null) {
            missing.add("StartAt");
        }
        if (!missing.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: These fields are required: " + missing + " at " + loc(at));
        }
        if (start != null && !start.isTextual()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'StartAt' must be a string at " + at + "/StartAt");
        } else if (start != null) {
            m.startAt = start.asText();
        }
        if (states == null) {
            return m;
        }
        if (!states.isObject() || states.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'States' is required and must be a non-empty object at " + at + "/States");
            return m;
        }
        Map<String, StateDraft> drafts = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            String name = e.getKey();
            if (name.isEmpty() || name.length() > 80) {
                errors.add("SCHEMA_VALIDATION_FAILED: State names must be 1 to 80 characters at " + at + "/States/" + name);
            }
            if (!e.getValue().isObject()) {
                errors.add("SCHEMA_VALIDATION_FAILED: The state '" + name + "' must be a JSON object at " + at + "/States/" + name);
                continue;
            }
            drafts.put(name, state(name, e.getValue(), at + "/States/" + name, errors));
        }
        for (StateDraft d : drafts.values()) {
            Asl.State built = d.build();
            if (built != null) {
                m.states.put(d.name, built);
            }
        }
        if (m.startAt != null && !drafts.containsKey(m.startAt)) {
            errors.add("MISSING_TRANSITION_TARGET: State \"" + m.startAt + "\" is not found at " + at + "/StartAt");
        }
        for (StateDraft s : drafts.values()) {
            String sat = at + "/States/" + s.name;
            check(drafts, s.next, sat + "/Next", errors);
            check(drafts, s.defaultNext, sat + "/Default", errors);
            for (int i = 0; i < s.choices.size(); i++) {
                check(drafts, s.choices.get(i).next, sat + "/Choices[" + i + "]/Next", errors);
            }
            for (int i = 0; i < s.catchers.size(); i++) {
                check(drafts, s.catchers.get(i).next(), sat + "/Catch[" + i + "]/Next", errors);
            }
        }
        // reachability
        if (m.startAt != null && drafts.containsKey(m.startAt) && errors.isEmpty()) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>();
            todo.add(m.startAt);
            while (!todo.isEmpty()) {
                String n = todo.poll();
                StateDraft s = drafts.get(n);
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
            for (String n : drafts.keySet()) {
                if (!seen.contains(n)) {
                    errors.add("MISSING_TRANSITION_TARGET: State \"" + n + "\" is not reachable at " + at + "/States/" + n);
                }
            }
        }
        return m;
    }

    static void check(Map<String, StateDraft> drafts, String target, String at, List<String> errors) {
        if (target != null && !drafts.containsKey(target)) {
            errors.add("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + target + " at " + at);
        }
    }

    static StateDraft state(String name, JsonNode n, String at, List<String> errors) {
        StateDraft s = new StateDraft();
        s.name = name;
        JsonNode typeNode = n.get("Type");
        try {
            s.type = typeNode == null ? null : Type.valueOf(typeNode.asText());
        } catch (IllegalArgumentException e) {
            s.type = null;
        }
        if (s.type == null) {
            errors.add(typeNode == null ? "SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at " + loc(at)
                    : "SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: "
                            + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at " + at + "/Type");
            return s;
        }
        if (JsonataStates.jsonata(n)) {
            JsonataStates.parse(s, n, at, errors);
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
            } else if (JsonataStates.JSONATA_ONLY.contains(f)) {
                errors.add(JsonataStates.jsonataOnly(f, at));
            } else if (!allowed.contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: Field '" + f + "' is not supported at " + loc(at));
            }
        }
        transitions(s, n, at, errors);
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
            case Task -> AslStateParser.task(s, n, at, errors);
            case Pass -> s.result = n.get("Result");
            case Choice -> AslStateParser.choice(s, n, at, errors);
            case Wait -> AslStateParser.waitState(s, n, at, errors);
            case Fail -> AslStateParser.fail(s, n, at, errors);
            case Parallel -> {
                JsonNode b = n.get("Branches");
                if (b == null) {
                    errors.add("SCHEMA_VALIDATION_FAILED: These fields are required: [Branches] at " + loc(at));
                } else if (!b.isArray() || b.isEmpty()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field 'Branches' must be a non-empty array at " + at + "/Branches");
                } else {
                    List<Machine> list = new ArrayList<>();
                    for (int i = 0; i < b.size(); i++) {
                        list.add(machine(b.get(i), at + "/Branches[" + i + "]", errors));
                    }
                    s.branches = list;
                }
            }
            case Map -> AslStateParser.map(s, n, at, errors);
            default -> {
            }
        }
        JsonataStates.assignField(s, n, at, errors);
        return s;
    }

    static String path(JsonNode n, String field, String at, boolean reference, List<String> errors) {
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
        String text = reference ? v.asText() : Variables.path(v.asText());
        String problem = reference ? JsonPathParser.notReference(text, false, at + "/" + field)
                : JsonPath.isValid(text) ? null : JsonPathParser.invalid(at + "/" + field);
        if (problem != null) {
            errors.add(problem);
        }
        return v.asText();
    }

    static String pathField(JsonNode n, String field, String at, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || !JsonPath.isValid(Variables.path(v.asText()))) {
            errors.add(JsonPathParser.invalid(at + "/" + field));
            return null;
        }
        return v.asText();
    }

    static Integer positiveInt(JsonNode n, String field, String at, boolean allowZero, List<String> errors) {
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

    static List<String> errorList(JsonNode c, String at, List<String> errors) {
        JsonNode e = c.get("ErrorEquals");
        List<String> list = new ArrayList<>();
        if (e == null) {
            errors.add("SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals] at " + at);
            return list;
        } else if (!e.isArray() || e.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: ErrorEquals must be a non-empty array at " + at + "/ErrorEquals");
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

    static List<Retrier> retriers(JsonNode r, String at, List<String> errors) {
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

    static List<Catcher> catchers(JsonNode r, String at, List<String> errors) {
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
                } else if (!Set.of("ErrorEquals", "Next", "ResultPath", "Comment", "Assign").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in a Catcher at " + cat + "/" + f);
                }
            }
            List<String> ee = errorList(c, cat, errors);
            if (ee.contains(StatesError.ALL) && i != r.size() - 1) {
                errors.add("SCHEMA_VALIDATION_FAILED: A Catcher with States.ALL must be the last Catcher at " + cat);
            }
            JsonNode next = c.get("Next");
            if (next == null) {
                errors.add("SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at " + cat);
            } else if (!next.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field 'Next' must be a string at " + cat + "/Next");
            }
            String rp = path(c, "ResultPath", cat, true, errors);
            out.add(new Catcher(ee, next == null ? null : next.asText(), rp));
        }
        return out;
    }
}
