package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** EventBridge DescribeRule. */
final class DescribeRule implements Operation {
    private final EventBridgeStore store;

    DescribeRule(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeRule";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "Name", "ValidationException");
        return store.describeRule(EventBridgeStore.busName(input, "EventBusName"), name);
    }
}
