package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** Step Functions SendTaskSuccess: completes the task waiting on the token with the given output. */
final class SendTaskSuccess implements Operation {
    private final Sfn sfn;

    SendTaskSuccess(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "SendTaskSuccess";
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String token = SfnInput.required(in, "taskToken");
        String output = SfnInput.required(in, "output");
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(output);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("No content to map due to end-of-input");
            }
        } catch (Exception ex) {
            throw new AwsException("InvalidOutput", 400, "Invalid Output: '" + ex.getMessage().split("\n")[0] + "'");
        }
        SfnInput.payloadLimit(output, "output");
        TaskCall call = sfn.store().tokens().claim(token);
        sfn.clock().submit("sfn task success", () -> call.completeSuccess(node));
        return Json.object();
    }
}
