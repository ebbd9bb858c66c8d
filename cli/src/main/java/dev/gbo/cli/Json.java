package dev.gbo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CLI's view of the project's one JSON helper ({@link dev.gbo.model.support.Json}): the same mapper,
 * plus the CLI's own rule that malformed input is a one-line usage error naming the file.
 */
final class Json {
    static final ObjectMapper MAPPER = dev.gbo.model.support.Json.MAPPER;

    private Json() {
    }

    static JsonNode requireObject(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new UsageException(what + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UsageException(what + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    static JsonNode parseOrNull(String text) {
        return dev.gbo.model.support.Json.parseOrNull(text);
    }
}
