package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions DescribeStateMachineForExecution: the definition and role the execution started with. */
final class DescribeStateMachineForExecution implements Operation {
    private final Sfn sfn;

    DescribeStateMachineForExecution(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "DescribeStateMachineForExecution";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("executionArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        Execution e = sfn.store().execution(SfnInput.required(in, "executionArn"));
        StateMachineRecord rec = e.machine;
        ObjectNode out = Json.object();
        out.put("stateMachineArn", rec.arn());
        out.put("name", rec.name());
        out.put("definition", e.definitionText);
        out.put("roleArn", e.roleArn);
        out.put("updateDate", Execution.seconds(rec.updateDate() != null ? rec.updateDate() : rec.creationDate()));
        out.set("loggingConfiguration", rec.loggingConfiguration());
        out.set("tracingConfiguration", rec.tracingConfiguration());
        if (rec.updateDate() != null) {
            // the execution's revision: none for the initial one, as DescribeStateMachine
            out.put("revisionId", rec.revisionId());
        }
        if (e.mapRun != null) { // a distributed Map's child: the ItemProcessor, named <machine>/<label>
            out.put("mapRunArn", e.mapRun.arn);
            out.put("label", rec.name().substring(rec.name().lastIndexOf('/') + 1));
        }
        return out;
    }
}
