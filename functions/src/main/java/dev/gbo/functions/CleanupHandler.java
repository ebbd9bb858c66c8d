package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.cleanup.OrphanReaper;
import dev.gbo.model.request.RequestDefaults;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;

/**
 * CleanupFunction, the EventBridge target of "Step Functions Execution Status Change" for the
 * orchestrator's executions that end FAILED, TIMED_OUT or ABORTED: terminates the Batch jobs they
 * left running ({@link OrphanReaper}).
 */
public final class CleanupHandler extends JsonStreamHandler {
    static final String DETAIL_TYPE = "Step Functions Execution Status Change";

    private final BatchClient batch;
    private final OrphanReaper reaper;
    private final Config config;

    public CleanupHandler() {
        this(System.getenv());
    }

    public CleanupHandler(Map<String, String> environment) {
        this(new Clients(environment), environment);
    }

    private CleanupHandler(Clients clients, Map<String, String> environment) {
        this(clients.batch(), clients.sfn(), Config.from(environment), RequestDefaults.fromEnvironment(environment));
    }

    CleanupHandler(BatchClient batch, SfnClient sfn, Config config, RequestDefaults defaults) {
        this.batch = batch;
        this.config = config;
        this.reaper = new OrphanReaper(batch, new RequestNormalizer(defaults), config,
                arn -> sfn.describeExecution(DescribeExecutionRequest.builder().executionArn(arn).build()).input());
        registerForSnapStart();
    }

    @Override
    Object handle(JsonNode event) {
        if (!DETAIL_TYPE.equals(Json.text(event, "detail-type")) || !event.path("detail").isObject()) {
            Log.info("cleanup.ignored", "detailType", Json.text(event, "detail-type"));
            return Json.object().put("ignored", "not a Step Functions Execution Status Change");
        }
        return reaper.reap(event.get("detail"));
    }

    @Override
    void prime() {
        Priming.step("batch DescribeJobQueues", () -> batch.describeJobQueues(
                DescribeJobQueuesRequest.builder().jobQueues(config.namePrefix() + "-gbo-priming-does-not-exist").build()));
    }
}
