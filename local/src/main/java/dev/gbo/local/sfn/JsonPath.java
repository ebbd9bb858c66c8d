package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.JsonPaths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JSONPath of the Amazon States Language: Jayway's grammar and evaluation (through
 * {@link JsonPaths}, as Step Functions evaluates paths), {@code $$} for the context object, and the
 * reference paths (single names and indices only) that ResultPath writes to and Choice rules read.
 * A <em>definite</em> path (single names, indices, functions) yields one value or fails; an
 * indefinite one yields the array of matches (possibly empty). {@link JsonPathParser} compiles and
 * checks the text; {@link JsonPathEval} reads (Jayway) and writes (reference paths).
 */
final class JsonPath {

    /** A path that selects nothing in the given document. */
    static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, JsonPath> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private final boolean context;
    final JsonPaths.Path path;

    JsonPath(String text, boolean context, JsonPaths.Path path) {
        this.text = text;
        this.context = context;
        this.path = path;
    }

    /** Compiles {@code $...} or {@code $$...}; IllegalArgumentException with a reason when invalid. */
    static JsonPath compile(String text) {
        JsonPath p = CACHE.get(text);
        if (p == null) {
            p = JsonPathParser.parse(text);
            if (CACHE.size() < 10_000) {
                CACHE.put(text, p);
            }
        }
        return p;
    }

    static boolean isValid(String text) {
        try {
            compile(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String text() {
        return text;
    }

    /** A {@code $$.} path: evaluated against the context object. */
    boolean isContext() {
        return context;
    }

    boolean isDefinite() {
        return path.isDefinite();
    }

    /** A reference path: single names and indices only, on the input (ResultPath). */
    boolean isReference() {
        return !context && path.steps() != null;
    }

    /** Single names and indices only, on the input or the context object (Choice rules). */
    boolean isSingleNode() {
        return path.steps() != null;
    }

    /** The names ({@code String}) and indices ({@code Integer}) of a reference path, else null. */
    List<Object> steps() {
        return path.steps();
    }

    /** Reads this path; definite paths give the value, indefinite ones the array of matches. */
    JsonNode read(JsonNode root) throws NotFound {
        return JsonPathEval.read(this, root);
    }

    /** True when a definite path selects a value (IsPresent). */
    boolean exists(JsonNode root) {
        try {
            read(root);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    /**
     * Writes {@code value} at this reference path into {@code root} (which is modified and returned;
     * copy first). Missing objects on the way are created. Throws NotFound when the path runs through
     * a value that is not an object (or a missing array element).
     */
    JsonNode write(JsonNode root, JsonNode value) throws NotFound {
        return JsonPathEval.write(this, root, value);
    }

    @Override
    public String toString() {
        return text;
    }
}
