package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;
import static dev.gbo.local.batch.BatchInput.state;
import static dev.gbo.local.batch.BatchInput.upper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.CEState;
import dev.gbo.local.fleet.CEStatus;
import dev.gbo.local.fleet.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import dev.gbo.local.core.Access;

/** AWS Batch UpdateComputeEnvironment: state and scaling in place; other computeResources as an infrastructure update (UPDATING). */
final class UpdateComputeEnvironment implements Operation {
    private final BatchStore store;
    private final Fleet fleet;
    private final ComputeResources resources;

    UpdateComputeEnvironment(BatchStore store, Fleet fleet, ComputeResources resources) {
        this.store = store;
        this.fleet = fleet;
        this.resources = resources;
    }

    @Override
    public String name() {
        return "UpdateComputeEnvironment";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/updatecomputeenvironment");
    }

    /** The compute environment; iam:PassRole of a new service role (to Batch) and instance profile's role (to EC2). */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String ce = BatchAccess.arn(c, "compute-environment", in, "computeEnvironment");
        if (ce == null) {
            return List.of();
        }
        List<Access> out = new ArrayList<>();
        out.add(Access.of(action, ce));
        String serviceRole = BatchAccess.text(in, "serviceRole");
        if (serviceRole != null) {
            out.add(Access.passRole(BatchAccess.role(c, serviceRole), "batch.amazonaws.com"));
        }
        String instanceRole = BatchAccess.text(in.path("computeResources"), "instanceRole");
        if (instanceRole != null) {
            out.add(Access.passRole(BatchAccess.instanceProfileRole(c, instanceRole), "ec2.amazonaws.com"));
        }
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            ComputeEnvironment ce = store.computeEnvironment(req(in, "computeEnvironment"));
            if (ce.status == CEStatus.DELETING || ce.status == CEStatus.DELETED) {
                throw client("Compute environment " + ce.name + " is " + ce.status + " and cannot be updated.");
            }
            if (in.hasNonNull("state")) {
                ce.state = CEState.valueOf(state(upper(in.get("state").asText())));
            }
            JsonNode cr = in.get("computeResources");
            boolean infrastructure = cr != null && cr.isObject() && updateResources(ce, cr);
            if (in.hasNonNull("serviceRole")) {
                ce.serviceRole = in.get("serviceRole").asText();
            }
            if (in.hasNonNull("updatePolicy")) {
                ce.updatePolicy = (ObjectNode) in.get("updatePolicy").deepCopy();
            }
            if (infrastructure) {
                ce.status = CEStatus.UPDATING;
                ce.statusReason = "Update of compute environment in progress";
                fleet.onComputeEnvironmentUpdated(ce);
            } else {
                for (JobQueue q : ce.queues) {
                    fleet.onQueueChanged(q);
                }
            }
            ObjectNode out = Json.object();
            out.put("computeEnvironmentName", ce.name);
            out.put("computeEnvironmentArn", ce.arn);
            return out;
        });
    }

    /** Applies the computeResources update; true when it is an infrastructure update (not only scaling). */
    private boolean updateResources(ComputeEnvironment ce, JsonNode cr) {
        if (ce.computeResources == null) {
            throw client("computeResources cannot be updated for an UNMANAGED compute environment.");
        }
        Set<String> scaling = Set.of("minvCpus", "maxvCpus", "desiredvCpus");
        List<String> others = new ArrayList<>();
        cr.fieldNames().forEachRemaining(f -> {
            if (!scaling.contains(f)) {
                others.add(f);
            }
        });
        ObjectNode merged = ce.computeResources.deepCopy();
        cr.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
        boolean infrastructure = false;
        if (!others.isEmpty()) {
            if ("BEST_FIT".equals(ce.allocationStrategy)) {
                throw client("Compute environment " + ce.name + " uses allocationStrategy BEST_FIT, which does not "
                        + "support infrastructure updates: only minvCpus, maxvCpus, desiredvCpus and state can be "
                        + "updated in place (requested: " + String.join(", ", others) + "). Create a new compute "
                        + "environment, or use BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED or "
                        + "SPOT_PRICE_CAPACITY_OPTIMIZED.");
            }
            if ("BEST_FIT".equals(upper(merged.path("allocationStrategy").asText("")))) {
                throw client("allocationStrategy cannot be updated to BEST_FIT.");
            }
            infrastructure = true;
        }
        int max = merged.path("maxvCpus").asInt(ce.maxvCpus);
        int min = merged.path("minvCpus").asInt(0);
        if (min > max || max < 0) {
            throw client("computeResources: minvCpus (" + min + ") must be between 0 and maxvCpus (" + max + ").");
        }
        if (!infrastructure) {
            ce.computeResources = merged;
            ce.maxvCpus = max;
            return false;
        }
        ComputeEnvironment probe = new ComputeEnvironment();
        resources.apply(probe, merged, false);
        if (!Objects.equals(ce.architecture, probe.architecture) && !ce.queues.isEmpty()) {
            for (JobQueue q : ce.queues) {
                for (ComputeEnvironment other : q.order) {
                    if (other != ce && other.architecture != null && !other.architecture.equals(probe.architecture)) {
                        throw client("Compute environment " + ce.name + " is attached to job queue " + q.name
                                + " whose compute environments use " + other.architecture + "; all compute "
                                + "environments of a job queue must share one CPU architecture.");
                    }
                }
            }
        }
        resources.apply(ce, merged, false);
        return true;
    }
}
