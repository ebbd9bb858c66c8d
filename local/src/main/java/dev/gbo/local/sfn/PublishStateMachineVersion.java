package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * Step Functions PublishStateMachineVersion: a version of the state machine's current revision. Idempotent: a revision
 * already published returns its version. {@code revisionId} publishes only if it is still the current revision
 * ({@code INITIAL}: a state machine never updated), else ConflictException.
 */
final class PublishStateMachineVersion implements Operation {
    private final Sfn sfn;

    PublishStateMachineVersion(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "PublishStateMachineVersion";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String arn = SfnInput.required(in, "stateMachineArn");
        StepFunctionsStore.MachineView view = sfn.store().view(arn);
        if (view.deleting()) {
            throw new AwsException("StateMachineDeleting", 400, "State Machine is being deleted: '" + arn + "'");
        }
        StateMachineRecord rec = view.record();
        String revision = SfnInput.optional(in, "revisionId");
        String current = rec.updateDate() == null ? "INITIAL" : rec.revisionId();
        if (revision != null && !revision.equals(current) && !revision.equals(rec.revisionId())) {
            throw new AwsException("ConflictException", 409, "Failed to publish the State Machine version for revision "
                    + revision + ". The current State Machine revision is " + rec.revisionId() + ".");
        }
        StateMachineVersions.Version v = sfn.store().versions().publish(rec, SfnInput.optional(in, "description"),
                sfn.clock().now());
        ObjectNode out = Json.object();
        out.put("creationDate", Execution.seconds(v.creationDate()));
        out.put("stateMachineVersionArn", v.arn());
        return out;
    }
}
