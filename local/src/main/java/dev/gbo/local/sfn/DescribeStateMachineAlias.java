package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/** Step Functions DescribeStateMachineAlias: its name, description, routes and dates (ResourceNotFound when there is none). */
final class DescribeStateMachineAlias implements Operation {
    private final Sfn sfn;

    DescribeStateMachineAlias(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "DescribeStateMachineAlias";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineAliasArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(StateMachineVersions.access(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        StateMachineVersions.Alias a = sfn.store().versions().alias(SfnInput.required(in, "stateMachineAliasArn"));
        ObjectNode out = Json.object();
        out.put("stateMachineAliasArn", a.arn());
        out.put("name", a.name());
        if (a.description() != null) {
            out.put("description", a.description());
        }
        out.set("routingConfiguration", StateMachineVersions.routing(a.routes()));
        out.put("creationDate", Execution.seconds(a.creationDate()));
        out.put("updateDate", Execution.seconds(a.updateDate()));
        return out;
    }
}
