package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions DeleteStateMachine: at once, or when its open executions have closed (DELETING meanwhile); a missing one is no error. */
final class DeleteStateMachine implements Operation {
    private final Sfn sfn;

    DeleteStateMachine(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "DeleteStateMachine";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String arn = SfnInput.required(in, "stateMachineArn");
        if (!SfnInput.SM_ARN.matcher(arn).matches()) {
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        sfn.store().deleteMachine(arn);
        return Json.object();
    }
}
