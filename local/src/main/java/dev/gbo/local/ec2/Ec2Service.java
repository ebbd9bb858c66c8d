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
        declareInputs();
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

    /** Member types as the EC2 API model declares them; ranges are checked by the operations in EC2's words. */
    private void declareInputs() {
        String filter = "Filter: list<{Name: string; Value: list<string>}>";
        shape("DescribeInstanceTypeOfferings", "DryRun: boolean; LocationType: enum(region|availability-zone|availability-zone-id"
                + "|outpost); " + filter + "; MaxResults: int; NextToken: string");
        shape("DescribeInstanceTypes", "DryRun: boolean; InstanceType: list<string>; " + filter + "; MaxResults: int; NextToken: string");
        shape("DescribeSubnets", filter + "; SubnetId: list<string>; NextToken: string; MaxResults: int; DryRun: boolean");
        shape("DescribeAvailabilityZones", "ZoneName: list<string>; ZoneId: list<string>; AllAvailabilityZones: boolean;"
                + " DryRun: boolean; " + filter);
    }

    @Override
    protected boolean textInput() {
        return true;
    }

    @Override
    protected dev.gbo.local.core.Shape.InputErrors inputErrors() {
        return ERRORS;
    }

    /** EC2 answers both kinds with InvalidParameterValue. */
    private static final dev.gbo.local.core.Shape.InputErrors ERRORS = dev.gbo.local.core.Shape.InputErrors.of(
            (path, message) -> new dev.gbo.local.core.AwsException("InvalidParameterValue", 400,
                    "Invalid value for parameter " + path + ": " + message),
            summary -> new dev.gbo.local.core.AwsException("InvalidParameterValue", 400, summary));
}
