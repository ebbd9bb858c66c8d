package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.RequestContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The ARNs EventBridge's actions are authorized on: {@code arn:aws:events:R:A:event-bus/NAME} (PutEvents, per
 * entry, with the {@code events:source} and {@code events:detail-type} condition keys; the bus actions) and
 * the rule's {@code rule/NAME} on the default bus or {@code rule/BUS/NAME} on another (the rule and target
 * actions). A bus may be named or given by ARN; no bus is the default one.
 */
final class EventsAccess {

    private EventsAccess() {
    }

    static String bus(RequestContext c, String nameOrArn) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return "arn:aws:events:" + c.region() + ":" + c.accountId() + ":event-bus/"
                + (nameOrArn == null || nameOrArn.isEmpty() ? EventBridgeStore.DEFAULT_BUS : nameOrArn);
    }

    /** The action on the rule named by {@code ruleMember} on the bus of {@code EventBusName}. */
    static List<Access> rule(String action, JsonNode in, RequestContext c, String ruleMember) {
        String rule = in.path(ruleMember).asText("");
        if (rule.isEmpty()) {
            return List.of();
        }
        String bus = in.path("EventBusName").asText("");
        if (bus.contains(":event-bus/")) {
            bus = bus.substring(bus.indexOf(":event-bus/") + ":event-bus/".length());
        }
        String path = bus.isEmpty() || bus.equals(EventBridgeStore.DEFAULT_BUS) ? rule : bus + "/" + rule;
        return List.of(Access.of(action, "arn:aws:events:" + c.region() + ":" + c.accountId() + ":rule/" + path));
    }

    /** PutEvents: the bus of every entry, with the entry's source and detail type. */
    static List<Access> entries(String action, JsonNode in, RequestContext c) {
        List<Access> out = new ArrayList<>();
        for (JsonNode e : in.path("Entries")) {
            Access a = Access.of(action, bus(c, e.path("EventBusName").asText(null)));
            if (e.hasNonNull("Source")) {
                a = a.with("events:source", e.get("Source").asText());
            }
            if (e.hasNonNull("DetailType")) {
                a = a.with("events:detail-type", e.get("DetailType").asText());
            }
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }
}
