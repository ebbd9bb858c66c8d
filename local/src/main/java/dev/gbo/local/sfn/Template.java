package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A payload template (Parameters, ResultSelector, ItemSelector): a JSON value whose object members
 * named {@code key.$} take their value from a path ({@code $.x}, {@code $$.x}) or an intrinsic
 * function, at any depth (objects nested in arrays included). Compiled at CreateStateMachine.
 */
final class Template {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private sealed interface Node permits Const, Dyn, Obj, Arr {
    }

    private record Const(JsonNode value) implements Node {
    }

    /** A {@code key.$} member: field is the name as written (with .$), expr a path or a call. */
    private record Dyn(String field, Intrinsics.Expr expr, String source) implements Node {
    }

    private record Obj(List<Map.Entry<String, Node>> members) implements Node {
    }

    private record Arr(List<Node> items) implements Node {
    }

    private final Node root;

    private Template(Node root) {
        this.root = root;
    }

    /** Compiles; adds definition errors ({@code where} is the JSON pointer of the field) to {@code errors}. */
    static Template compile(JsonNode value, String where, List<String> errors) {
        return new Template(node(value, where, errors));
    }

    private static Node node(JsonNode v, String where, List<String> errors) {
        if (v.isObject()) {
            List<Map.Entry<String, Node>> members = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                String k = e.getKey();
                String at = where + "/" + k;
                if (k.endsWith(".$")) {
                    String name = k.substring(0, k.length() - 2);
                    JsonNode pv = e.getValue();
                    if (!pv.isTextual()) {
                        errors.add("SCHEMA_VALIDATION_FAILED: The value for the field '" + k
                                + "' must be a STRING that contains a JSONPath or an intrinsic function at " + at);
                        continue;
                    }
                    String text = pv.asText();
                    try {
                        Intrinsics.Expr expr = Intrinsics.looksLikeCall(text)
                                ? Intrinsics.parse(text)
                                : Variables.expr(text);
                        members.add(Map.entry(name, new Dyn(k, expr, text)));
                    } catch (IllegalArgumentException ex) {
                        errors.add("SCHEMA_VALIDATION_FAILED: The value for the field '" + k
                                + "' must be a valid JSONPath or a valid intrinsic function call (" + ex.getMessage()
                                + ") at " + at);
                    }
                } else {
                    members.add(Map.entry(k, node(e.getValue(), at, errors)));
                }
            }
            return new Obj(members);
        }
        if (v.isArray()) {
            List<Node> items = new ArrayList<>();
            int i = 0;
            for (JsonNode e : v) {
                items.add(node(e, where + "[" + i++ + "]", errors));
            }
            return new Arr(items);
        }
        return new Const(v);
    }

    /** Whether any member reads {@code $$.Task.Token}. */
    boolean mentions(String text) {
        return mentions(root, text);
    }

    private static boolean mentions(Node n, String text) {
        return switch (n) {
            case Const c -> false;
            case Dyn d -> d.source.contains(text);
            case Obj o -> o.members.stream().anyMatch(e -> mentions(e.getValue(), text));
            case Arr a -> a.items.stream().anyMatch(i -> mentions(i, text));
        };
    }

    /** Evaluates; a missing path is a States.Runtime error, an intrinsic failure States.IntrinsicFailure. */
    JsonNode eval(Intrinsics.Env env) {
        return eval(root, env);
    }

    private static JsonNode eval(Node n, Intrinsics.Env env) {
        return switch (n) {
            case Const c -> c.value.deepCopy();
            case Obj o -> {
                ObjectNode out = NODES.objectNode();
                for (Map.Entry<String, Node> e : o.members) {
                    out.set(e.getKey(), eval(e.getValue(), env));
                }
                yield out;
            }
            case Arr a -> {
                ArrayNode out = NODES.arrayNode();
                for (Node i : a.items) {
                    out.add(eval(i, env));
                }
                yield out;
            }
            case Dyn d -> {
                try {
                    JsonNode v = Intrinsics.eval(d.expr, env);
                    yield v == null ? NODES.nullNode() : v.deepCopy();
                } catch (Intrinsics.PathMissing pm) {
                    boolean ctx = pm.path.startsWith("$$");
                    yield fail(d, pm, ctx ? env.context() : env.input());
                }
            }
        };
    }

    private static JsonNode fail(Dyn d, Intrinsics.PathMissing pm, JsonNode doc) {
        if (d.expr instanceof Intrinsics.Call) {
            throw new StatesError(StatesError.RUNTIME, "The JsonPath argument '" + pm.path + "' of the intrinsic function in the field '"
                    + d.field + "' could not be found in the input '" + Json.write(doc) + "'");
        }
        throw new StatesError(StatesError.RUNTIME, "The JSONPath '" + pm.path + "' specified for the field '" + d.field
                + "' could not be found in the input '" + Json.write(doc) + "'");
    }
}
