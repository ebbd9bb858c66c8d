package dev.gbo.functions;

import dev.gbo.functions.queue.JobDefinitionSpec;
import dev.gbo.functions.queue.QueueEnsurer;
import dev.gbo.functions.state.ExecutionState;
import dev.gbo.functions.state.QueueState;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Priming;
import dev.gbo.model.request.RequestDefaults;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.model.support.Json;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * EnsureQueueFunction: the whole state in, {@code queue} out. Called again (after a Wait) while {@code ready} is
 * false; {@code checks} counts the calls for the current family ({@link QueueState#previousChecks}).
 */
public final class EnsureQueueHandler extends JsonStreamHandler<ExecutionState, QueueState> {
    private final BatchClient batch;
    private final QueueEnsurer ensurer;
    private final Config config;

    public EnsureQueueHandler() {
        this(System.getenv());
    }

    public EnsureQueueHandler(Map<String, String> environment) {
        this(Wiring.from(environment));
    }

    private EnsureQueueHandler(Wiring wiring) {
        this(wiring.clients().batch(), wiring.config());
    }

    EnsureQueueHandler(BatchClient batch, Config config) {
        super(ExecutionState.class);
        this.batch = batch;
        this.config = config;
        this.ensurer = new QueueEnsurer(batch, config);
        registerForSnapStart();
    }

    @Override
    QueueState handle(ExecutionState state) {
        String family = state.capacity() == null ? null : state.capacity().family();
        return ensurer.ensure(state.request(), state.capacity(), QueueState.previousChecks(state.queue(), family));
    }

    @Override
    void prime() {
        Priming.step("state binding", () -> Priming.bindSampleState(ExecutionState.class));
        Priming.step("job definition hash", () -> JobDefinitionSpec.of(config.namePrefix(), new RequestNormalizer(
                RequestDefaults.fromEnvironment(Map.of())).normalize(Json.parse(Priming.CONSOLE_REQUEST)), null, null).registerRequest());
        Priming.step("batch DescribeJobQueues", () -> Wiring.primeBatch(batch, config));
    }
}
