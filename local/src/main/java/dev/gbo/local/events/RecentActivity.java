package dev.gbo.local.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of what EventBridge did recently, for a console: AWS has no API that lists the
 * events a bus received or which rule and target got each of them, nor one that reads a dead-letter
 * queue without consuming it. Built from copies the {@link EventBridgeStore} and
 * {@link DeadLetterQueues} hand out; it changes nothing.
 *
 * <pre>{@code
 * {"buses": [{"name", "arn", "events": [{"id", "receivedAt", "source", "detailType", "event": {...},
 *             "deliveries": [{"at", "rule", "ruleArn", "targetId", "targetArn", "outcome", "detail"}]}]}],
 *  "deadLetterQueues": [{"name", "arn", "url", "messages": [{"messageId", "sentAt", "attributes": {...}, "body"}]}]}
 * }</pre>
 */
final class RecentActivity {
    private RecentActivity() {
    }

    static ObjectNode of(EventBridgeStore store, DeadLetterQueues deadLetters, int perBus) {
        Map<String, List<EventBridgeService.Delivery>> byEvent = new LinkedHashMap<>();
        for (EventBridgeService.Delivery d : store.deliveries()) {
            byEvent.computeIfAbsent(d.eventId(), k -> new ArrayList<>()).add(d);
        }
        ObjectNode out = Json.object();
        ArrayNode buses = out.putArray("buses");
        for (String name : store.busNames()) {
            ObjectNode bus = buses.addObject();
            bus.put("name", name);
            bus.put("arn", store.busArn(name));
            ArrayNode events = bus.putArray("events");
            List<EventBridgeService.BusEvent> received = store.received(name);
            for (int i = received.size() - 1; i >= 0 && events.size() < perBus; i--) {
                EventBridgeService.BusEvent e = received.get(i);
                ObjectNode o = events.addObject();
                String id = e.event().path("id").asText();
                o.put("id", id);
                o.put("receivedAt", e.at().toString());
                o.put("source", e.event().path("source").asText());
                o.put("detailType", e.event().path("detail-type").asText());
                o.set("event", e.event());
                ArrayNode deliveries = o.putArray("deliveries");
                for (EventBridgeService.Delivery d : byEvent.getOrDefault(id, List.of())) {
                    if (d.ruleArn() == null || !EventRouter.busOfRule(d.ruleArn()).equals(name)) {
                        continue;
                    }
                    ObjectNode x = deliveries.addObject();
                    x.put("at", d.at().toString());
                    x.put("rule", d.ruleArn().substring(d.ruleArn().lastIndexOf('/') + 1));
                    x.put("ruleArn", d.ruleArn());
                    x.put("targetId", d.targetId());
                    x.put("targetArn", d.targetArn());
                    x.put("outcome", d.outcome());
                    x.put("detail", d.detail());
                }
            }
        }
        ArrayNode queues = out.putArray("deadLetterQueues");
        for (DeadLetterQueues.Queue q : deadLetters.queues().stream()
                .sorted(java.util.Comparator.comparing(DeadLetterQueues.Queue::name)).toList()) {
            ObjectNode o = queues.addObject();
            o.put("name", q.name());
            o.put("arn", q.arn());
            o.put("url", q.url());
            ArrayNode messages = o.putArray("messages");
            List<DeadLetterQueues.Message> list = deadLetters.messages(q.arn());
            for (int i = list.size() - 1; i >= 0; i--) {
                DeadLetterQueues.Message m = list.get(i);
                ObjectNode x = messages.addObject();
                x.put("messageId", m.messageId());
                x.put("sentAt", m.sentAt().toString());
                ObjectNode attrs = x.putObject("attributes");
                m.attributes().forEach(attrs::put);
                x.put("body", m.body());
            }
        }
        return out;
    }
}
