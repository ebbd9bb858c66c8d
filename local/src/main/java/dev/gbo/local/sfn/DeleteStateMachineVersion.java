package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * Step Functions DeleteStateMachineVersion: refused (ConflictException) while an alias routes to the version; a
 * missing version is no error. Its running executions go on.
 */
final class DeleteStateMachineVersion implements Operation {
    private final Sfn sfn;

    DeleteStateMachineVersion(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "DeleteStateMachineVersion";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineVersionArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(StateMachineVersions.access(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        sfn.store().versions().deleteVersion(SfnInput.required(in, "stateMachineVersionArn"));
        return Json.object();
    }
}
