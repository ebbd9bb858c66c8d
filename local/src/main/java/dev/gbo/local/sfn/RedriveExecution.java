package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.time.Instant;
import java.util.List;

/**
 * Step Functions RedriveExecution: restarts a FAILED, ABORTED or TIMED_OUT execution from its
 * unsuccessful states with the same input, definition revision and ARN ({@link ExecutionResume#redrive});
 * the successful states, Parallel branches and Map iterations keep their results. The execution is
 * RUNNING again at once (ExecutionRedriven appended to its history, its RUNNING status change queued);
 * the redrive itself runs on the clock. A {@code clientToken} of one of the last 10 successful redrives,
 * used within 15 minutes, answers that redrive's date again without redriving (as AWS documents).
 * Not redrivable: ExecutionNotRedrivable with the reason DescribeExecution reports ({@link Redrive}).
 */
final class RedriveExecution implements Operation {
    private final Sfn sfn;

    RedriveExecution(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "RedriveExecution";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in == null ? "" : in.path("executionArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        Execution e = sfn.store().execution(SfnInput.required(in, "executionArn"));
        String token = SfnInput.optional(in, "clientToken");
        Instant now = sfn.clock().now();
        Instant earlier = e.redrivenWith(token, now);
        if (earlier != null) {
            return answer(earlier);
        }
        ObjectNode event = sfn.store().redrive(e, now, token, sfn.statusChanges()::of);
        sfn.statusChanges().emit(event);
        sfn.clock().submit("sfn redrive " + e.name, () -> ExecutionResume.redrive(sfn.interpreter(), e));
        return answer(now);
    }

    private static JsonNode answer(Instant redriveDate) {
        ObjectNode out = Json.object();
        out.put("redriveDate", Execution.seconds(redriveDate));
        return out;
    }
}
