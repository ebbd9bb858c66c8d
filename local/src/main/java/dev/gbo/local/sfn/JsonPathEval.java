package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.sfn.JsonPath.*;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Evaluates compiled {@link JsonPath}s against documents: reading a definite path (one value or
 * {@link JsonPath.NotFound} naming the missing step), reading an indefinite path segment by segment
 * (wildcards, deep scan, slices, unions, filters, {@code length()}) into the array of matches,
 * writing a value at a reference path (ResultPath), and the comparison that filter predicates use.
 * It owns no state: the path's segments are the input.
 */
final class JsonPathEval {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPathEval() {
    }

    /** Reads {@code p}; definite paths give the value, indefinite ones the array of matches. */
    static JsonNode read(JsonPath p, JsonNode root) throws NotFound {
        List<Seg> segs = p.segs;
        if (p.isDefinite()) {
            JsonNode cur = root;
            StringBuilder at = new StringBuilder("$");
            for (Seg s : segs) {
                if (s instanceof Child c) {
                    at.append("['").append(c.name()).append("']");
                    if (cur == null || !cur.isObject() || !cur.has(c.name())) {
                        throw new NotFound("No results for path: " + at);
                    }
                    cur = cur.get(c.name());
                } else if (s instanceof Index i) {
                    at.append('[').append(i.index()).append(']');
                    if (cur == null || !cur.isArray()) {
                        throw new NotFound("No results for path: " + at);
                    }
                    int idx = i.index() < 0 ? cur.size() + i.index() : i.index();
                    if (idx < 0 || idx >= cur.size()) {
                        throw new NotFound("No results for path: " + at);
                    }
                    cur = cur.get(idx);
                } else {
                    at.append(".length()");
                    if (cur == null || !(cur.isArray() || cur.isObject() || cur.isTextual())) {
                        throw new NotFound("Function length() can only be applied to an array, object or string: " + at);
                    }
                    cur = NODES.numberNode(cur.isTextual() ? cur.asText().length() : cur.size());
                }
            }
            return cur;
        }
        List<JsonNode> cur = new ArrayList<>();
        cur.add(root);
        for (Seg s : segs) {
            cur = apply(s, cur, root);
        }
        ArrayNode out = NODES.arrayNode();
        cur.forEach(out::add);
        return out;
    }

    /** Writes {@code value} at the reference path {@code p} into {@code root} (see {@link JsonPath#write}). */
    static JsonNode write(JsonPath p, JsonNode root, JsonNode value) throws NotFound {
        List<Seg> segs = p.segs;
        if (segs.isEmpty()) {
            return value;
        }
        if (!p.isReference()) {
            throw new NotFound("ResultPath must be a reference path");
        }
        if (!root.isObject() && !(root.isArray() && segs.get(0) instanceof Index)) {
            throw new NotFound("the input is not a JSON object");
        }
        JsonNode cur = root;
        for (int k = 0; k < segs.size(); k++) {
            Seg s = segs.get(k);
            boolean last = k == segs.size() - 1;
            if (s instanceof Child c) {
                if (!cur.isObject()) {
                    throw new NotFound("the value at '" + c.name() + "' cannot be reached: its parent is not a JSON object");
                }
                ObjectNode o = (ObjectNode) cur;
                if (last) {
                    o.set(c.name(), value);
                    return root;
                }
                JsonNode next = o.get(c.name());
                if (next == null || next.isNull()) {
                    next = segs.get(k + 1) instanceof Index ? null : o.putObject(c.name());
                    if (next == null) {
                        throw new NotFound("no array at '" + c.name() + "'");
                    }
                }
                cur = next;
            } else {
                Index i = (Index) s;
                if (!cur.isArray()) {
                    throw new NotFound("the value is not an array at index " + i.index());
                }
                ArrayNode a = (ArrayNode) cur;
                int idx = i.index() < 0 ? a.size() + i.index() : i.index();
                if (idx < 0 || idx >= a.size()) {
                    throw new NotFound("index " + i.index() + " is out of bounds");
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

    private static List<JsonNode> apply(Seg s, List<JsonNode> in, JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : in) {
            if (n == null) {
                continue;
            }
            switch (s) {
                case Child c -> {
                    if (n.isObject() && n.has(c.name())) {
                        out.add(n.get(c.name()));
                    }
                }
                case Index i -> {
                    if (n.isArray()) {
                        int idx = i.index() < 0 ? n.size() + i.index() : i.index();
                        if (idx >= 0 && idx < n.size()) {
                            out.add(n.get(idx));
                        }
                    }
                }
                case Wild w -> {
                    if (n.isArray() || n.isObject()) {
                        n.elements().forEachRemaining(out::add);
                    }
                }
                case Deep d -> collect(n, out);
                case Slice sl -> {
                    if (n.isArray()) {
                        int size = n.size();
                        int step = sl.step();
                        int from = sl.from() == null ? 0 : norm(sl.from(), size);
                        int to = sl.to() == null ? size : norm(sl.to(), size);
                        for (int k = from; k < to; k += step) {
                            out.add(n.get(k));
                        }
                    }
                }
                case Names ns -> {
                    if (n.isObject()) {
                        for (String name : ns.names()) {
                            if (n.has(name)) {
                                out.add(n.get(name));
                            }
                        }
                    }
                }
                case Indices is -> {
                    if (n.isArray()) {
                        for (int i : is.indices()) {
                            int idx = i < 0 ? n.size() + i : i;
                            if (idx >= 0 && idx < n.size()) {
                                out.add(n.get(idx));
                            }
                        }
                    }
                }
                case Filter f -> {
                    Iterator<JsonNode> it = n.isArray() || n.isObject() ? n.elements() : List.<JsonNode>of().iterator();
                    while (it.hasNext()) {
                        JsonNode e = it.next();
                        if (f.pred().test(e, root)) {
                            out.add(e);
                        }
                    }
                }
                case Length l -> {
                    if (n.isArray() || n.isObject()) {
                        out.add(NODES.numberNode(n.size()));
                    } else if (n.isTextual()) {
                        out.add(NODES.numberNode(n.asText().length()));
                    }
                }
            }
        }
        return out;
    }

    private static int norm(int i, int size) {
        int v = i < 0 ? size + i : i;
        return Math.max(0, Math.min(size, v));
    }

    /** Deep scan: the node itself and every descendant, document order (the next segment filters). */
    private static void collect(JsonNode n, List<JsonNode> out) {
        out.add(n);
        if (n.isArray() || n.isObject()) {
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    static boolean compare(JsonNode a, String op, JsonNode b) {
        if (a == null || b == null) {
            return op.equals("!=") && (a == null) != (b == null);
        }
        int c;
        if (a.isNumber() && b.isNumber()) {
            c = a.decimalValue().compareTo(b.decimalValue());
        } else if (a.isTextual() && b.isTextual()) {
            c = a.asText().compareTo(b.asText());
        } else if (op.equals("==")) {
            return a.equals(b);
        } else if (op.equals("!=")) {
            return !a.equals(b);
        } else {
            return false;
        }
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }
}
