package dev.gbo.functions;

import dev.gbo.functions.cleanup.OrphanReaper;
import dev.gbo.functions.submit.JobSubmitter;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.verify.BatchJobs;
import dev.gbo.functions.verify.JobEventRouter;
import dev.gbo.functions.verify.JobInspector;
import dev.gbo.functions.verify.LogReader;
import dev.gbo.functions.verify.Reconciler;
import dev.gbo.functions.verify.TaskResumer;
import dev.gbo.functions.verify.VerdictPublisher;
import dev.gbo.model.request.RequestDefaults;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.model.verify.FailureClassifier;
import dev.gbo.model.verify.JobVerifier;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;

/**
 * The one wiring of the functions: the configuration and the SDK clients from a function's environment
 * ({@link #from}; each handler takes the clients it needs, once), and the object graphs built from them
 * (the verifier chain, the submitter, the reaper, the job-event router). NormalizeHandler does not use it:
 * gbo-normalize.jar has no SDK.
 */
record Wiring(Clients clients, Config config, Map<String, String> environment) {

    static Wiring from(Map<String, String> environment) {
        return new Wiring(new Clients(environment), Config.from(environment), environment);
    }

    RequestDefaults defaults() {
        return RequestDefaults.fromEnvironment(environment);
    }

    /** Verifier, inspector (logs), publisher (bus) and confirmer, built once. */
    static Reconciler reconciler(BatchClient batch, CloudWatchLogsClient logs, EventBridgeClient events, Config config) {
        JobInspector inspector = new JobInspector(new LogReader(logs, config.logGroup()), new JobVerifier(new FailureClassifier()));
        return new Reconciler(new BatchJobs(batch), inspector, new VerdictPublisher(events, config.eventBusName()), config);
    }

    static JobSubmitter submitter(BatchClient batch, SfnClient sfn, Config config) {
        return new JobSubmitter(batch, new TaskResumer(sfn), config);
    }

    static JobEventRouter router(SfnClient sfn) {
        return new JobEventRouter(new TaskResumer(sfn));
    }

    static OrphanReaper reaper(BatchClient batch, SfnClient sfn, Config config, RequestDefaults defaults) {
        return new OrphanReaper(batch, new RequestNormalizer(defaults), config,
                arn -> sfn.describeExecution(DescribeExecutionRequest.builder().executionArn(arn).build()).input());
    }

    /** The read-only Batch call every Batch-using handler primes with: a queue that does not exist. */
    static void primeBatch(BatchClient batch, Config config) {
        batch.describeJobQueues(DescribeJobQueuesRequest.builder().jobQueues(config.namePrefix() + "-gbo-priming-does-not-exist").build());
    }
}
