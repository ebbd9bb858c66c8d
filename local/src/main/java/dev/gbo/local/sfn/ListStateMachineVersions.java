package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/** Step Functions ListStateMachineVersions: the state machine's versions, newest first, paginated. */
final class ListStateMachineVersions implements Operation {
    private final Sfn sfn;

    ListStateMachineVersions(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "ListStateMachineVersions";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String arn = SfnInput.required(in, "stateMachineArn");
        sfn.store().machine(arn);
        return SfnInput.page(StateMachineVersions.VERSION_PAGES, in, sfn.store().versions().versions(arn), "stateMachineVersions",
                v -> {
                    ObjectNode o = Json.object();
                    o.put("stateMachineVersionArn", v.arn());
                    o.put("creationDate", Execution.seconds(v.creationDate()));
                    return o;
                });
    }
}
