package dev.gbo.local.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.scenario.Scenario;

/**
 * EC2 (query protocol), read-only over the scenario's world ({@link Ec2World}): the registry of
 * {@link DescribeInstanceTypeOfferings}, {@link DescribeInstanceTypes}, {@link DescribeSubnets} and
 * {@link DescribeAvailabilityZones}. Output member names are the EC2 XML element names. The world never
 * changes, so no lock is needed.
 */
public final class Ec2Service extends OperationRegistry {
    private final Ec2World world;

    public Ec2Service(Scenario scenario, String accountId) {
        this.world = new Ec2World(scenario, accountId);
        register(new DescribeInstanceTypeOfferings(world), new DescribeInstanceTypes(world), new DescribeSubnets(world),
                new DescribeAvailabilityZones(world));
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    /**
     * EC2 refuses with HTTP 403 UnauthorizedOperation, "You are not authorized to perform this operation."
     * before IAM's sentence; for its Describe actions (no resource-level permissions) IAM names no resource.
     */
    @Override
    public AwsException accessDenied(String message) {
        return new AwsException("UnauthorizedOperation", 403, "You are not authorized to perform this operation. "
                + message.replace(" on resource: * ", " "));
    }

    /** An action EC2 does not serve is {@code InvalidAction}, as EC2 answers it. */
    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        if (operations().stream().noneMatch(op -> op.name().equals(operation))) {
            throw new AwsException("InvalidAction", 400,
                    "The action " + operation + " is not valid for this web service (the local cloud's EC2 serves "
                            + "DescribeInstanceTypeOfferings, DescribeInstanceTypes, DescribeSubnets, "
                            + "DescribeAvailabilityZones).");
        }
        return super.call(operation, input, context);
    }

    /** Whether EC2 offers the type in any zone of the region (what DescribeInstanceTypes lists). */
    public boolean offeredInRegion(String type) {
        return world.offeredInRegion(type);
    }
}
