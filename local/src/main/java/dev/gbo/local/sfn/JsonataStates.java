package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Asl.ChoiceRule;
import dev.gbo.local.sfn.Asl.Machine;
import dev.gbo.local.sfn.Asl.State;
import dev.gbo.local.sfn.Asl.Type;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * JSONata states and variables: the definition side (QueryLanguage inheritance, the fields a JSONata
 * state of each type may have, the JSONPath-only fields it may not, {@code {% %}} expressions,
 * Assign in both languages, the variable scopes of Parallel branches and Map iterations) and the
 * run side (each state type's JSONata data flow: Arguments, Output, Condition, Items, ItemSelector,
 * the numeric and timestamp fields, Error/Cause, Catch Output; Assign, whose values every state
 * takes into its Exited event).
 *
 * <p>{@code $states.input} is available in every field; {@code $states.result} in the Output and
 * Assign of Task, Parallel and Map; {@code $states.errorOutput} in a Catcher's Output and Assign;
 * {@code $states.context} everywhere (with {@code Map.Item} in a Map's ItemSelector).
 */
final class JsonataStates {

    static final String JSONATA = "JSONata";
    static final String JSONPATH = "JSONPath";

    /** JSONPath-only fields, refused in JSONata states. */
    private static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector",
            "ResultPath", "Result", "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath",
            "HeartbeatSecondsPath", "ErrorPath", "CausePath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath");
    /** JSONata-only fields, refused in JSONPath states. */
    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    private static final Set<String> COMMON = Set.of("Type", "Comment", "Next", "End", "QueryLanguage", "Output", "Assign");
    private static final Map<Type, Set<String>> FIELDS = Map.of(
            Type.Task, Set.of("Resource", "Arguments", "Retry", "Catch", "TimeoutSeconds", "HeartbeatSeconds"),
            Type.Pass, Set.of(),
            Type.Choice, Set.of("Choices", "Default"),
            Type.Wait, Set.of("Seconds", "Timestamp"),
            Type.Succeed, Set.of(),
            Type.Fail, Set.of("Error", "Cause"),
            Type.Parallel, Set.of("Branches", "Arguments", "Retry", "Catch"),
            Type.Map, Set.of("ItemProcessor", "Iterator", "Items", "ItemSelector", "MaxConcurrency",
                    "ToleratedFailureCount", "ToleratedFailurePercentage", "Retry", "Catch", "ItemReader", "ItemBatcher",
                    "ResultWriter", "Label"));

    private JsonataStates() {
    }

    // ================================================================== definition

    /**
     * Gives every state without a QueryLanguage the machine's (states of branches and item processors
     * included: they inherit the top level's, as on AWS), and checks the values: JSONPath or JSONata,
     * and no JSONPath state in a JSONata machine. Works on the definition's JSON tree before parsing.
     */
    static void propagate(JsonNode root, List<String> errors) {
        JsonNode ql = root.get("QueryLanguage");
        String top = JSONPATH;
        if (ql != null) {
            if (!ql.isTextual() || !(ql.asText().equals(JSONPATH) || ql.asText().equals(JSONATA))) {
                errors.add("SCHEMA_VALIDATION_FAILED: QueryLanguage must be one of JSONPath, JSONata at /QueryLanguage");
            } else {
                top = ql.asText();
            }
        }
        states(root, "", top, errors);
    }

    private static void states(JsonNode machine, String at, String top, List<String> errors) {
        JsonNode states = machine == null ? null : machine.get("States");
        if (states == null || !states.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            if (!(e.getValue() instanceof ObjectNode n)) {
                continue;
            }
            String sat = at + "/States/" + e.getKey();
            JsonNode ql = n.get("QueryLanguage");
            if (ql == null) {
                n.put("QueryLanguage", top);
            } else if (!ql.isTextual() || !(ql.asText().equals(JSONPATH) || ql.asText().equals(JSONATA))) {
                errors.add("SCHEMA_VALIDATION_FAILED: QueryLanguage must be one of JSONPath, JSONata at " + sat + "/QueryLanguage");
                n.put("QueryLanguage", top);
            } else if (top.equals(JSONATA) && ql.asText().equals(JSONPATH)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The state '" + e.getKey()
                        + "' cannot use the JSONPath query language in a state machine whose QueryLanguage is JSONata at "
                        + sat + "/QueryLanguage");
            }
            JsonNode branches = n.get("Branches");
            if (branches != null && branches.isArray()) {
                for (int i = 0; i < branches.size(); i++) {
                    states(branches.get(i), sat + "/Branches[" + i + "]", top, errors);
                }
            }
            for (String p : List.of("ItemProcessor", "Iterator")) {
                if (n.has(p)) {
                    states(n.get(p), sat + "/" + p, top, errors);
                }
            }
        }
    }

    static boolean jsonata(JsonNode state) {
        return JSONATA.equals(state.path("QueryLanguage").asText());
    }

    /** The message for a JSONata-only field in a JSONPath state. */
    static String jsonataOnly(String field, String at) {
        return "SCHEMA_VALIDATION_FAILED: The field '" + field
                + "' is supported only in states whose QueryLanguage is JSONata at " + at + "/" + field;
    }

    /** Parses a JSONata state (its Type is known); transitions, Retry and the state-type fields. */
    static void parse(StateDraft s, JsonNode n, String at, List<String> errors) {
        QueryFields q = s.q;
        q.jsonata = true;
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(FIELDS.get(s.type));
        if (s.type == Type.Fail) {
            allowed.removeAll(Set.of("Next", "End", "Output", "Assign"));
        }
        if (s.type == Type.Succeed) {
            allowed.removeAll(Set.of("Next", "End", "Assign"));
        }
        if (s.type == Type.Choice) {
            allowed.removeAll(Set.of("Next", "End"));
        }
        for (String f : AslParser.iter(n.fieldNames())) {
            if (JSONPATH_ONLY.contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in states whose QueryLanguage is "
                        + "JSONata (use Arguments, Output and Assign) at " + at + "/" + f);
            } else if (AslParser.REFUSED.containsKey(f)) {
                errors.add("UNSUPPORTED_FEATURE: " + AslParser.REFUSED.get(f) + " (state '" + s.name + "') at " + at + "/" + f);
            } else if (!allowed.contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported for state type '" + s.type
                        + "' at " + at + "/" + f);
            }
        }
        AslParser.transitions(s, n, at, errors);
        if (n.has("Output") && allowed.contains("Output")) {
            q.output = Jsonata.Template.compile(n.get("Output"), at + "/Output", errors);
        }
        if (n.has("Assign") && allowed.contains("Assign")) {
            q.assign = assign(s, n.get("Assign"), at + "/Assign", true, errors);
        }
        if (n.has("Arguments") && allowed.contains("Arguments")) {
            JsonNode a = n.get("Arguments");
            if (!a.isObject() && !Jsonata.isExpression(a)) {
                errors.add("SCHEMA_VALIDATION_FAILED: Arguments must be a JSON object or a JSONata expression at " + at + "/Arguments");
            } else {
                q.arguments = Jsonata.Template.compile(a, at + "/Arguments", errors);
            }
        }
        if (n.has("Retry") && allowed.contains("Retry")) {
            s.retry = AslParser.retriers(n.get("Retry"), at + "/Retry", errors);
        }
        if (n.has("Catch") && allowed.contains("Catch")) {
            s.catchers = catchers(s, n.get("Catch"), at + "/Catch", errors);
        }
        switch (s.type) {
            case Task -> {
                ObjectNode only = Json.object();
                if (n.has("Resource")) {
                    only.set("Resource", n.get("Resource"));
                }
                AslStateParser.task(s, only, at, errors);
                q.timeoutSeconds = number(n, "TimeoutSeconds", at, errors);
                q.heartbeatSeconds = number(n, "HeartbeatSeconds", at, errors);
                if (n.path("TimeoutSeconds").isIntegralNumber() && n.path("HeartbeatSeconds").isIntegralNumber()
                        && n.get("HeartbeatSeconds").asLong() >= n.get("TimeoutSeconds").asLong()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds at " + at + "/HeartbeatSeconds");
                }
            }
            case Choice -> choice(s, n, at, errors);
            case Wait -> {
                int count = (n.has("Seconds") ? 1 : 0) + (n.has("Timestamp") ? 1 : 0);
                if (count != 1) {
                    errors.add("SCHEMA_VALIDATION_FAILED: A Wait state needs exactly one of Seconds, Timestamp at " + at);
                }
                q.seconds = number(n, "Seconds", at, errors);
                if (n.has("Timestamp")) {
                    JsonNode t = n.get("Timestamp");
                    if (!Jsonata.isExpression(t) && (!t.isTextual() || Asl.timestamp(t.asText()) == null)) {
                        errors.add("SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at " + at + "/Timestamp");
                    } else {
                        q.timestamp = Jsonata.Template.compile(t, at + "/Timestamp", errors);
                    }
                }
            }
            case Fail -> {
                q.error = string(n, "Error", at, errors);
                q.cause = string(n, "Cause", at, errors);
            }
            case Parallel -> {
                JsonNode b = n.get("Branches");
                if (b == null || !b.isArray() || b.isEmpty()) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field 'Branches' is required and must be a non-empty array at "
                            + at + "/Branches");
                } else {
                    List<Machine> list = new ArrayList<>();
                    for (int i = 0; i < b.size(); i++) {
                        list.add(AslParser.machine(b.get(i), at + "/Branches[" + i + "]", errors));
                    }
                    s.branches = list;
                }
            }
            case Map -> {
                ObjectNode only = Json.object();
                for (String f : List.of("ItemProcessor", "Iterator", "ItemReader", "ItemBatcher", "ResultWriter", "Label")) {
                    if (n.has(f)) {
                        only.set(f, n.get(f));
                    }
                }
                AslStateParser.map(s, only, at, errors); // distributed fields: DistributedMapParser (JSONata forms)
                if (n.has("Items") && n.has("ItemReader")) {
                    errors.add("SCHEMA_VALIDATION_FAILED: Items and ItemReader are mutually exclusive at " + at);
                }
                if (n.has("Items")) {
                    JsonNode it = n.get("Items");
                    if (!it.isArray() && !Jsonata.isExpression(it)) {
                        errors.add("SCHEMA_VALIDATION_FAILED: Items must be a JSON array or a JSONata expression at " + at + "/Items");
                    } else {
                        q.items = Jsonata.Template.compile(it, at + "/Items", errors);
                    }
                }
                if (n.has("ItemSelector")) {
                    q.itemSelector = Jsonata.Template.compile(n.get("ItemSelector"), at + "/ItemSelector", errors);
                }
                q.maxConcurrency = number(n, "MaxConcurrency", at, errors);
                q.toleratedFailureCount = number(n, "ToleratedFailureCount", at, errors);
                q.toleratedFailurePercentage = number(n, "ToleratedFailurePercentage", at, errors);
            }
            default -> {
            }
        }
    }

    /** A field that is a number or a JSONata expression (TimeoutSeconds, Seconds, MaxConcurrency, ...). */
    private static Jsonata.Template number(JsonNode n, String field, String at, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (Jsonata.isExpression(v)) {
            return Jsonata.Template.compile(v, at + "/" + field, errors);
        }
        boolean percentage = field.equals("ToleratedFailurePercentage");
        boolean ok = percentage ? v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 100
                : v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= (field.endsWith("Seconds") && !field.equals("Seconds") ? 1 : 0);
        if (!ok) {
            errors.add("SCHEMA_VALIDATION_FAILED: " + field + " must be " + (percentage ? "a number from 0 to 100"
                    : field.endsWith("Seconds") && !field.equals("Seconds") ? "a positive integer" : "a non-negative integer")
                    + " or a JSONata expression at " + at + "/" + field);
            return null;
        }
        return Jsonata.Template.compile(v, at + "/" + field, errors);
    }

    private static Jsonata.Template string(JsonNode n, String field, String at, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a string or a JSONata expression at " + at + "/" + field);
            return null;
        }
        return Jsonata.Template.compile(v, at + "/" + field, errors);
    }

    private static void choice(StateDraft s, JsonNode n, String at, List<String> errors) {
        JsonNode cs = n.get("Choices");
        if (cs == null || !cs.isArray() || cs.isEmpty()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Choices' is required and must be a non-empty array at " + at + "/Choices");
            return;
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            JsonNode c = cs.get(i);
            String cat = at + "/Choices[" + i + "]";
            ChoiceRule r = new ChoiceRule();
            r.op = "Condition";
            rules.add(r);
            if (!c.isObject()) {
                errors.add("SCHEMA_VALIDATION_FAILED: A Choice rule must be a JSON object at " + cat);
                s.q.rules.add(new QueryFields.Rule(null, null, null));
                continue;
            }
            for (String f : AslParser.iter(c.fieldNames())) {
                if (Asl.COMPARISONS.contains(f) || Set.of("And", "Or", "Not", "Variable").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in states whose QueryLanguage is "
                            + "JSONata (use Condition) at " + cat + "/" + f);
                } else if (!Set.of("Condition", "Next", "Comment", "Assign", "Output").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in a Choice rule at " + cat + "/" + f);
                }
            }
            JsonNode cond = c.get("Condition");
            Jsonata.Template condition = null;
            if (cond == null || !(cond.isBoolean() || Jsonata.isExpression(cond))) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field 'Condition' is required and must be a boolean or a JSONata expression at "
                        + cat + "/Condition");
            } else {
                condition = Jsonata.Template.compile(cond, cat + "/Condition", errors);
            }
            JsonNode next = c.get("Next");
            if (next == null || !next.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field 'Next' is required in a top-level Choice rule at " + cat);
            } else {
                r.next = next.asText();
            }
            QueryFields.Assign a = c.has("Assign") ? assign(s, c.get("Assign"), cat + "/Assign", true, errors) : null;
            Jsonata.Template out = c.has("Output") ? Jsonata.Template.compile(c.get("Output"), cat + "/Output", errors) : null;
            s.q.rules.add(new QueryFields.Rule(condition, a, out));
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

    private static List<Asl.Catcher> catchers(StateDraft s, JsonNode r, String at, List<String> errors) {
        List<Asl.Catcher> out = new ArrayList<>();
        if (!r.isArray()) {
            errors.add("SCHEMA_VALIDATION_FAILED: Catch must be an array at " + at);
            return out;
        }
        for (int i = 0; i < r.size(); i++) {
            JsonNode c = r.get(i);
            String cat = at + "[" + i + "]";
            for (String f : AslParser.iter(c.fieldNames())) {
                if (f.equals("ResultPath")) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field 'ResultPath' is not supported in states whose QueryLanguage is "
                            + "JSONata (use Output) at " + cat + "/ResultPath");
                } else if (!Set.of("ErrorEquals", "Next", "Comment", "Assign", "Output").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in a Catcher at " + cat + "/" + f);
                }
            }
            List<String> ee = AslParser.errorList(c, cat, errors);
            if (ee.contains(StatesError.ALL) && i != r.size() - 1) {
                errors.add("SCHEMA_VALIDATION_FAILED: A Catcher with States.ALL must be the last Catcher at " + cat);
            }
            JsonNode next = c.get("Next");
            if (next == null || !next.isTextual()) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field 'Next' is required in a Catcher at " + cat + "/Next");
            }
            out.add(new Asl.Catcher(ee, next == null ? null : next.asText(), "$"));
            QueryFields.Assign a = c.has("Assign") ? assign(s, c.get("Assign"), cat + "/Assign", true, errors) : null;
            Jsonata.Template o = c.has("Output") ? Jsonata.Template.compile(c.get("Output"), cat + "/Output", errors) : null;
            s.q.catches.add(new QueryFields.Catch(a, o));
        }
        return out;
    }

    /** Compiles an Assign object (JSONata: {@code {% %}} values; JSONPath: {@code name.$} members), checking names. */
    static QueryFields.Assign assign(StateDraft s, JsonNode a, String at, boolean jsonata, List<String> errors) {
        if (!a.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: Assign must be a JSON object at " + at);
            return null;
        }
        for (String k : AslParser.iter(a.fieldNames())) {
            if (jsonata && k.endsWith(".$")) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field '" + k + "' ends with '.$', which JSONata states do not use at "
                        + at + "/" + k);
                continue;
            }
            String name = k.endsWith(".$") ? k.substring(0, k.length() - 2) : k;
            String why = Variables.invalidName(name);
            if (why != null) {
                errors.add("SCHEMA_VALIDATION_FAILED: The variable name '" + name + "' is invalid: it " + why + " at " + at + "/" + k);
            }
            s.q.assignedNames.add(name);
        }
        return jsonata ? new QueryFields.Assign(null, Jsonata.Template.compile(a, at, errors))
                : new QueryFields.Assign(Template.compile(a, at, errors), null);
    }

    /** Assign of a JSONPath state (state level), read by {@link AslParser}. */
    static void assignField(StateDraft s, JsonNode n, String at, List<String> errors) {
        if (n.has("Assign")) {
            s.q.assign = assign(s, n.get("Assign"), at + "/Assign", false, errors);
        }
        JsonNode catches = n.path("Catch");
        for (int i = 0; i < s.catchers.size() && i < catches.size(); i++) {
            JsonNode a = catches.get(i).get("Assign");
            s.q.catches.add(new QueryFields.Catch(a == null ? null : assign(s, a, at + "/Catch[" + i + "]/Assign", false, errors), null));
        }
        JsonNode choices = n.path("Choices");
        for (int i = 0; i < s.choices.size() && i < choices.size(); i++) {
            JsonNode a = choices.get(i).get("Assign");
            s.q.rules.add(new QueryFields.Rule(null, a == null ? null : assign(s, a, at + "/Choices[" + i + "]/Assign", false, errors), null));
        }
    }

    /**
     * The scope rule: a state in a Parallel branch or a Map's item processor may not assign a variable
     * that a state of an enclosing scope assigns.
     */
    static void checkScopes(Machine m, Set<String> outer, String at, List<String> errors) {
        if (m == null) {
            return;
        }
        Set<String> here = new HashSet<>(outer);
        for (State s : m.states.values()) {
            here.addAll(s.q().assignedNames);
        }
        for (State s : m.states.values()) {
            String sat = at + "/States/" + s.name();
            for (String name : s.q().assignedNames) {
                if (outer.contains(name)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The variable '" + name + "' is assigned in an outer scope; states in a "
                            + "Parallel branch or a Map iteration may read it but not assign it at " + sat + "/Assign");
                }
            }
            if (s instanceof Asl.Parallel p) {
                for (int i = 0; i < p.branches().size(); i++) {
                    checkScopes(p.branches().get(i), here, sat + "/Branches[" + i + "]", errors);
                }
            }
            if (s instanceof Asl.Map mp && mp.processor() != null) {
                checkScopes(mp.processor(), here, sat + "/ItemProcessor", errors);
            }
        }
    }

    // ================================================================== run

    /** The scope of an expression of {@code r}: {@code $states} and the variables as they were at entry. */
    static Jsonata.Scope scope(StateRun r, JsonNode result, JsonNode errorOutput, ObjectNode ctx) {
        ObjectNode states = Json.object();
        states.set("input", r.input);
        if (result != null) {
            states.set("result", result);
        }
        if (errorOutput != null) {
            states.set("errorOutput", errorOutput);
        }
        states.set("context", ctx != null ? ctx : r.context(null, null));
        Random random = r.random();
        return new Jsonata.Scope() {
            @Override
            public ObjectNode states() {
                return states;
            }

            @Override
            public JsonNode variable(String name) {
                return r.f.vars.get(name);
            }

            @Override
            public Random random() {
                return random;
            }
        };
    }

    private static JsonNode output(StateRun r, Jsonata.Template output, JsonNode dflt, Jsonata.Scope scope) {
        if (output == null) {
            return dflt;
        }
        return output.eval(scope, "Output");
    }

    /** Evaluates an Assign (either language) and keeps its values for the state's exit. */
    static void assign(StateRun r, QueryFields.Assign a, Jsonata.Scope scope, JsonNode pathDoc, ObjectNode ctx) {
        if (a == null) {
            return;
        }
        ObjectNode values;
        if (a.jsonata() != null) {
            values = (ObjectNode) a.jsonata().eval(scope, "Assign");
        } else {
            values = (ObjectNode) a.path().eval(r.env(pathDoc, ctx != null ? ctx : r.context(null, null)));
        }
        r.assignedText = r.f.vars.check(r, values);
        r.assigned = values;
    }

    /** JSONPath Assign of a state: {@code $} is the state's result (after ResultSelector) or effective input. */
    static void assignPath(StateRun r, JsonNode doc, ObjectNode ctx) {
        if (r.s.q().assign != null) {
            assign(r, r.s.q().assign, null, doc, ctx);
        }
    }

    // ------------------------------------------------------------------ states

    static void pass(Interpreter interp, StateRun r) {
        Jsonata.Scope scope = scope(r, null, null, null);
        JsonNode out = output(r, r.s.q().output, r.input, scope);
        assign(r, r.s.q().assign, scope, null, null);
        interp.exit(r, out, null);
    }

    static JsonNode succeed(StateRun r) {
        return output(r, r.s.q().output, r.input, scope(r, null, null, null));
    }

    static void choice(Interpreter interp, StateRun r) {
        Jsonata.Scope scope = scope(r, null, null, null);
        for (int i = 0; i < r.asChoice().choices().size(); i++) {
            QueryFields.Rule rule = r.s.q().rule(i);
            JsonNode v = rule.condition().eval(scope, "Condition");
            if (!v.isBoolean()) {
                throw r.error(Jsonata.QUERY_EVALUATION, "The Condition field of the Choice rule at index " + i
                        + " must evaluate to a boolean; it returned " + Json.write(v) + ".");
            }
            if (v.asBoolean()) {
                JsonNode out = output(r, rule.output(), r.input, scope);
                assign(r, rule.assign(), scope, null, null);
                interp.exit(r, out, r.asChoice().choices().get(i).next);
                return;
            }
        }
        if (r.asChoice().defaultNext() != null) {
            JsonNode out = output(r, r.s.q().output, r.input, scope);
            assign(r, r.s.q().assign, scope, null, null);
            interp.exit(r, out, r.asChoice().defaultNext());
            return;
        }
        throw new StatesError(StatesError.NO_CHOICE, "No Choice Rule matched and no Default is specified in the Choice state '"
                + r.s.name() + "'.");
    }

    static void waitState(Interpreter interp, StateRun r) {
        Jsonata.Scope scope = scope(r, null, null, null);
        Instant now = interp.clock().now();
        Instant until;
        if (r.s.q().seconds != null) {
            until = now.plusSeconds(integer(r, r.s.q().seconds, scope, "Seconds", 0, Integer.MAX_VALUE));
        } else {
            JsonNode v = r.s.q().timestamp.eval(scope, "Timestamp");
            OffsetDateTime t = v.isTextual() ? Asl.timestamp(v.asText()) : null;
            if (t == null) {
                throw r.error(Jsonata.QUERY_EVALUATION, "The Timestamp field must be an ISO-8601 extended offset date-time "
                        + "format string; it evaluated to " + Json.write(v) + ".");
            }
            until = t.toInstant();
        }
        JsonNode out = output(r, r.s.q().output, r.input, scope);
        assign(r, r.s.q().assign, scope, null, null);
        Duration delay = r.f.probe != null ? Duration.ZERO : Duration.between(now, until);
        r.f.schedule(delay.isNegative() ? Duration.ZERO : delay, "sfn wait " + r.s.name(), () -> interp.exit(r, out, null));
    }

    static StatesError fail(StateRun r) {
        Jsonata.Scope scope = scope(r, null, null, null);
        return new StatesError(text(r, r.s.q().error, scope, "Error"), text(r, r.s.q().cause, scope, "Cause"));
    }

    private static String text(StateRun r, Jsonata.Template t, Jsonata.Scope scope, String field) {
        if (t == null) {
            return null;
        }
        JsonNode v = t.eval(scope, field);
        if (!v.isTextual()) {
            throw r.error(Jsonata.QUERY_EVALUATION, "The " + field + " field must evaluate to a string; it returned "
                    + Json.write(v) + ".");
        }
        return v.asText();
    }

    /** A whole-number field (TimeoutSeconds, Seconds, MaxConcurrency, ...), within [min, max]. */
    static int integer(StateRun r, Jsonata.Template t, Jsonata.Scope scope, String field, int min, int max) {
        JsonNode v = t.eval(scope, field);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw r.error(Jsonata.QUERY_EVALUATION, "The " + field + " field must evaluate to an integer; it returned "
                    + Json.write(v) + ".");
        }
        long x = v.asLong();
        if (x < min || x > max) {
            throw r.error(Jsonata.QUERY_EVALUATION, "The " + field + " field must evaluate to an integer from " + min + " to "
                    + max + "; it returned " + Json.write(v) + ".");
        }
        return (int) x;
    }

    /** A Task's or a Parallel's Arguments (the state input when absent). */
    static JsonNode arguments(StateRun r, ObjectNode ctx) {
        return r.s.q().arguments == null ? r.input : r.s.q().arguments.eval(scope(r, null, null, ctx), "Arguments");
    }

    static Integer taskSeconds(StateRun r, Jsonata.Template t, String field, ObjectNode ctx) {
        return t == null ? null : integer(r, t, scope(r, null, null, ctx), field, 1, 99_999_999);
    }

    /** The end of a Task, Parallel or Map: Output (the result when absent) and Assign see {@code $states.result}. */
    static JsonNode finish(StateRun r, JsonNode result, ObjectNode ctx) {
        r.inspect("result", result);
        Jsonata.Scope scope = scope(r, result, null, ctx);
        JsonNode out = output(r, r.s.q().output, result, scope);
        assign(r, r.s.q().assign, scope, null, ctx);
        return out;
    }

    /**
     * The output of the state when Catcher {@code i} took the error {@code errorOutput}: JSONata Output
     * (the error output when absent) or the JSONPath ResultPath; and the Catcher's Assign (either language).
     */
    static JsonNode caught(StateRun r, int i, JsonNode errorOutput) {
        r.assigned = null;
        r.assignedText = null;
        Asl.Catcher c = r.s.errors().catchers().get(i);
        QueryFields.Catch qc = r.s.q().catcher(i);
        Jsonata.Scope scope = r.s.q().jsonata ? scope(r, null, errorOutput, null) : null;
        JsonNode out = r.s.q().jsonata ? output(r, qc == null ? null : qc.output(), errorOutput, scope)
                : DataFlow.resultPath(r, c.resultPath(), r.input, errorOutput);
        if (qc != null) {
            assign(r, qc.assign(), scope, errorOutput, null);
        }
        return out;
    }

    /** Map: the items (Items, or the state input), which must be an array. */
    static JsonNode items(StateRun r, ObjectNode ctx) {
        JsonNode items = r.s.q().items == null ? r.input : r.s.q().items.eval(scope(r, null, null, ctx), "Items");
        if (!items.isArray()) {
            throw r.error(Jsonata.QUERY_EVALUATION, "The Items field must evaluate to a JSON array; it returned "
                    + Json.write(items) + ".");
        }
        return items;
    }

    /** A JSONata field of a distributed Map (ItemReader/ResultWriter Arguments, BatchInput), with {@code $states.input}. */
    static JsonNode eval(StateRun r, Jsonata.Template t, ObjectNode ctx, String field) {
        return t.eval(scope(r, null, null, ctx), field);
    }

    /** A whole-number JSONata field of a distributed Map (MaxItems, MaxItemsPerBatch, ...), within [min, max]. */
    static int integer(StateRun r, Jsonata.Template t, ObjectNode ctx, String field, int min, int max) {
        return integer(r, t, scope(r, null, null, ctx), field, min, max);
    }

    /** Map: MaxConcurrency, ToleratedFailureCount, ToleratedFailurePercentage (null when absent). */
    record MapLimits(int maxConcurrency, Integer toleratedFailureCount, Double toleratedFailurePercentage) {
    }

    static MapLimits mapLimits(StateRun r, ObjectNode ctx) {
        QueryFields q = r.s.q();
        Jsonata.Scope scope = scope(r, null, null, ctx);
        int max = q.maxConcurrency == null ? 0 : integer(r, q.maxConcurrency, scope, "MaxConcurrency", 0, Integer.MAX_VALUE);
        Integer count = q.toleratedFailureCount == null ? null
                : integer(r, q.toleratedFailureCount, scope, "ToleratedFailureCount", 0, Integer.MAX_VALUE);
        Double pct = null;
        if (q.toleratedFailurePercentage != null) {
            JsonNode v = q.toleratedFailurePercentage.eval(scope, "ToleratedFailurePercentage");
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
                throw r.error(Jsonata.QUERY_EVALUATION, "The ToleratedFailurePercentage field must evaluate to a number from 0 "
                        + "to 100; it returned " + Json.write(v) + ".");
            }
            pct = v.asDouble();
        }
        return new MapLimits(max, count, pct);
    }

    /** Whether {@code err} is this JSONata state's own evaluation failure (not a task's error or an inner state's). */
    static boolean evaluatedHere(StateRun r, StatesError err) {
        return r.s.q().jsonata && Jsonata.QUERY_EVALUATION.equals(err.error()) && err.causeText() != null
                && err.causeText().startsWith("An error occurred while executing the state '" + r.s.name()
                        + "' (entered at the event id #" + r.enteredId + ")");
    }

    /** The details of the EvaluationFailed event AWS records when a JSONata expression of the state fails. */
    static ObjectNode evaluationFailed(StateRun r, StatesError err) {
        ObjectNode d = Json.object();
        d.put("error", err.error());
        if (err.causeText() != null) {
            d.put("cause", err.causeText());
            java.util.regex.Matcher m = FIELD.matcher(err.causeText());
            if (m.find()) {
                d.put("location", m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        d.put("state", r.s.name());
        return d;
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
            "specified for the field '([^']*)'|The (\\w+) field");

    /** Map: one item's input (ItemSelector, with {@code $states.context.Map.Item}; the item when absent). */
    static JsonNode itemSelector(StateRun r, int index, JsonNode item) {
        if (r.s.q().itemSelector == null) {
            return item;
        }
        ObjectNode mi = Json.object();
        mi.put("Index", index);
        mi.set("Value", item);
        return r.s.q().itemSelector.eval(scope(r, null, null, r.context(null, mi)), "ItemSelector");
    }
}
