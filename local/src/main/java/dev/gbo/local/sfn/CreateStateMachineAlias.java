package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * Step Functions CreateStateMachineAlias: an alias ({@code <stateMachineArn>:<name>}) routing to one or two versions of
 * one state machine, weights summing to 100. Idempotent for the same name, description and routes; another
 * configuration under the name is a ConflictException.
 */
final class CreateStateMachineAlias implements Operation {
    private final Sfn sfn;

    CreateStateMachineAlias(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "CreateStateMachineAlias";
    }

    /** The state machine of the first route's version, with the alias name as {@code states:StateMachineQualifier}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        StateMachineVersions.Qualified q = StateMachineVersions.qualified(
                in.path("routingConfiguration").path(0).path("stateMachineVersionArn").asText(""));
        String name = in.path("name").asText("");
        if (q == null || name.isEmpty()) {
            return List.of();
        }
        return List.of(Access.of(action, q.machineArn()).with("states:StateMachineQualifier", name));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String name = SfnInput.required(in, "name");
        List<StateMachineVersions.Route> routes = sfn.store().versions().routes(in.path("routingConfiguration"));
        String machine = StateMachineVersions.machineOf(routes);
        if (sfn.store().view(machine).deleting()) {
            throw new AwsException("StateMachineDeleting", 400, "State Machine is being deleted: '" + machine + "'");
        }
        StateMachineVersions.Alias a = sfn.store().versions().createAlias(name, SfnInput.optional(in, "description"), routes,
                sfn.clock().now());
        ObjectNode out = Json.object();
        out.put("stateMachineAliasArn", a.arn());
        out.put("creationDate", Execution.seconds(a.creationDate()));
        return out;
    }
}
