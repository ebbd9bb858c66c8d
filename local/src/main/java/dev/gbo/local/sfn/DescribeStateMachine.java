package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions DescribeStateMachine: its definition, role, configurations and status (DELETING while executions keep a deletion waiting);
 * on a version ARN, that version (its ARN, creation date and description). An alias ARN names no state machine: see DescribeStateMachineAlias. */
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
        return arn.isEmpty() ? List.of() : List.of(StateMachineVersions.access(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String given = SfnInput.required(in, "stateMachineArn");
        StateMachineVersions.Qualified q = StateMachineVersions.qualified(given);
        if (q != null && !q.isVersion()) {
            throw new dev.gbo.local.core.AwsException("StateMachineDoesNotExist", 400, "State Machine Does Not Exist: '" + given + "'");
        }
        StateMachineVersions.Version version = q == null ? null : sfn.store().versions().version(given);
        StepFunctionsStore.MachineView view = sfn.store().view(q == null ? given : q.machineArn());
        StateMachineRecord rec = version == null ? view.record() : version.revision();
        ObjectNode out = Json.object();
        out.put("stateMachineArn", version == null ? rec.arn() : version.arn());
        out.put("name", rec.name());
        out.put("status", view.deleting() ? "DELETING" : "ACTIVE");
        out.put("definition", rec.definition());
        out.put("roleArn", rec.roleArn());
        out.put("type", rec.type());
        out.put("creationDate", Execution.seconds(version == null ? rec.creationDate() : version.creationDate()));
        out.set("loggingConfiguration", rec.loggingConfiguration());
        out.set("tracingConfiguration", rec.tracingConfiguration());
        if (rec.updateDate() != null) {
            // AWS returns revisionId once UpdateStateMachine made a revision; the initial one has none ("INITIAL")
            out.put("revisionId", rec.revisionId());
        }
        if (version != null && version.description() != null) {
            out.put("description", version.description());
        }
        return out;
    }
}
