package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** EventBridge ListRules: a bus's rules by name prefix, paged. */
final class ListRules implements Operation {
    private final EventBridgeStore store;

    ListRules(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListRules";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String bus = EventBridgeStore.busName(input, "EventBusName");
        store.requireBus(bus);
        String prefix = Json.text(input, "NamePrefix", "");
        return Listing.page(Listing.RULES, input, store.rules(bus, prefix), "Rules");
    }
}
