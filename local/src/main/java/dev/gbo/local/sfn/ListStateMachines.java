package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** Step Functions ListStateMachines: every state machine by name, paginated. */
final class ListStateMachines implements Operation {
    private final Sfn sfn;

    ListStateMachines(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "ListStateMachines";
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        return SfnInput.page(SfnInput.MACHINES, in, sfn.store().machinesByName(), "stateMachines", r -> {
            ObjectNode o = Json.object();
            o.put("stateMachineArn", r.arn());
            o.put("name", r.name());
            o.put("type", r.type());
            o.put("creationDate", Execution.seconds(r.creationDate()));
            return o;
        });
    }
}
