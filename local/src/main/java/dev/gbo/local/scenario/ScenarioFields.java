package dev.gbo.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.scenario.ScenarioLoader.ScenarioException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The field-level checks every scenario section reader shares: unknown members, lists and objects,
 * strings, required strings, booleans, bounded whole numbers and probabilities. Each check throws a
 * {@link ScenarioException} naming the scenario source and the field path, so the section readers
 * ({@link TopologyReader}, {@link FaultReader}, {@link ThrottlingReader}) only say what a section
 * means, not how a bad value is reported.
 */
class ScenarioFields {
    final String source;

    ScenarioFields(String source) {
        this.source = source;
    }

    ScenarioException error(String path, String message) {
        return new ScenarioException(source + ": " + path + ": " + message);
    }

    void allowed(JsonNode node, String prefix, String... names) {
        Set<String> ok = Set.of(names);
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String n = it.next();
            if (!ok.contains(n)) {
                throw error(prefix + n, "unknown member; expected one of " + List.of(names));
            }
        }
    }

    void array(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw error(path, "must be a list");
        }
    }

    void object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw error(path, "must be an object");
        }
    }

    String str(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw error(field, "must be a string, got " + v);
        }
        return v.asText();
    }

    String req(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw error(path + "." + field, "is required (a non-empty string)");
        }
        return v.asText();
    }

    boolean bool(JsonNode node, String field, String path, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(path + "." + field, "must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    long lng(JsonNode node, String field, long fallback, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw error(field, "must be a whole number, got " + v);
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw error(field, "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    double prob(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw error(path + "." + field, "must be a probability between 0 and 1, got " + v);
        }
        return v.asDouble();
    }
}
