package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** CloudWatch Logs DescribeLogStreams: by name (with a prefix) or by last event time, paged. */
final class DescribeLogStreams implements Operation {
    private final LogsStore store;

    DescribeLogStreams(LogsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeLogStreams";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return LogsAccess.on(action, in, c, null);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String group = LogsStore.groupName(input);
        store.require(group, null);
        String prefix = Json.text(input, "logStreamNamePrefix", null);
        String orderBy = Json.text(input, "orderBy", "LogStreamName");
        boolean descending = input.path("descending").asBoolean(false);
        if (!"LogStreamName".equals(orderBy) && !"LastEventTime".equals(orderBy)) {
            throw LogsService.invalid("1 validation error detected: Value '" + orderBy + "' at 'orderBy' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if (prefix != null && "LastEventTime".equals(orderBy)) {
            throw LogsService.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        LogsPages.STREAMS.limit(input);
        return LogsPages.STREAMS.page(input, store.streams(group, prefix, "LastEventTime".equals(orderBy), descending),
                "logStreams");
    }
}
