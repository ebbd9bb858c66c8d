package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.sfn.Asl.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the fields particular to each state type once {@link AslParser} has read the
 * common ones: Task (Resource, timeouts and heartbeats), Choice (rules, And/Or/Not, comparison
 * operators and their operands), Wait (exactly one of Seconds/Timestamp/SecondsPath/TimestampPath),
 * Fail (Error/Cause and their intrinsic paths) and inline Map (ItemProcessor, ItemsPath,
 * ItemSelector, concurrency and tolerated failures; Distributed mode in {@link DistributedMapParser}). Problems are added
 * to the caller's error list.
 */
final class AslStateParser {

    private AslStateParser() {
    }

    static void task(StateDraft s, JsonNode n, String at, List<String> errors) {
        JsonNode r = n.get("Resource");
        if (r == null) {
            errors.add("SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at " + AslParser.loc(at));
        } else if (!r.isTextual()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Resource' must be a string at " + at + "/Resource");
        } else {
            s.resource = AslResources.resource(r.asText(), s, at + "/Resource", errors);
        }
        s.timeoutSeconds = AslParser.positiveInt(n, "TimeoutSeconds", at, false, errors);
        s.heartbeatSeconds = AslParser.positiveInt(n, "HeartbeatSeconds", at, false, errors);
        s.timeoutSecondsPath = AslParser.pathField(n, "TimeoutSecondsPath", at, errors);
        s.heartbeatSecondsPath = AslParser.pathField(n, "HeartbeatSecondsPath", at, errors);
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

    static void choice(StateDraft s, JsonNode n, String at, List<String> errors) {
        JsonNode cs = n.get("Choices");
        if (cs == null) {
            errors.add("SCHEMA_VALIDATION_FAILED: These fields are required: [Choices] at " + AslParser.loc(at));
            return;
        }
        if (!cs.isArray() || cs.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Choices' must be a non-empty array at " + at + "/Choices");
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

    static ChoiceRule rule(JsonNode n, String at, boolean top, List<String> errors) {
        ChoiceRule r = new ChoiceRule();
        if (!n.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: A Choice rule must be a JSON object at " + at);
            return r;
        }
        List<String> ops = new ArrayList<>();
        for (String f : AslParser.iter(n.fieldNames())) {
            if (Asl.COMPARISONS.contains(f) || f.equals("And") || f.equals("Or") || f.equals("Not")) {
                ops.add(f);
            } else if (f.equals("Condition") || f.equals("Output")) {
                errors.add(JsonataStates.jsonataOnly(f, at));
            } else if (top && f.equals("Assign")) {
                continue;
            } else if (AslParser.REFUSED.containsKey(f)) {
                errors.add("UNSUPPORTED_FEATURE: " + AslParser.REFUSED.get(f) + " at " + at + "/" + f);
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
                    String path = Variables.path(var.asText());
                    String problem = JsonPathParser.notReference(path, true, at + "/Variable");
                    if (problem != null) {
                        errors.add(problem);
                    } else {
                        r.variable = JsonPath.compile(path);
                        r.variableName = Variables.name(var.asText());
                    }
                }
                if (r.op.endsWith("Path")) {
                    String problem = val.isTextual() ? JsonPathParser.notReference(Variables.path(val.asText()), true, at + "/" + r.op)
                            : JsonPathParser.invalid(at + "/" + r.op);
                    if (problem != null) {
                        errors.add(problem);
                    } else {
                        r.valuePath = JsonPath.compile(Variables.path(val.asText()));
                        r.valueVariableName = Variables.name(val.asText());
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
                    if (!val.isTextual() || Asl.timestamp(val.asText()) == null) {
                        errors.add("SCHEMA_VALIDATION_FAILED: " + AslParser.NOT_RFC3339 + " at " + at + "/" + r.op);
                    }
                }
                r.value = val;
            }
        }
        return r;
    }

    static void waitState(StateDraft s, JsonNode n, String at, List<String> errors) {
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
            if (!v.isTextual() || Asl.timestamp(v.asText()) == null) {
                errors.add("SCHEMA_VALIDATION_FAILED: " + AslParser.NOT_RFC3339 + " at " + at + "/Timestamp");
            } else {
                s.timestamp = v.asText();
            }
        }
        s.secondsPath = AslParser.pathField(n, "SecondsPath", at, errors);
        s.timestampPath = AslParser.pathField(n, "TimestampPath", at, errors);
    }

    static void fail(StateDraft s, JsonNode n, String at, List<String> errors) {
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

    static Intrinsics.Expr expr(JsonNode n, String field, String at, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        try {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("must be a string");
            }
            return Intrinsics.looksLikeCall(v.asText()) ? Intrinsics.parse(v.asText())
                    : Variables.expr(v.asText());
        } catch (IllegalArgumentException e) {
            errors.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a valid JSONPath or a valid intrinsic function call (" + e.getMessage()
                    + ") at " + at + "/" + field);
            return null;
        }
    }

    static void map(StateDraft s, JsonNode n, String at, List<String> errors) {
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
            DistributedMapParser.parse(s, n, proc, at, pat, errors);
            for (String f : AslParser.iter(proc.fieldNames())) {
                if (!Set.of("StartAt", "States", "ProcessorConfig", "Comment").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in an ItemProcessor at " + pat + "/" + f);
                }
            }
            s.processor = AslParser.machine(proc, pat, errors);
        }
        s.itemsPath = AslParser.path(n, "ItemsPath", at, false, errors);
        if (s.itemsPath != null && JsonPath.isValid(s.itemsPath)) {
            String notReference = JsonPathParser.notReference(s.itemsPath, true, at + "/ItemsPath");
            if (notReference != null) {
                errors.add(notReference);
            }
        }
        if (s.itemsPath == null) {
            errors.add("SCHEMA_VALIDATION_FAILED: ItemsPath must not be null at " + at + "/ItemsPath");
            s.itemsPath = "$";
        }
        JsonNode sel = n.has("ItemSelector") ? n.get("ItemSelector") : n.get("Parameters");
        if (sel != null) {
            s.itemSelector = Template.compile(sel, at + (n.has("ItemSelector") ? "/ItemSelector" : "/Parameters"), errors);
        }
        s.maxConcurrency = AslParser.positiveInt(n, "MaxConcurrency", at, true, errors);
        s.maxConcurrencyPath = AslParser.pathField(n, "MaxConcurrencyPath", at, errors);
        s.toleratedFailureCount = AslParser.positiveInt(n, "ToleratedFailureCount", at, true, errors);
        s.toleratedFailureCountPath = AslParser.pathField(n, "ToleratedFailureCountPath", at, errors);
        s.toleratedFailurePercentagePath = AslParser.pathField(n, "ToleratedFailurePercentagePath", at, errors);
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
