package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.request.JobRequest;
import dev.gbo.functions.queue.JobDefinitionSpec;
import dev.gbo.functions.queue.QueueEnsurer;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Priming;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;

/**
 * EnsureQueueFunction: receives the whole state, returns {@code queue}. Called again by the state
 * machine (after a Wait) while {@code ready} is false; {@code checks} counts the calls for the
 * current family.
 */
public final class EnsureQueueHandler extends JsonStreamHandler {
    private final BatchClient batch;
    private final QueueEnsurer ensurer;
    private final Config config;

    public EnsureQueueHandler() {
        this(System.getenv());
    }

    public EnsureQueueHandler(Map<String, String> environment) {
        this(new Clients(environment).batch(), Config.from(environment));
    }

    EnsureQueueHandler(BatchClient batch, Config config) {
        this.batch = batch;
        this.config = config;
        this.ensurer = new QueueEnsurer(batch, config);
        registerForSnapStart();
    }

    @Override
    Object handle(JsonNode state) {
        JobRequest request = JobRequest.fromJson(state.get("request"));
        JsonNode capacity = Json.obj(state, "capacity");
        return ensurer.ensure(request, capacity, previousChecks(state, capacity));
    }

    /** Checks of the previous pass count only when they were for the same family. */
    static int previousChecks(JsonNode state, JsonNode capacity) {
        JsonNode queue = Json.obj(state, "queue");
        String family = Json.text(capacity, "family");
        if (family == null || !family.equals(Json.text(queue, "family")) || !queue.path("checks").canConvertToInt()) {
            return 0;
        }
        return queue.path("checks").asInt();
    }

    @Override
    void prime() {
        Priming.step("job definition hash", () -> JobDefinitionSpec.of(config.namePrefix(),
                new dev.gbo.model.request.RequestNormalizer(
                        dev.gbo.model.request.RequestDefaults.fromEnvironment(Map.of()))
                        .normalize(Json.parse(Priming.CONSOLE_REQUEST)), null, null).registerRequest());
        Priming.step("batch DescribeJobQueues", () -> batch.describeJobQueues(
                DescribeJobQueuesRequest.builder().jobQueues(config.namePrefix() + "-gbo-priming-does-not-exist").build()));
    }
}
