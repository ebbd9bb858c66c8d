package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.internal.path.ArrayIndexToken;
import com.jayway.jsonpath.internal.function.PathFunctionFactory;
import com.jayway.jsonpath.internal.path.CompiledPath;
import com.jayway.jsonpath.internal.path.FunctionPathToken;
import com.jayway.jsonpath.internal.path.PathCompiler;
import com.jayway.jsonpath.internal.path.PathToken;
import com.jayway.jsonpath.internal.path.PropertyPathToken;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.json.JsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import com.jayway.jsonpath.spi.mapper.MappingProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * AWS's JSONPath: Jayway json-path (the library Step Functions and EventBridge evaluate paths with)
 * over Jackson trees. One configuration serves every caller: no {@link Option}s, so a definite path
 * (single names and indices, functions) that selects nothing fails with Jayway's
 * {@link PathNotFoundException} message ({@code No results for path: $['x']}, {@code Missing property
 * in path $['x']}) and an indefinite one yields the array of its matches, possibly empty. An array
 * index past the end selects nothing (Jackson's own provider would give {@code null}), as with Jayway's
 * default provider.
 *
 * <p>A reference path that selects a value is read by walking its names and indices (see
 * {@link #walk}); every other path, and every miss, is Jayway's.
 *
 * <p>{@link #compile} also refuses what Jayway's compiler lets through and its evaluation cannot
 * serve: a single character after the last token ({@code $.a[}, {@code $.a[0]b}) is ignored by
 * {@code PathCompiler}, so a path whose last character can be removed without changing the compiled
 * path is invalid; a function Jayway does not have ({@code $.a.foo()}) is refused with the message
 * its evaluation would give.
 */
public final class JsonPaths {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonProvider JSON = new Provider();
    private static final MappingProvider MAPPING = new JacksonMappingProvider(Json.MAPPER);
    private static final Configuration CONF;

    static {
        // Jayway's filters build configurations of their own from the defaults (a path inside [?(...)]);
        // without these defaults they would look for json-smart's provider.
        Configuration.setDefaults(new Configuration.Defaults() {
            @Override
            public JsonProvider jsonProvider() {
                return JSON;
            }

            @Override
            public MappingProvider mappingProvider() {
                return MAPPING;
            }

            @Override
            public Set<Option> options() {
                return EnumSet.noneOf(Option.class);
            }
        });
        CONF = Configuration.builder().jsonProvider(JSON).mappingProvider(MAPPING).options(EnumSet.noneOf(Option.class))
                .build();
    }

    private JsonPaths() {
    }

    /**
     * A compiled path.
     *
     * @param text  the path as written
     * @param steps   the names ({@code String}) and indices ({@code Integer}) of a path made of single
     *                names and indices only (a reference path), else null
     * @param appends the path calls {@code append()}, which Jayway applies to the array it reads: it is
     *                read from a copy of the document
     */
    public record Path(String text, JsonPath jayway, List<Object> steps, boolean appends) {
        /** Single names, indices and functions only: the path selects one value or nothing. */
        public boolean isDefinite() {
            return jayway.isDefinite();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A path that selects nothing in a document (Jayway's reason as the message). */
    public static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message, null, false, false);
        }
    }

    /** Compiles a path starting with {@code $}; IllegalArgumentException with Jayway's reason when it is invalid. */
    public static Path compile(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a path must start with '$'");
        }
        CompiledPath compiled = compiled(text);
        if (text.length() > 1 && swallowsLastCharacter(text, compiled)) {
            throw new IllegalArgumentException("unexpected '" + text.charAt(text.length() - 1) + "' at position "
                    + (text.length() - 1));
        }
        boolean appends = false;
        for (PathToken t = compiled.getRoot(); t != null; t = t.getNext()) {
            if (t instanceof FunctionPathToken f) {
                if (!PathFunctionFactory.FUNCTIONS.containsKey(f.getFunctionName())) {
                    // Jayway compiles any name and fails when it evaluates the path
                    throw new IllegalArgumentException("Function with name: " + f.getFunctionName() + " does not exist.");
                }
                appends |= f.getFunctionName().equals("append");
            }
        }
        return new Path(text, JsonPath.compile(text), steps(compiled), appends);
    }

    private static CompiledPath compiled(String text) {
        try {
            return (CompiledPath) PathCompiler.compile(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "invalid path" : e.getMessage().trim(), e);
        } catch (RuntimeException e) { // what Jayway's compiler lets escape on odd input (an index too large, ...)
            throw new IllegalArgumentException("invalid path (" + e + ")", e);
        }
    }

    private static boolean swallowsLastCharacter(String text, CompiledPath compiled) {
        String shorter = text.substring(0, text.length() - 1);
        try {
            return PathCompiler.compile(shorter).toString().equals(compiled.toString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The names and indices of a path made of single names and indices only, else null. */
    private static List<Object> steps(CompiledPath compiled) {
        List<Object> steps = new ArrayList<>();
        for (PathToken t = compiled.getRoot().getNext(); t != null; t = t.getNext()) {
            if (t instanceof PropertyPathToken p && p.singlePropertyCase()) {
                steps.add(p.getProperties().get(0));
            } else if (t instanceof ArrayIndexToken i && i.isTokenDefinite()) {
                String f = i.getPathFragment(); // "[n]"
                try {
                    steps.add(Integer.valueOf(f.substring(1, f.length() - 1).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("index out of range: " + f, e);
                }
            } else {
                return null;
            }
        }
        return List.copyOf(steps);
    }

    /**
     * Reads {@code p} in {@code doc}: a definite path gives its value, an indefinite one the array of
     * matches. The result shares nodes with {@code doc} (copy before changing it).
     */
    public static JsonNode read(Path p, JsonNode doc) throws Missing {
        JsonNode found = p.steps() == null ? null : walk(p.steps(), doc);
        if (found != null) {
            return found;
        }
        Object r;
        try {
            r = p.jayway().read(p.appends() ? doc.deepCopy() : doc, CONF);
        } catch (PathNotFoundException e) {
            throw new Missing(e.getMessage());
        } catch (RuntimeException e) {
            // Jayway's function and filter failures (JsonPathException "Aggregation function attempted to
            // calculate value using empty array", an index() out of range, ...): the path selects nothing
            throw new Missing(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return node(r);
    }

    /**
     * The value a reference path selects, found by walking its names and indices: the value Jayway
     * gives for it, without the cost of Jayway's evaluation (its context, result arrays and the text
     * of every step's path, several times the cost of the walk on the engine's hot paths). Null when
     * the walk stops (a missing name, an index past the end, a step through a value of another type):
     * Jayway then reads the path and words the failure.
     */
    private static JsonNode walk(List<Object> steps, JsonNode doc) {
        JsonNode cur = doc;
        for (int k = 0, n = steps.size(); k < n && cur != null; k++) {
            Object s = steps.get(k);
            if (s instanceof String name) {
                cur = cur.isObject() ? cur.get(name) : null;
            } else if (cur.isArray()) {
                int i = (Integer) s;
                cur = cur.get(i < 0 ? cur.size() + i : i);
            } else {
                cur = null;
            }
        }
        return cur;
    }

    /**
     * A Jayway value as a node: nodes as they are, the Java values Jayway unwraps scalars into (and its
     * functions return) as the node of the same JSON type, anything else through the mapper.
     */
    private static JsonNode node(Object r) {
        return switch (r) {
            case null -> NODES.nullNode();
            case JsonNode n -> n;
            case String t -> NODES.textNode(t);
            case Integer i -> IntNode.valueOf(i);
            case Long l -> LongNode.valueOf(l);
            case Double d -> DoubleNode.valueOf(d);
            case Float f -> FloatNode.valueOf(f);
            case BigDecimal d -> DecimalNode.valueOf(d);
            case BigInteger b -> BigIntegerNode.valueOf(b);
            case Boolean b -> BooleanNode.valueOf(b);
            default -> Json.MAPPER.valueToTree(r);
        };
    }

    /**
     * Jackson's provider, except that an index past either end of an array selects nothing, and that
     * values are turned into nodes without the mapper (Jayway stores every match and the text of its
     * path in arrays of the provider: through {@code valueToTree} that cost more than the read).
     */
    private static final class Provider extends JacksonJsonNodeJsonProvider {
        Provider() {
            super(Json.MAPPER);
        }

        @Override
        public void setArrayIndex(Object array, int index, Object value) {
            if (!(array instanceof ArrayNode a)) {
                throw new UnsupportedOperationException();
            }
            if (index == a.size()) {
                a.add(node(value));
            } else {
                a.set(index, node(value));
            }
        }

        @Override
        public void setProperty(Object obj, Object key, Object value) {
            if (obj instanceof ObjectNode o) {
                o.set(key.toString(), node(value));
            } else {
                super.setProperty(obj, key, value);
            }
        }

        @Override
        public Object getArrayIndex(Object obj, int idx) {
            if (obj instanceof JsonNode a && (idx < 0 || idx >= a.size())) {
                throw new IndexOutOfBoundsException("Index " + idx + " out of bounds for length " + a.size());
            }
            return super.getArrayIndex(obj, idx);
        }
    }
}
