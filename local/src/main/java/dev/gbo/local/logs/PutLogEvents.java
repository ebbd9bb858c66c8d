package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.gbo.local.core.Access;

/** CloudWatch Logs PutLogEvents: up to 10,000 events in chronological order, at most 1 MiB. */
final class PutLogEvents implements Operation {
    private final LogsStore store;

    PutLogEvents(LogsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "PutLogEvents";
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
        store.require(group, stream);
        JsonNode events = input.get("logEvents");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw LogsService.invalid("1 validation error detected: Value at 'logEvents' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        if (events.size() > 10_000) {
            throw LogsService.invalid("The batch of log events exceeds 10,000 events.");
        }
        long bytes = 0;
        long previous = Long.MIN_VALUE;
        List<LogsStore.Entry> entries = new ArrayList<>();
        for (JsonNode e : events) {
            if (!e.has("timestamp") || !e.has("message")) {
                throw LogsService.invalid("Each log event needs a timestamp and a message.");
            }
            long t = e.get("timestamp").asLong();
            if (t < previous) {
                throw LogsService.invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
            previous = t;
            bytes += e.get("message").asText().getBytes(StandardCharsets.UTF_8).length + 26;
            entries.add(new LogsStore.Entry(t, e.get("message").asText()));
        }
        if (bytes > 1_048_576) {
            throw LogsService.invalid("The batch of log events is larger than 1,048,576 bytes.");
        }
        long sequence = store.put(group, stream, entries);
        ObjectNode out = Json.object();
        out.put("nextSequenceToken", String.format("%056d", sequence));
        return out;
    }
}
