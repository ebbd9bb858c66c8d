package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.MAX_COMPUTE_ENVIRONMENTS;
import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.req;
import static dev.gbo.local.batch.BatchInput.resourceName;
import static dev.gbo.local.batch.BatchInput.state;
import static dev.gbo.local.batch.BatchInput.tags;
import static dev.gbo.local.batch.BatchInput.upper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.CEState;
import dev.gbo.local.fleet.CEStatus;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.scenario.Glob;
import dev.gbo.local.scenario.Scenario;
import java.util.Set;
import dev.gbo.local.core.Access;
import java.util.List;
import java.util.ArrayList;

/** AWS Batch CreateComputeEnvironment: a MANAGED or UNMANAGED compute environment, CREATING until the fleet settles it. */
final class CreateComputeEnvironment implements Operation {
    private final BatchStore store;
    private final Fleet fleet;
    private final Scenario scenario;
    private final ComputeResources resources;

    CreateComputeEnvironment(BatchStore store, Fleet fleet, Scenario scenario, ComputeResources resources) {
        this.store = store;
        this.fleet = fleet;
        this.scenario = scenario;
        this.resources = resources;
    }

    @Override
    public String name() {
        return "CreateComputeEnvironment";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/createcomputeenvironment");
    }

    /**
     * The compute environment; batch:TagResource for its tags; iam:PassRole of its service role (to Batch), of its
     * instance profile's role (to EC2) and of its Spot Fleet role (to Spot Fleet); without a service role, the
     * creation of AWSServiceRoleForBatch, and for SPOT without a fleet role that of AWSServiceRoleForEC2Spot,
     * while they do not exist yet.
     */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String ce = BatchAccess.arn(c, "compute-environment", in, "computeEnvironmentName");
        if (ce == null) {
            return List.of();
        }
        List<Access> out = new ArrayList<>();
        out.add(Access.of(action, ce));
        BatchAccess.tagOnCreate(out, ce, in, "CreateComputeEnvironment");
        String serviceRole = BatchAccess.text(in, "serviceRole");
        if (serviceRole != null) {
            out.add(Access.passRole(BatchAccess.role(c, serviceRole), "batch.amazonaws.com"));
        } else if ("MANAGED".equalsIgnoreCase(BatchAccess.text(in, "type"))) {
            out.add(Access.createServiceLinkedRole(c.accountId(), "batch.amazonaws.com", "AWSServiceRoleForBatch"));
        }
        JsonNode cr = in.path("computeResources");
        String instanceRole = BatchAccess.text(cr, "instanceRole");
        if (instanceRole != null) {
            out.add(Access.passRole(BatchAccess.instanceProfileRole(c, instanceRole), "ec2.amazonaws.com"));
        }
        String fleetRole = BatchAccess.text(cr, "spotIamFleetRole");
        if (fleetRole != null) {
            out.add(Access.passRole(BatchAccess.role(c, fleetRole), "spotfleet.amazonaws.com"));
        } else if ("SPOT".equalsIgnoreCase(BatchAccess.text(cr, "type"))) {
            out.add(Access.createServiceLinkedRole(c.accountId(), "spot.amazonaws.com", "AWSServiceRoleForEC2Spot"));
        }
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            String name = resourceName(in, "computeEnvironmentName");
            String type = upper(req(in, "type"));
            if (!Set.of("MANAGED", "UNMANAGED").contains(type)) {
                throw client("type must be MANAGED or UNMANAGED, got '" + type + "'.");
            }
            CEState ceState = CEState.valueOf(state(upper(Json.text(in, "state", "ENABLED"))));
            if (store.hasComputeEnvironment(name)) {
                throw new AwsException("ConflictException", 409, "Object already exists");
            }
            if (store.computeEnvironmentCount() >= MAX_COMPUTE_ENVIRONMENTS) {
                throw client("Maximum number of compute environments (" + MAX_COMPUTE_ENVIRONMENTS + ") reached. "
                        + "This quota cannot be raised: delete a compute environment first.");
            }
            ObjectNode tags = tags(in.get("tags"));
            ComputeEnvironment ce = new ComputeEnvironment();
            ce.name = name;
            ce.arn = store.arn("compute-environment", name);
            ce.uuid = fleet.uuid();
            ce.type = type;
            ce.state = ceState;
            ce.tags = tags;
            ce.serviceRole = Json.text(in, "serviceRole", "arn:aws:iam::" + store.accountId()
                    + ":role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch");
            ce.ecsClusterArn = "arn:aws:ecs:" + store.region() + ":" + store.accountId() + ":cluster/AWSBatch-" + name
                    + "-" + ce.uuid;
            if (in.hasNonNull("updatePolicy")) {
                ce.updatePolicy = (ObjectNode) in.get("updatePolicy").deepCopy();
            }
            JsonNode cr = in.get("computeResources");
            if ("MANAGED".equals(type)) {
                if (cr == null || !cr.isObject()) {
                    throw client("computeResources is required for a MANAGED compute environment.");
                }
                resources.apply(ce, (ObjectNode) cr.deepCopy(), true);
            } else if (cr != null && !cr.isNull()) {
                throw client("computeResources cannot be specified for an UNMANAGED compute environment.");
            }
            for (Scenario.ComputeEnvironmentFault f : scenario.computeEnvironmentFaults()) {
                if (Glob.matches(f.computeEnvironment(), name)) {
                    ce.pendingInvalidReason = f.statusReason();
                    break;
                }
            }
            ce.status = CEStatus.CREATING;
            ce.statusReason = "Creation of compute environment in progress";
            store.putComputeEnvironment(ce);
            fleet.onComputeEnvironmentCreated(ce);
            ObjectNode out = Json.object();
            out.put("computeEnvironmentName", name);
            out.put("computeEnvironmentArn", ce.arn);
            return out;
        });
    }
}
