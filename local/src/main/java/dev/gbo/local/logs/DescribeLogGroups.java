package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** CloudWatch Logs DescribeLogGroups: by name prefix, paged. */
final class DescribeLogGroups implements Operation {
    private final LogsStore store;

    DescribeLogGroups(LogsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeLogGroups";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return List.of(Access.of(action, "arn:aws:logs:" + c.region() + ":" + c.accountId() + ":log-group::log-stream:"));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String prefix = Json.text(input, "logGroupNamePrefix", "");
        LogsPages.GROUPS.limit(input);
        return LogsPages.GROUPS.page(input, store.groups(prefix), "logGroups");
    }
}
