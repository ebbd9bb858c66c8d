package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge DeleteRule: a rule without targets (or with Force); a missing rule is no error, as on AWS. */
final class DeleteRule implements Operation {
    private final EventBridgeStore store;

    DeleteRule(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DeleteRule";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.rule(action, in, c, "Name");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "Name", "ValidationException");
        store.deleteRule(EventBridgeStore.busName(input, "EventBusName"), name, input.path("Force").asBoolean(false));
        return Json.object();
    }
}
