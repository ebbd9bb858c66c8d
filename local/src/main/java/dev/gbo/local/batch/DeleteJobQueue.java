package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.fleet.JQState;
import dev.gbo.local.fleet.JQStatus;
import dev.gbo.local.core.Access;
import java.util.List;

/** AWS Batch DeleteJobQueue: a DISABLED queue goes DELETING, its unfinished jobs are terminated, then it is gone. */
final class DeleteJobQueue implements Operation {
    private final BatchStore store;
    private final Fleet fleet;

    DeleteJobQueue(BatchStore store, Fleet fleet) {
        this.store = store;
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "DeleteJobQueue";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/deletejobqueue");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String q = BatchAccess.arn(c, "job-queue", in, "jobQueue");
        return q == null ? List.of() : List.of(Access.of(action, q));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            JobQueue q = store.jobQueue(req(in, "jobQueue"));
            if (q.state == JQState.ENABLED) {
                throw client("Cannot delete job queue " + q.name + " while it is ENABLED: disable it first.");
            }
            if (q.status != JQStatus.DELETING) {
                q.status = JQStatus.DELETING;
                q.statusReason = "Deletion of job queue in progress";
                fleet.onQueueDeleted(q, fx);
            }
            return Json.object();
        });
    }
}
