package dev.gbo.model.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Reading the trigger's envelope and S3 fields for {@link RequestNormalizer}: every bad one is added to {@code problems}. */
final class TriggerFields {
    private TriggerFields() {
    }

    /** detail.bucket.name, checked against the general purpose bucket naming rules. */
    static String s3Bucket(JsonNode detail, List<String> problems) {
        JsonNode bucket = detail.get("bucket");
        if (bucket == null || !bucket.isObject()) {
            problems.add("detail.bucket: " + (bucket == null ? "missing" : bucket.isNull() ? "null is not allowed"
                    : abbreviate(bucket.toString()) + " is not an object") + "; an S3 Object Created event names its bucket"
                    + " as {\"name\": \"my-bucket\"}");
            return null;
        }
        JsonNode name = bucket.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            problems.add("detail.bucket.name: " + (name == null ? "missing" : name.isNull() ? "null is not allowed"
                    : abbreviate(name.toString()) + " is not a bucket name") + "; an S3 Object Created event names its bucket");
            return null;
        }
        List<String> broken = S3Names.bucketRulesBroken(name.asText());
        if (!broken.isEmpty()) {
            problems.add("detail.bucket.name: '" + abbreviate(name.asText()) + "' is not an S3 bucket name: "
                    + String.join("; ", broken) + ". S3 only sends events for real buckets: check who sent this event,"
                    + " and name buckets by the general purpose bucket naming rules");
            return null;
        }
        return name.asText();
    }

    /** detail.object.key exactly as given: no URL-decoding (EventBridge sends keys verbatim), no path clean-up. */
    static String s3Key(JsonNode object, List<String> problems) {
        JsonNode key = object.get("key");
        if (key == null || !key.isTextual()) {
            problems.add("detail.object.key: " + (key == null ? "missing" : key.isNull() ? "null is not allowed"
                    : abbreviate(key.toString()) + " is not a string") + "; an S3 Object Created event names its object key");
            return null;
        }
        String problem = S3Names.keyProblem(key.asText());
        if (problem != null) {
            problems.add("detail.object.key: " + problem + "; send the key S3 stored, unchanged");
            return null;
        }
        return key.asText();
    }

    static String optionalText(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(path + ": " + (value.isNull() ? "null is not allowed" : abbreviate(value.toString()) + " is not a string")
                    + "; S3 sends it as a string, or omit it");
            return null;
        }
        return value.asText();
    }

    /** A string field of the EventBridge envelope; a null, a non-string or (when required) a missing one is a problem. */
    static String envelopeText(JsonNode event, String field, boolean required, List<String> problems, String fix) {
        JsonNode value = event.get(field);
        if (value == null) {
            if (required) {
                problems.add(field + ": missing; " + fix);
            }
            return null;
        }
        if (value.isNull()) {
            problems.add(field + ": null is not allowed; " + fix);
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(field + ": " + abbreviate(value.toString()) + " is not a non-empty string; " + fix);
            return null;
        }
        return value.asText();
    }

    static void putIfText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
