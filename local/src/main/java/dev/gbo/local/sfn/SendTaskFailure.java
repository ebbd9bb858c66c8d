package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** Step Functions SendTaskFailure: fails the task waiting on the token with the given error and cause. */
final class SendTaskFailure implements Operation {
    private final Sfn sfn;

    SendTaskFailure(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "SendTaskFailure";
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String token = SfnInput.required(in, "taskToken");
        String error = SfnInput.optional(in, "error");
        String cause = SfnInput.optional(in, "cause");
        if (error != null && error.length() > 256) {
            throw AwsException.validation("1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256");
        }
        if (cause != null && cause.length() > 32768) {
            throw AwsException.validation("1 validation error detected: Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768");
        }
        TaskCall call = sfn.store().tokens().claim(token);
        sfn.clock().submit("sfn task failure", () -> call.completeFailure(error, cause));
        return Json.object();
    }
}
