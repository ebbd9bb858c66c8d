package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** EventBridge DescribeEventBus. */
final class DescribeEventBus implements Operation {
    private final EventBridgeStore store;

    DescribeEventBus(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeEventBus";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        return store.describeBus(EventBridgeStore.busName(input, "Name"));
    }
}
