package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.StateRun;

/**
 * The ASL data-flow steps of one state visit, as the specification orders them: InputPath,
 * OutputPath, reading a path (or a {@code $$.} context path) with the States.Runtime error AWS
 * gives, ResultPath (merging a result into a copy of the input, States.ResultPathMatchFailure when
 * it cannot), ResultSelector, and the integer-valued {@code ...Path} fields. Pure functions of the
 * state run and the documents; no clock, no history.
 */
final class DataFlow {

    private DataFlow() {
    }

    static JsonNode inputPath(StateRun r, JsonNode in) {
        if (r.s.paths().inputPath() == null) {
            return Json.object();
        }
        if (r.s.paths().inputPath().equals("$")) {
            return in;
        }
        return read(r, r.s.paths().inputPath(), in, "InputPath");
    }

    static JsonNode outputPath(StateRun r, JsonNode out) {
        if (r.s.paths().outputPath() == null) {
            return Json.object();
        }
        if (r.s.paths().outputPath().equals("$")) {
            return out;
        }
        return read(r, r.s.paths().outputPath(), out, "OutputPath");
    }

    static JsonNode read(StateRun r, String path, JsonNode doc, String field) {
        JsonPath p = JsonPath.compile(Variables.path(path));
        String variable = Variables.name(path);
        try {
            return p.read(variable != null ? Variables.document(r.f.vars, variable) : p.isContext() ? r.context(null, null) : doc);
        } catch (JsonPath.NotFound e) {
            throw r.error(StatesError.RUNTIME, "Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    static JsonNode resultPath(StateRun r, String path, JsonNode input, JsonNode result) {
        if (path == null) {
            return input;
        }
        if (path.equals("$")) {
            return result;
        }
        try {
            return JsonPath.compile(path).write(input.deepCopy(), result);
        } catch (JsonPath.NotFound e) {
            throw r.error(StatesError.RESULT_PATH, "Unable to apply ResultPath '" + path + "' to input '"
                    + Json.write(input) + "': " + e.getMessage());
        }
    }

    static JsonNode select(StateRun r, JsonNode result, ObjectNode ctx) {
        if (r.s.paths().resultSelector() == null) {
            return result;
        }
        return r.s.paths().resultSelector().eval(r.env(result, ctx));
    }

    /**
     * An integer-valued {@code ...Path} field (TimeoutSecondsPath, HeartbeatSecondsPath, MaxConcurrencyPath,
     * ToleratedFailureCountPath) with the causes AWS gives (as recorded in the LocalStack/moto interpreter that
     * mirrors AWS's): {@code The MaxConcurrencyPath field refers to value "x" which is not a valid integer: $.c},
     * {@code Expected non-negative integer for MaxConcurrency, got '-1' instead.}, {@code ToleratedFailureCount
     * cannot be negative.}, {@code Expected non-negative integer for TimeoutSecondsPath, got '0' instead.}.
     */
    static int intFromPath(StateRun r, String path, JsonNode eff, String field, int min) {
        JsonNode v = read(r, path, eff, field);
        String shown = v.isTextual() ? v.asText() : Json.write(v);
        boolean integer = v.isIntegralNumber() && v.canConvertToInt();
        if (field.equals("MaxConcurrencyPath") || field.equals("ToleratedFailureCountPath")) {
            if (!integer) {
                throw r.error(StatesError.RUNTIME, "The " + field + " field refers to value \"" + shown
                        + "\" which is not a valid integer: " + path);
            }
            if (v.asInt() < min) {
                throw r.error(StatesError.RUNTIME, field.equals("MaxConcurrencyPath")
                        ? "Expected non-negative integer for MaxConcurrency, got '" + shown + "' instead."
                        : "ToleratedFailureCount cannot be negative.");
            }
            return v.asInt();
        }
        if (!integer || v.asInt() < min) {
            throw r.error(StatesError.RUNTIME, "Expected non-negative integer for " + field + ", got '" + shown + "' instead.");
        }
        return v.asInt();
    }

    /** {@code $.path == value} as AWS's runtime causes write it: a string as it is, anything else as JSON. */
    static String assignment(String path, JsonNode v) {
        return path + " == " + (v.isTextual() ? v.asText() : Json.write(v));
    }
}
