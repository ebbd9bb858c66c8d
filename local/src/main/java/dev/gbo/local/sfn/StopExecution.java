package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.time.Instant;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions StopExecution: aborts a running execution (ABORTED, with the given error and cause); a closed one keeps its stop date. */
final class StopExecution implements Operation {
    private final Sfn sfn;

    StopExecution(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "StopExecution";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("executionArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        Execution e = sfn.store().execution(SfnInput.required(in, "executionArn"));
        ObjectNode d = Json.object();
        String error = SfnInput.optional(in, "error");
        String cause = SfnInput.optional(in, "cause");
        if (error != null) {
            d.put("error", error);
        }
        if (cause != null) {
            d.put("cause", cause);
        }
        Instant now = sfn.clock().now();
        if (e.close(now, "ABORTED", "ExecutionAborted", e.eventCount(), "executionAbortedEventDetails", d, null, error,
                cause)) {
            sfn.interpreter().cleanup(e);
        }
        ObjectNode out = Json.object();
        out.put("stopDate", Execution.seconds(e.stopDate() == null ? now : e.stopDate()));
        return out;
    }
}
