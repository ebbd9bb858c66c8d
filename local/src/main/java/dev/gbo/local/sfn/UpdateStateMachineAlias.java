package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/** Step Functions UpdateStateMachineAlias: a new description and/or routing configuration (checked as at creation). */
final class UpdateStateMachineAlias implements Operation {
    private final Sfn sfn;

    UpdateStateMachineAlias(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "UpdateStateMachineAlias";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineAliasArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(StateMachineVersions.access(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String arn = SfnInput.required(in, "stateMachineAliasArn");
        StateMachineVersions.Qualified q = StateMachineVersions.aliasArn(arn);
        if (!in.hasNonNull("description") && !in.hasNonNull("routingConfiguration")) {
            throw new AwsException("MissingRequiredParameter", 400,
                    "Either the description or the RoutingConfiguration must be specified");
        }
        List<StateMachineVersions.Route> routes = in.hasNonNull("routingConfiguration")
                ? sfn.store().versions().routes(in.get("routingConfiguration")) : null;
        sfn.store().versions().alias(arn);
        if (sfn.store().view(q.machineArn()).deleting()) {
            throw new AwsException("StateMachineDeleting", 400, "State Machine is being deleted: '" + q.machineArn() + "'");
        }
        StateMachineVersions.Alias a = sfn.store().versions().updateAlias(arn, SfnInput.optional(in, "description"), routes,
                sfn.clock().now());
        ObjectNode out = Json.object();
        out.put("updateDate", Execution.seconds(a.updateDate()));
        return out;
    }
}
