package dev.gbo.model.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.support.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical request of docs/contracts.md, as NormalizeHandler returns it and every later state
 * carries it in {@code $.request}.
 */
public record JobRequest(
        String requestId,
        ObjectNode source,
        String name,
        String image,
        List<String> command,
        int vcpus,
        int memoryMiB,
        Map<String, String> environment,
        Map<String, String> parameters,
        int arraySize,
        Retry retry,
        int timeoutSeconds,
        Verify verify) {

    public JobRequest {
        command = List.copyOf(command);
        environment = new TreeMap<>(environment);
        parameters = new TreeMap<>(parameters);
    }

    public record Retry(int attempts) {
    }

    public record Verify(int exitCode, String architecture, List<String> logContains) {
        public Verify {
            logContains = logContains == null ? List.of() : List.copyOf(logContains);
        }
    }

    /** Reads {@code $.request} as the state machine carries it. */
    public static JobRequest fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("state has no 'request' object; NormalizeHandler output must be at $.request");
        }
        try {
            return Json.MAPPER.treeToValue(node, JobRequest.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("state 'request' is not a canonical request: " + e.getMessage(), e);
        }
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }
}
