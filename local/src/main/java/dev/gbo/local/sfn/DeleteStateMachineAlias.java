package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/** Step Functions DeleteStateMachineAlias: the alias only (its versions stay); a missing alias is no error. */
final class DeleteStateMachineAlias implements Operation {
    private final Sfn sfn;

    DeleteStateMachineAlias(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "DeleteStateMachineAlias";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineAliasArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(StateMachineVersions.access(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        sfn.store().versions().deleteAlias(SfnInput.required(in, "stateMachineAliasArn"));
        return Json.object();
    }
}
