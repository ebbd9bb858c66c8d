package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.JsonPaths;
import dev.gbo.local.sfn.JsonPath.NotFound;
import java.util.List;

/**
 * Evaluates compiled {@link JsonPath}s: reads go through Jayway ({@link JsonPaths#read}, its
 * messages as the reason when nothing is selected); writes at a reference path (ResultPath) follow
 * Step Functions' rules, which Jayway's {@code set} does not: missing objects on the way are
 * created, and writing through a value that is not an object fails. It owns no state.
 */
final class JsonPathEval {

    private JsonPathEval() {
    }

    /** Reads {@code p}; definite paths give the value, indefinite ones the array of matches. */
    static JsonNode read(JsonPath p, JsonNode root) throws NotFound {
        try {
            return JsonPaths.read(p.path, root);
        } catch (JsonPaths.Missing e) {
            throw new NotFound(e.getMessage());
        }
    }

    /** Writes {@code value} at the reference path {@code p} into {@code root} (see {@link JsonPath#write}). */
    static JsonNode write(JsonPath p, JsonNode root, JsonNode value) throws NotFound {
        if (!p.isReference()) {
            throw new NotFound("ResultPath must be a reference path");
        }
        List<Object> steps = p.steps();
        if (steps.isEmpty()) {
            return value;
        }
        if (!root.isObject() && !(root.isArray() && steps.get(0) instanceof Integer)) {
            throw new NotFound("the input is not a JSON object");
        }
        JsonNode cur = root;
        for (int k = 0; k < steps.size(); k++) {
            Object s = steps.get(k);
            boolean last = k == steps.size() - 1;
            if (s instanceof String name) {
                if (!cur.isObject()) {
                    throw new NotFound("the value at '" + name + "' cannot be reached: its parent is not a JSON object");
                }
                ObjectNode o = (ObjectNode) cur;
                if (last) {
                    o.set(name, value);
                    return root;
                }
                JsonNode next = o.get(name);
                if (next == null || next.isNull()) {
                    if (steps.get(k + 1) instanceof Integer) {
                        throw new NotFound("no array at '" + name + "'");
                    }
                    next = o.putObject(name);
                }
                cur = next;
            } else {
                int index = (Integer) s;
                if (!cur.isArray()) {
                    throw new NotFound("the value is not an array at index " + index);
                }
                ArrayNode a = (ArrayNode) cur;
                int idx = index < 0 ? a.size() + index : index;
                if (idx < 0 || idx >= a.size()) {
                    throw new NotFound("index " + index + " is out of bounds");
                }
                if (last) {
                    a.set(idx, value);
                    return root;
                }
                cur = a.get(idx);
            }
        }
        return root;
    }
}
