package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import dev.gbo.local.core.Access;

/** CloudWatch Logs FilterLogEvents: the events matching a filter pattern across streams, by time, paged. */
final class FilterLogEvents implements Operation {
    private final LogsStore store;

    FilterLogEvents(LogsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "FilterLogEvents";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return LogsAccess.on(action, in, c, null);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String group = LogsStore.groupName(input);
        store.require(group, null);
        List<String> names = new ArrayList<>();
        JsonNode sn = input.get("logStreamNames");
        if (sn != null && sn.isArray()) {
            sn.forEach(n -> names.add(n.asText()));
        }
        String prefix = Json.text(input, "logStreamNamePrefix", null);
        if (!names.isEmpty() && prefix != null) {
            throw LogsService.invalid("You cannot specify both logStreamNames and logStreamNamePrefix.");
        }
        FilterPattern pattern = FilterPattern.parse(Json.text(input, "filterPattern", ""));
        LogsPages.FILTERED.limit(input);
        LogsStore.Found found = store.filter(group, names, prefix, LogsService.start(input), LogsService.end(input), pattern);
        List<ObjectNode> rows = new ArrayList<>();
        for (LogsStore.Hit h : found.hits()) {
            ObjectNode o = Json.object();
            o.put("logStreamName", h.stream());
            o.put("timestamp", h.event().timestamp());
            o.put("message", h.event().message());
            o.put("ingestionTime", h.event().ingestionTime());
            o.put("eventId", String.format("%056d", h.event().sequence()));
            rows.add(o);
        }
        ObjectNode out = LogsPages.FILTERED.page(input, rows, "events");
        JsonNode next = out.remove("nextToken");
        ArrayNode searched = out.putArray("searchedLogStreams");
        for (String s : found.searched()) {
            ObjectNode o = searched.addObject();
            o.put("logStreamName", s);
            o.put("searchedCompletely", true);
        }
        if (next != null) {
            out.set("nextToken", next);
        }
        return out;
    }
}
