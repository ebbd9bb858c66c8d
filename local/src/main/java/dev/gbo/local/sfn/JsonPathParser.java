package dev.gbo.local.sfn;

import dev.gbo.local.core.JsonPaths;

/**
 * Compiles the text of an ASL path into a {@link JsonPath}: {@code $$} selects the context object,
 * the rest is Jayway's grammar ({@link JsonPaths#compile}). Also words CreateStateMachine's
 * refusals of paths as AWS does ({@code SCHEMA_VALIDATION_FAILED: Value must be a valid JSONPath.},
 * {@code Value is not a Reference Path: <reason>}).
 */
final class JsonPathParser {

    private JsonPathParser() {
    }

    /** IllegalArgumentException ("Invalid JSONPath '<text>': <reason>") when the text is not a path. */
    static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("Invalid JSONPath '" + text + "': a path must start with '$'");
        }
        boolean context = text.startsWith("$$");
        try {
            return new JsonPath(text, context, JsonPaths.compile(context ? text.substring(1) : text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid JSONPath '" + text + "': " + e.getMessage(), e);
        }
    }

    /** AWS's diagnostic for a path field whose value is not a valid JSONPath. */
    static String invalid(String location) {
        return "SCHEMA_VALIDATION_FAILED: Value must be a valid JSONPath. at " + location;
    }

    /**
     * AWS's diagnostic for a field that must hold a reference path (ResultPath, Choice Variable and
     * {@code ...Path} operands), or null when {@code text} is one. {@code contextAllowed}: {@code $$}
     * paths are accepted (Choice rules).
     */
    static String notReference(String text, boolean contextAllowed, String location) {
        String reason;
        if (text == null || !text.startsWith("$")) {
            reason = "Reference path didn't start with '$'";
        } else {
            JsonPath p;
            try {
                p = JsonPath.compile(text);
            } catch (IllegalArgumentException e) {
                return invalid(location);
            }
            if (p.isContext() && !contextAllowed) {
                reason = "The context object ('$$') cannot be referenced here";
            } else if (p.isSingleNode()) {
                return null;
            } else {
                reason = "Only single names ('.name', \"['name']\") and indices ('[n]') are allowed; no '..', '*', ',', ':', "
                        + "'?', '@' or functions";
            }
        }
        return "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: " + reason + " at " + location;
    }
}
