package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge DisableRule (events and schedules no longer go to its targets). */
final class DisableRule implements Operation {
    private final EventBridgeStore store;

    DisableRule(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DisableRule";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.rule(action, in, c, "Name");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "Name", "ValidationException");
        store.setState(EventBridgeStore.busName(input, "EventBusName"), name, EventBridgeStore.RuleState.DISABLED);
        return Json.object();
    }
}
