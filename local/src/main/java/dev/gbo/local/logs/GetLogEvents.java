package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;
import dev.gbo.local.core.Access;

/** CloudWatch Logs GetLogEvents: a window of a stream's events, from the head or the tail, with forward and backward tokens. */
final class GetLogEvents implements Operation {
    private final LogsStore store;

    GetLogEvents(LogsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "GetLogEvents";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return LogsAccess.on(action, in, c, "logStreamName");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String group = LogsStore.groupName(input);
        store.require(group, null);
        String stream = Json.requireText(input, "logStreamName", "InvalidParameterException");
        List<LogsStore.LogEvent> events = store.events(group, stream, LogsService.start(input), LogsService.end(input));
        int limit = LogsPages.FORWARD.limit(input);
        boolean fromHead = input.path("startFromHead").asBoolean(false);
        String token = Json.text(input, "nextToken", null);
        int from;
        int to;
        if (token != null && LogsPages.FORWARD.owns(input)) {
            from = LogsPages.FORWARD.position(input, events.size());
            to = Math.min(events.size(), from + limit);
        } else if (token != null) {
            to = LogsPages.BACKWARD.position(input, events.size());
            from = Math.max(0, to - limit);
        } else if (fromHead) {
            from = 0;
            to = Math.min(events.size(), limit);
        } else {
            to = events.size();
            from = Math.max(0, to - limit);
        }
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("events");
        for (LogsStore.LogEvent e : events.subList(from, to)) {
            ObjectNode o = arr.addObject();
            o.put("timestamp", e.timestamp());
            o.put("message", e.message());
            o.put("ingestionTime", e.ingestionTime());
        }
        out.put("nextForwardToken", LogsPages.FORWARD.token(to));
        out.put("nextBackwardToken", LogsPages.BACKWARD.token(from));
        return out;
    }
}
