package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.req;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.fleet.JobStatus;
import java.util.List;
import dev.gbo.local.core.Access;

/** AWS Batch CancelJob: a job not yet STARTING fails (isCancelled); STARTING and RUNNING jobs go on, the call succeeds. */
final class CancelJob implements Operation {
    private final BatchStore store;
    private final Fleet fleet;

    CancelJob(BatchStore store, Fleet fleet) {
        this.store = store;
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "CancelJob";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/canceljob");
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
            cancel(j, reason, fx);
            return Json.object();
        });
    }

    private void cancel(Job j, String reason, List<Runnable> fx) {
        if (j.isArrayParent()) {
            for (Job c : j.children) {
                cancel(c, reason, fx);
            }
            if (!j.terminal() && j.status == JobStatus.SUBMITTED) {
                fleet.fail(j, reason, true, false, fx);
            }
            return;
        }
        if (j.status == JobStatus.SUBMITTED || j.status == JobStatus.PENDING || j.status == JobStatus.RUNNABLE) {
            fleet.fail(j, reason, true, false, fx);
        }
        // STARTING and RUNNING jobs are not cancelled (use TerminateJob); the call still succeeds.
    }
}
