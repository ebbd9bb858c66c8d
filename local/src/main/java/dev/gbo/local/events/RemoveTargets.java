package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import dev.gbo.local.core.Access;

/** EventBridge RemoveTargets: by id; unknown ids are ignored. */
final class RemoveTargets implements Operation {
    private final EventBridgeStore store;

    RemoveTargets(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "RemoveTargets";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.rule(action, in, c, "Rule");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String rule = Json.requireText(input, "Rule", "ValidationException");
        List<String> ids = new ArrayList<>();
        input.path("Ids").forEach(id -> ids.add(id.asText()));
        store.removeTargets(EventBridgeStore.busName(input, "EventBusName"), rule, ids);
        ObjectNode out = Json.object();
        out.putArray("FailedEntries");
        out.put("FailedEntryCount", 0);
        return out;
    }
}
