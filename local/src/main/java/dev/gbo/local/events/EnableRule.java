package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge EnableRule (a schedule starts firing again). */
final class EnableRule implements Operation {
    private final EventBridgeStore store;

    EnableRule(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "EnableRule";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.rule(action, in, c, "Name");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "Name", "ValidationException");
        store.setState(EventBridgeStore.busName(input, "EventBusName"), name, EventBridgeStore.RuleState.ENABLED);
        return Json.object();
    }
}
