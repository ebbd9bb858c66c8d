package dev.gbo.local.batch;

import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.scenario.Scenario;

/**
 * AWS Batch of the local cloud (REST-JSON): compute environments, job queues, job definitions, jobs
 * and tags, with AWS's validation rules, quotas, error codes and messages. One class per operation,
 * named as AWS names it, over the {@link BatchStore} that owns the state; the lifecycle of what they
 * create runs in the {@link Fleet}.
 */
public final class BatchService extends OperationRegistry {
    private final BatchStore store;
    private final Fleet fleet;

    public BatchService(SimClock clock, Scenario scenario, BatchStore store, Fleet fleet) {
        this.store = store;
        this.fleet = fleet;
        ComputeResources resources = new ComputeResources(clock, scenario);
        register(
                new CreateComputeEnvironment(store, fleet, scenario, resources),
                new DescribeComputeEnvironments(store),
                new UpdateComputeEnvironment(store, fleet, resources),
                new DeleteComputeEnvironment(store, fleet),
                new CreateJobQueue(store, fleet),
                new DescribeJobQueues(store),
                new UpdateJobQueue(store, fleet),
                new DeleteJobQueue(store, fleet),
                new RegisterJobDefinition(store),
                new DescribeJobDefinitions(store),
                new DeregisterJobDefinition(store),
                new SubmitJob(store, fleet, clock),
                new DescribeJobs(store),
                new ListJobs(store),
                new CancelJob(store, fleet),
                new TerminateJob(store, fleet),
                new TagResource(store),
                new UntagResource(store),
                new ListTagsForResource(store));
        BatchShapes.INPUTS.forEach(this::shape);
    }

    /** Batch answers a wrong-typed member with SerializationException and a constraint violation with ClientException. */
    @Override
    protected dev.gbo.local.core.Shape.InputErrors inputErrors() {
        return ERRORS;
    }

    private static final dev.gbo.local.core.Shape.InputErrors ERRORS = dev.gbo.local.core.Shape.InputErrors.json(BatchInput::client);

    public BatchStore store() {
        return store;
    }

    public Fleet fleet() {
        return fleet;
    }

    @Override
    public String signingName() {
        return "batch";
    }

    /** Batch (REST-JSON) refuses with HTTP 403 AccessDeniedException. */
    @Override
    public AwsException accessDenied(String message) {
        return new AwsException("AccessDeniedException", 403, message);
    }
}
