package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow variables ({@code Assign}), as AWS scopes them: the machine's states share one scope; each
 * Parallel branch and each Map iteration runs in a scope of its own that reads the outer scopes
 * and may not assign their names (checked at CreateStateMachine); values leave a branch or an
 * iteration only through its output. Assignments take effect when the state exits: every
 * expression of the state, its Output and all the values of one Assign included, sees the values
 * the variables had when the state was entered.
 *
 * <p>Limits, as AWS documents them: 256 KiB per variable, 256 KiB per Assign, 10 MiB for all the
 * variables of an execution; exceeding one is {@code States.Runtime} (terminal). Driver thread only.
 */
final class Variables {

    static final int VARIABLE_LIMIT = 262_144;
    static final int ASSIGN_LIMIT = 262_144;
    static final long EXECUTION_LIMIT = 10L * 1024 * 1024;

    private final Variables parent;
    /** The execution-wide byte count, shared by every scope of the execution. */
    private final long[] total;
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();

    private Variables(Variables parent, long[] total) {
        this.parent = parent;
        this.total = total;
    }

    /** The top-level scope of an execution. */
    static Variables root() {
        return new Variables(null, new long[1]);
    }

    /** A Parallel branch's or a Map iteration's scope: reads this one, writes only its own names. */
    Variables child() {
        return new Variables(this, total);
    }

    /** The value of {@code name} here or in an outer scope; null when unassigned. */
    JsonNode get(String name) {
        for (Variables v = this; v != null; v = v.parent) {
            JsonNode x = v.values.get(name);
            if (x != null) {
                return x;
            }
        }
        return null;
    }

    /** Every variable visible here, outer scopes first (TestState, resume). */
    Map<String, JsonNode> visible() {
        Map<String, JsonNode> out = parent == null ? new LinkedHashMap<>() : parent.visible();
        out.putAll(values);
        return out;
    }

    /**
     * Checks the limits of one Assign's values (already evaluated) and returns them serialized, in
     * order: what the history's {@code assignedVariables} shows.
     */
    Map<String, String> check(Interpreter.StateRun r, ObjectNode assigned) {
        Map<String, String> out = new LinkedHashMap<>();
        long sum = 0;
        long delta = 0;
        for (Map.Entry<String, JsonNode> e : assigned.properties()) {
            String text = Json.write(e.getValue());
            int size = text.getBytes(StandardCharsets.UTF_8).length;
            if (size > VARIABLE_LIMIT) {
                throw r.error(StatesError.RUNTIME, "The value assigned to the variable '" + e.getKey() + "' is " + size
                        + " bytes, more than the maximum of " + VARIABLE_LIMIT + " bytes for one variable.");
            }
            sum += size;
            delta += size - sizes.getOrDefault(e.getKey(), 0);
            out.put(e.getKey(), text);
        }
        if (sum > ASSIGN_LIMIT) {
            throw r.error(StatesError.RUNTIME, "The values of the field 'Assign' are " + sum
                    + " bytes together, more than the maximum of " + ASSIGN_LIMIT + " bytes for one Assign.");
        }
        if (total[0] + delta > EXECUTION_LIMIT) {
            throw r.error(StatesError.RUNTIME, "The variables of the execution would take " + (total[0] + delta)
                    + " bytes, more than the maximum of " + EXECUTION_LIMIT + " bytes for one execution.");
        }
        return out;
    }

    /** The JSON text of each value (TestState's {@code variables}, which no Assign limit applies to). */
    Map<String, String> serialized(ObjectNode assigned) {
        Map<String, String> out = new LinkedHashMap<>();
        assigned.properties().forEach(e -> out.put(e.getKey(), Json.write(e.getValue())));
        return out;
    }

    /** Stores one state's assignments (checked by {@link #check}). */
    void commit(ObjectNode assigned, Map<String, String> serialized) {
        for (Map.Entry<String, JsonNode> e : assigned.properties()) {
            int size = serialized.get(e.getKey()).getBytes(StandardCharsets.UTF_8).length;
            total[0] += size - sizes.getOrDefault(e.getKey(), 0);
            values.put(e.getKey(), e.getValue());
            sizes.put(e.getKey(), size);
        }
    }

    /** Restores assignments recorded in a history ({@code assignedVariables}: name to JSON text). */
    void replay(JsonNode assignedVariables) {
        ObjectNode o = Json.object();
        Map<String, String> serialized = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : assignedVariables.properties()) {
            o.set(e.getKey(), Json.parse(e.getValue().asText()));
            serialized.put(e.getKey(), e.getValue().asText());
        }
        commit(o, serialized);
    }

    // ------------------------------------------------------------------ JSONPath references: $name, $name.field, $name[0]

    /** The variable a JSONPath-state path reads ({@code $name...}); null for {@code $}, {@code $.x}, {@code $$.x}. */
    static String name(String path) {
        if (path.length() < 2 || path.charAt(0) != '$') {
            return null;
        }
        int c = path.codePointAt(1);
        if (!(Character.isUnicodeIdentifierStart(c) || c == '_')) {
            return null;
        }
        int i = 1 + Character.charCount(c);
        while (i < path.length()) {
            int d = path.codePointAt(i);
            if (!Character.isUnicodeIdentifierPart(d) || Character.isIdentifierIgnorable(d)) {
                break;
            }
            i += Character.charCount(d);
        }
        return path.substring(1, i);
    }

    /** The path applied to the variable's value: {@code $name.a[0]} gives {@code $.a[0]}; other paths unchanged. */
    static String path(String path) {
        String name = name(path);
        return name == null ? path : "$" + path.substring(1 + name.length());
    }

    /** A path or variable reference of a payload template or intrinsic argument. */
    static Intrinsics.Expr expr(String text) {
        String name = name(text);
        if (name == null) {
            return new Intrinsics.PathRef(JsonPath.compile(text));
        }
        return new Intrinsics.VarRef(name, JsonPath.compile(path(text)), text);
    }

    /** The value of a variable a path reads; States.Runtime when it was never assigned. */
    static JsonNode document(Variables vars, String name) {
        JsonNode v = vars == null ? null : vars.get(name);
        if (v == null) {
            throw new StatesError(StatesError.RUNTIME, "Invalid path '$" + name + "': The variable '$" + name
                    + "' is not defined.");
        }
        return v;
    }

    /** A variable name AWS accepts: a Unicode identifier of at most 80 characters, not {@code states}. */
    static String invalidName(String name) {
        if (name.isEmpty() || name.length() > 80) {
            return "must be 1 to 80 characters";
        }
        if (name.equals("states")) {
            return "'states' is reserved";
        }
        int c0 = name.codePointAt(0);
        if (!(Character.isUnicodeIdentifierStart(c0) || c0 == '_')) {
            return "must begin with a letter or '_'";
        }
        for (int i = Character.charCount(c0); i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isUnicodeIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
                return "may contain only letters, digits and '_'";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** The names an Assign object declares ({@code name.$} counts as {@code name}). */
    static List<String> names(JsonNode assign) {
        List<String> out = new java.util.ArrayList<>();
        for (String k : AslParser.iter(assign.fieldNames())) {
            out.add(k.endsWith(".$") ? k.substring(0, k.length() - 2) : k);
        }
        return out;
    }
}
