package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.cleanup.OrphanReaper;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Priming;
import dev.gbo.model.request.RequestDefaults;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * CleanupFunction, the EventBridge target of "Step Functions Execution Status Change" (FAILED, TIMED_OUT,
 * ABORTED): terminates the Batch jobs the execution left running ({@link OrphanReaper}).
 */
public final class CleanupHandler extends JsonStreamHandler<JsonNode, ObjectNode> {
    private final BatchClient batch;
    private final OrphanReaper reaper;
    private final Config config;

    public CleanupHandler() {
        this(System.getenv());
    }

    public CleanupHandler(Map<String, String> environment) {
        this(Wiring.from(environment));
    }

    private CleanupHandler(Wiring wiring) {
        this(wiring.clients().batch(), wiring.clients().sfn(), wiring.config(), wiring.defaults());
    }

    CleanupHandler(BatchClient batch, SfnClient sfn, Config config, RequestDefaults defaults) {
        super(JsonNode.class);
        this.batch = batch;
        this.config = config;
        this.reaper = Wiring.reaper(batch, sfn, config, defaults);
        registerForSnapStart();
    }

    @Override
    ObjectNode handle(JsonNode event) {
        return reaper.handle(event);
    }

    @Override
    void prime() {
        Priming.step("batch DescribeJobQueues", () -> Wiring.primeBatch(batch, config));
    }
}
