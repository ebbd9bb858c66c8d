package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.CEState;
import dev.gbo.local.fleet.CEStatus;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.core.Access;
import java.util.List;

/** AWS Batch DeleteComputeEnvironment: a DISABLED environment no queue uses goes DELETING, then the fleet forgets it. */
final class DeleteComputeEnvironment implements Operation {
    private final BatchStore store;
    private final Fleet fleet;

    DeleteComputeEnvironment(BatchStore store, Fleet fleet) {
        this.store = store;
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "DeleteComputeEnvironment";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/deletecomputeenvironment");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String ce = BatchAccess.arn(c, "compute-environment", in, "computeEnvironment");
        return ce == null ? List.of() : List.of(Access.of(action, ce));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            ComputeEnvironment ce = store.computeEnvironment(req(in, "computeEnvironment"));
            if (!ce.queues.isEmpty()) {
                throw client("Cannot delete, found existing JobQueue relationship");
            }
            if (ce.state == CEState.ENABLED) {
                throw client("Cannot delete compute environment " + ce.name + " while it is ENABLED: disable it first.");
            }
            if (ce.status != CEStatus.DELETING) {
                ce.status = CEStatus.DELETING;
                ce.statusReason = "Deletion of compute environment in progress";
                fleet.onComputeEnvironmentDeleted(ce);
            }
            return Json.object();
        });
    }
}
