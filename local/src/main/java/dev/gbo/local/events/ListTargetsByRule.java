package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge ListTargetsByRule: the targets as they were put. */
final class ListTargetsByRule implements Operation {
    private final EventBridgeStore store;

    ListTargetsByRule(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListTargetsByRule";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.rule(action, in, c, "Rule");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String rule = Json.requireText(input, "Rule", "ValidationException");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Targets");
        store.targets(EventBridgeStore.busName(input, "EventBusName"), rule).forEach(list::add);
        return out;
    }
}
