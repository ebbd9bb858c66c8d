package dev.gbo.model.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.support.Env;
import dev.gbo.model.errors.ConfigurationError;
import dev.gbo.model.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Defaults the normalizer applies before the trigger's own fields, from the environment:
 * {@code DEFAULT_IMAGE}, {@code DEFAULT_VCPUS} (1), {@code DEFAULT_MEMORY_MIB} (2048),
 * {@code DEFAULT_RETRY_ATTEMPTS} (3), {@code DEFAULT_TIMEOUT_SECONDS} (3600) and
 * {@code DEFAULT_JOB_JSON} (a partial request, e.g. for S3 and schedule triggers).
 */
public record RequestDefaults(String image, int vcpus, int memoryMiB, int retryAttempts, int timeoutSeconds,
        ObjectNode defaultJob) {

    public static RequestDefaults fromEnvironment(Map<String, String> env) {
        ObjectNode defaultJob = Json.object();
        String json = env.get("DEFAULT_JOB_JSON");
        if (json != null && !json.isBlank()) {
            JsonNode parsed;
            try {
                parsed = Json.parse(json);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationError("DEFAULT_JOB_JSON: " + e.getMessage() + "; give a JSON object with request fields");
            }
            if (!parsed.isObject()) {
                throw new ConfigurationError("DEFAULT_JOB_JSON: must be a JSON object with request fields, got " + parsed.getNodeType());
            }
            for (var it = parsed.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!RequestNormalizer.REQUEST_FIELDS.contains(field)) {
                    throw new ConfigurationError("DEFAULT_JOB_JSON: unknown field '" + field + "'; allowed: "
                            + String.join(", ", RequestNormalizer.REQUEST_FIELDS));
                }
            }
            List<String> nulls = new ArrayList<>();
            RequestNormalizer.nullPaths(parsed, "", nulls);
            if (!nulls.isEmpty()) {
                throw new ConfigurationError("DEFAULT_JOB_JSON: null is not allowed (" + String.join(", ", nulls)
                        + "); omit those fields to use the built-in defaults");
            }
            defaultJob = (ObjectNode) parsed;
        }
        return new RequestDefaults(
                Env.value(env, "DEFAULT_IMAGE", null),
                Env.integer(env, "DEFAULT_VCPUS", 1, 1, 192),
                Env.integer(env, "DEFAULT_MEMORY_MIB", 2048, 128, 786_432),
                Env.integer(env, "DEFAULT_RETRY_ATTEMPTS", 3, 1, 10),
                Env.integer(env, "DEFAULT_TIMEOUT_SECONDS", 3600, 60, RequestNormalizer.MAX_TIMEOUT_SECONDS),
                defaultJob);
    }
}
