package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSONPath subset Amazon States Language allows (the Jayway dialect Step Functions uses):
 * {@code $}, {@code .name}, {@code ['name']}, {@code [n]} (negative counts from the end),
 * {@code [*]}/{@code .*}, {@code ..} (deep scan), unions {@code ['a','b']}/{@code [0,2]}, slices
 * {@code [a:b:c]}, filters {@code [?(@.x > 1 && @.y)]} and the {@code length()} function. A
 * <em>definite</em> path (names and indices only) yields one value or fails; an indefinite one
 * yields the array of matches (possibly empty). Reference paths (ResultPath) are definite paths of
 * names and indices only and can also be written to.
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

    sealed interface Seg permits Child, Index, Wild, Deep, Slice, Names, Indices, Filter, Length {
    }

    record Child(String name) implements Seg {
    }

    record Index(int index) implements Seg {
    }

    record Wild() implements Seg {
    }

    record Deep() implements Seg {
    }

    record Slice(Integer from, Integer to, int step) implements Seg {
    }

    record Names(List<String> names) implements Seg {
    }

    record Indices(List<Integer> indices) implements Seg {
    }

    record Filter(Pred pred) implements Seg {
    }

    record Length() implements Seg {
    }
    private final String text;
    private final boolean context;
    final List<Seg> segs;
    private final boolean definite;

    JsonPath(String text, boolean context, List<Seg> segs) {
        this.text = text;
        this.context = context;
        this.segs = segs;
        boolean d = true;
        for (Seg s : segs) {
            if (!(s instanceof Child || s instanceof Index || s instanceof Length)) {
                d = false;
            }
        }
        this.definite = d;
    }

    /** Compiles {@code $...} or {@code $$...}; IllegalArgumentException with a reason when invalid. */
    static JsonPath compile(String text) {
        JsonPath p = CACHE.get(text);
        if (p == null) {
            p = new JsonPathParser(text).parseRoot();
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
        return definite;
    }

    /** A reference path: names and indices only (ResultPath, Choice Variable). */
    boolean isReference() {
        for (Seg s : segs) {
            if (!(s instanceof Child || s instanceof Index)) {
                return false;
            }
        }
        return !context;
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

    // ------------------------------------------------------------------ filter predicates (built by JsonPathParser)

    interface Pred {
        boolean test(JsonNode current, JsonNode root);
    }

    interface Operand {
        /** null when the path selects nothing. */
        JsonNode value(JsonNode current, JsonNode root);
    }
}
