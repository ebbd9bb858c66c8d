package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions DescribeStateMachine: its definition, role, configurations and status (DELETING while executions keep a deletion waiting). */
final class DescribeStateMachine implements Operation {
    private final Sfn sfn;

    DescribeStateMachine(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "DescribeStateMachine";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        StepFunctionsStore.MachineView view = sfn.store().view(SfnInput.required(in, "stateMachineArn"));
        StateMachineRecord rec = view.record();
        ObjectNode out = Json.object();
        out.put("stateMachineArn", rec.arn());
        out.put("name", rec.name());
        out.put("status", view.deleting() ? "DELETING" : "ACTIVE");
        out.put("definition", rec.definition());
        out.put("roleArn", rec.roleArn());
        out.put("type", rec.type());
        out.put("creationDate", Execution.seconds(rec.creationDate()));
        out.set("loggingConfiguration", rec.loggingConfiguration());
        out.set("tracingConfiguration", rec.tracingConfiguration());
        if (rec.updateDate() != null) {
            // AWS returns revisionId once UpdateStateMachine made a revision; the initial one has none ("INITIAL")
            out.put("revisionId", rec.revisionId());
        }
        return out;
    }
}
