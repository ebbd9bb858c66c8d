package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** EventBridge ListEventBuses: by name prefix, paged. */
final class ListEventBuses implements Operation {
    private final EventBridgeStore store;

    ListEventBuses(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListEventBuses";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String prefix = Json.text(input, "NamePrefix", "");
        return Listing.page(Listing.BUSES, input, store.buses(prefix), "EventBuses");
    }
}
