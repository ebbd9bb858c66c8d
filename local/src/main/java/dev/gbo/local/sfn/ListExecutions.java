package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;
import dev.gbo.local.core.Access;

/** Step Functions ListExecutions: a state machine's executions, newest first, optionally by status and by whether they were redriven, paginated. */
final class ListExecutions implements Operation {
    private final Sfn sfn;

    ListExecutions(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "ListExecutions";
    }

    private static final List<String> STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        if (in.hasNonNull("mapRunArn")) {
            throw AwsException.validation("The local Step Functions engine has no Map runs (distributed Map is not supported); "
                    + "list executions by stateMachineArn.");
        }
        String arn = SfnInput.required(in, "stateMachineArn");
        sfn.store().machine(arn);
        String filter = SfnInput.optional(in, "statusFilter");
        if (filter != null && !STATUSES.contains(filter)) {
            throw AwsException.validation("1 validation error detected: Value '" + filter
                    + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
        }
        List<Execution> all = sfn.store().executionsOf(arn);
        if (filter != null) {
            all.removeIf(e -> !e.status().equals(filter));
        }
        String redriven = SfnInput.optional(in, "redriveFilter");
        if (redriven != null) {
            all.removeIf(e -> (e.redriveCount() > 0) != redriven.equals("REDRIVEN"));
        }
        return SfnInput.page(SfnInput.EXECUTIONS, in, all, "executions", e -> {
            ObjectNode o = Json.object();
            o.put("executionArn", e.arn);
            o.put("stateMachineArn", e.machine.arn());
            o.put("name", e.name);
            o.put("status", e.status());
            o.put("startDate", Execution.seconds(e.startDate));
            if (e.stopDate() != null) {
                o.put("stopDate", Execution.seconds(e.stopDate()));
            }
            o.put("redriveCount", e.redriveCount());
            if (e.redriveDate() != null) {
                o.put("redriveDate", Execution.seconds(e.redriveDate()));
            }
            return o;
        });
    }
}
