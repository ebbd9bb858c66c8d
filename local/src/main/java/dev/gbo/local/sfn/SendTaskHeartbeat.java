package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** Step Functions SendTaskHeartbeat: restarts the heartbeat timeout of the task waiting on the token. */
final class SendTaskHeartbeat implements Operation {
    private final Sfn sfn;

    SendTaskHeartbeat(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "SendTaskHeartbeat";
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        TaskCall call = sfn.store().tokens().find(SfnInput.required(in, "taskToken"));
        sfn.clock().submit("sfn task heartbeat", call::heartbeat);
        return Json.object();
    }
}
