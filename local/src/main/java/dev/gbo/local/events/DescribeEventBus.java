package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

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
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return List.of(Access.of(action, EventsAccess.bus(c, in.path("Name").asText(null))));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        return store.describeBus(EventBridgeStore.busName(input, "Name"));
    }
}
