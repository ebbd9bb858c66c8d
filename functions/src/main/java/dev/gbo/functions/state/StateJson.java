package dev.gbo.functions.state;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.support.Json;

/**
 * Binds a handler's JSON input into its record, once: unknown members are ignored (the state carries more than
 * each handler reads); a missing required member fails with the clear message the record's constructor gives.
 */
public final class StateJson {
    private StateJson() {
    }

    public static <T> T bind(JsonNode node, Class<T> type) {
        if (type.isInstance(node)) {
            return type.cast(node);
        }
        JsonNode object = node != null && node.isObject() ? node : Json.object();
        try {
            return Json.MAPPER.treeToValue(object, type);
        } catch (JsonMappingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException clear && c.getMessage() != null && c.getMessage().startsWith("state ")) {
                    throw clear;
                }
            }
            String path = e.getPathReference() == null ? "" : e.getPathReference();
            if (path.contains("[\"request\"]")) {
                throw new IllegalArgumentException("state 'request' is not a canonical request: " + e.getOriginalMessage(), e);
            }
            throw new IllegalArgumentException("input is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("input is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
