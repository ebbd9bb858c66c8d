package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * Step Functions ListStateMachineAliases: the state machine's aliases, newest first, paginated; on a version ARN, the
 * aliases that route to that version.
 */
final class ListStateMachineAliases implements Operation {
    private final Sfn sfn;

    ListStateMachineAliases(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "ListStateMachineAliases";
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
        String version = null;
        if (q != null) {
            StateMachineVersions.versionArn(given);
            sfn.store().machine(q.machineArn());
            version = sfn.store().versions().version(given).arn();
        } else {
            sfn.store().machine(given);
        }
        return SfnInput.page(StateMachineVersions.ALIAS_PAGES, in,
                sfn.store().versions().aliases(q == null ? given : q.machineArn(), version), "stateMachineAliases", a -> {
                    ObjectNode o = Json.object();
                    o.put("stateMachineAliasArn", a.arn());
                    o.put("creationDate", Execution.seconds(a.creationDate()));
                    return o;
                });
    }
}
