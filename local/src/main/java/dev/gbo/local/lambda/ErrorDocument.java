package dev.gbo.local.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;

/**
 * The error document the Lambda Java runtime returns when a handler throws:
 * {@code {"errorMessage", "errorType", "stackTrace": ["pkg.Class.method(File.java:12)", ...]}}, with
 * {@code errorType} the exception's fully qualified class name and a {@code cause} document for a
 * wrapped cause, as the runtime reports it.
 */
public final class ErrorDocument {
    private ErrorDocument() {
    }

    public static ObjectNode of(Throwable t) {
        return of(t, 0);
    }

    private static ObjectNode of(Throwable t, int depth) {
        ObjectNode doc = Json.object();
        if (t.getMessage() != null) {
            doc.put("errorMessage", t.getMessage());
        } else {
            doc.putNull("errorMessage");
        }
        doc.put("errorType", t.getClass().getName());
        ArrayNode trace = doc.putArray("stackTrace");
        for (StackTraceElement e : t.getStackTrace()) {
            trace.add(e.getClassName() + "." + e.getMethodName() + "("
                    + (e.getFileName() == null ? "Unknown Source" : e.getFileName())
                    + (e.getLineNumber() >= 0 ? ":" + e.getLineNumber() : "") + ")");
        }
        if (t.getCause() != null && t.getCause() != t && depth < 5) {
            doc.set("cause", of(t.getCause(), depth + 1));
        }
        return doc;
    }

    /** A runtime-level error (timeout, init failure) that has no Java exception behind it. */
    public static ObjectNode runtime(String errorType, String message) {
        ObjectNode doc = Json.object();
        doc.put("errorMessage", message);
        doc.put("errorType", errorType);
        doc.putArray("stackTrace");
        return doc;
    }
}
