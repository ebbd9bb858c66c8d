package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge DeleteEventBus: a custom bus and its rules; deleting a missing bus succeeds. */
final class DeleteEventBus implements Operation {
    private final EventBridgeStore store;

    DeleteEventBus(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DeleteEventBus";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return List.of(Access.of(action, EventsAccess.bus(c, in.path("Name").asText(null))));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = EventBridgeStore.busName(input, "Name");
        if (EventBridgeStore.DEFAULT_BUS.equals(name)) {
            throw AwsException.validation("Cannot delete event bus default.");
        }
        store.deleteBus(name);
        return Json.object();
    }
}
