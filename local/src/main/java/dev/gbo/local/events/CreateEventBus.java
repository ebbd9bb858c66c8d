package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge CreateEventBus: a custom bus (partner buses by their {@code aws.partner/} name). */
final class CreateEventBus implements Operation {
    private final EventBridgeStore store;

    CreateEventBus(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "CreateEventBus";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return List.of(Access.of(action, EventsAccess.bus(c, in.path("Name").asText(null))));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "Name", "ValidationException");
        if (!name.matches("[/.\\-_A-Za-z0-9]{1,256}") || name.contains("/") && !name.startsWith("aws.partner/")) {
            throw AwsException.validation("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [/\\.\\-_A-Za-z0-9]+");
        }
        ObjectNode out = Json.object();
        out.put("EventBusArn", store.createBus(name));
        return out;
    }
}
