package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.Collections;
import java.util.List;
import dev.gbo.local.core.Access;

/** Step Functions GetExecutionHistory: the execution's events, optionally newest first and without their data, paginated. */
final class GetExecutionHistory implements Operation {
    private final Sfn sfn;

    GetExecutionHistory(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "GetExecutionHistory";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("executionArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        Execution e = sfn.store().execution(SfnInput.required(in, "executionArn"));
        List<ObjectNode> all = e.events();
        if (in.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(all);
        }
        boolean data = in.path("includeExecutionData").asBoolean(true);
        return SfnInput.page(SfnInput.HISTORY, in, all, "events", ev -> data ? internal(ev) : withoutData(internal(ev)));
    }

    /** Drops the engine's internal thread link ({@link Execution#THREAD}); AWS's previousEventId stays. */
    private static ObjectNode internal(ObjectNode event) {
        if (!event.has(Execution.THREAD)) {
            return event;
        }
        ObjectNode ev = event.deepCopy();
        ev.remove(Execution.THREAD);
        return ev;
    }

    private static ObjectNode withoutData(ObjectNode event) {
        ObjectNode ev = event.deepCopy();
        for (JsonNode det : ev) {
            if (det.isObject()) {
                ObjectNode o = (ObjectNode) det;
                for (String f : List.of("input", "output", "parameters")) {
                    if (o.has(f)) {
                        o.remove(f);
                    }
                }
            }
        }
        return ev;
    }
}
