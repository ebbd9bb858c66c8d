package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge PutEvents: up to ten entries, each validated on its own (a bad entry is a failed entry), routed to the matching rules' targets. */
final class PutEvents implements Operation {
    private final EventRouter router;
    private final EventBridgeStore store;
    private final SimClock clock;

    PutEvents(EventRouter router, EventBridgeStore store, SimClock clock) {
        this.router = router;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "PutEvents";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.entries(action, in, c);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        JsonNode entries = input.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'entries' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw AwsException.validation("1 validation error detected: Value at 'entries' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + MAX_ENTRIES);
        }
        long size = 0;
        for (JsonNode en : entries) {
            size += entrySize(en);
        }
        if (size >= MAX_REQUEST_BYTES) {
            throw AwsException.validation("Total size of the entries in the request is over the limit.");
        }
        ObjectNode out = Json.object();
        ArrayNode results = Json.array();
        int failed = 0;
        for (JsonNode en : entries) {
            ObjectNode r = results.addObject();
            String bus = EventBridgeStore.busName(en, "EventBusName");
            String[] error = problem(en, bus);
            if (error != null) {
                r.put("ErrorCode", error[0]);
                r.put("ErrorMessage", error[1]);
                failed++;
                continue;
            }
            Instant time = en.hasNonNull("Time") ? Instant.ofEpochMilli((long) (en.get("Time").asDouble() * 1000))
                    : clock.now();
            ObjectNode event = router.envelope(Json.text(en, "Source", null), Json.text(en, "DetailType", null),
                    Json.parse(Json.text(en, "Detail", null)), time);
            ArrayNode resources = (ArrayNode) event.get("resources");
            en.path("Resources").forEach(resources::add);
            r.put("EventId", event.get("id").asText());
            router.countCustom();
            router.route(bus, event);
        }
        out.put("FailedEntryCount", failed);
        out.set("Entries", results);
        return out;
    }

    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    /** The entry's error code and message, or null when it is valid. */
    private String[] problem(JsonNode en, String bus) {
        String source = Json.text(en, "Source", null);
        String detailType = Json.text(en, "DetailType", null);
        String detailText = Json.text(en, "Detail", null);
        if (source == null || source.isEmpty()) {
            return new String[] {"InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument."};
        }
        if (detailType == null || detailType.isEmpty()) {
            return new String[] {"InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument."};
        }
        if (detailText == null || detailText.isEmpty()) {
            return new String[] {"InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument."};
        }
        if (source.startsWith("aws.")) {
            return new String[] {"NotAuthorizedForSourceException", "Not authorized for the source."};
        }
        JsonNode detail;
        try {
            detail = Json.MAPPER.readTree(detailText);
        } catch (Exception ex) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return new String[] {"MalformedDetail", "Detail is malformed."};
        }
        if (!store.busExists(bus)) {
            return new String[] {"InvalidArgument", "Event bus " + bus + " does not exist."};
        }
        return null;
    }

    /** The size EventBridge counts for an entry (Time 14 bytes, Source, DetailType, Detail, Resources). */
    static long entrySize(JsonNode en) {
        long n = en.hasNonNull("Time") ? 14 : 0;
        for (String f : new String[] {"Source", "DetailType", "Detail"}) {
            n += Json.text(en, f, "").getBytes(StandardCharsets.UTF_8).length;
        }
        for (JsonNode r : en.path("Resources")) {
            n += r.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }
}
