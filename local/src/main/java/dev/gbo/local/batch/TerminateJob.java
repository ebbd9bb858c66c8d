package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.req;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.core.Access;
import java.util.List;

/** AWS Batch TerminateJob: the job fails now in any state (isTerminated), without retry. */
final class TerminateJob implements Operation {
    private final BatchStore store;
    private final Fleet fleet;

    TerminateJob(BatchStore store, Fleet fleet) {
        this.store = store;
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "TerminateJob";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/terminatejob");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String job = BatchAccess.job(c, in, "jobId");
        return job == null ? List.of() : List.of(Access.of(action, job));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            Job j = store.job(req(in, "jobId"));
            String reason = req(in, "reason");
            fleet.fail(j, reason, false, true, fx);
            return Json.object();
        });
    }
}
