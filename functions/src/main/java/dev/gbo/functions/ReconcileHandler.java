package dev.gbo.functions;

import dev.gbo.functions.state.Attempt;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Priming;
import dev.gbo.functions.verify.Reconciler;
import dev.gbo.model.support.Json;
import dev.gbo.model.verify.FailureClassifier;
import dev.gbo.model.verify.JobFacts;
import dev.gbo.model.verify.JobVerifier;
import dev.gbo.model.verify.Verdict;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** ReconcileFunction, the state machine's verifier (VerifyJob and Reconcile): see {@link Reconciler}. */
public final class ReconcileHandler extends JsonStreamHandler<Attempt, Verdict> {
    private final BatchClient batch;
    private final Reconciler reconciler;
    private final Config config;

    public ReconcileHandler() {
        this(System.getenv());
    }

    public ReconcileHandler(Map<String, String> environment) {
        this(Wiring.from(environment));
    }

    private ReconcileHandler(Wiring wiring) {
        this(wiring.clients().batch(), wiring.clients().logs(), wiring.clients().eventBridge(), wiring.config());
    }

    ReconcileHandler(BatchClient batch, CloudWatchLogsClient logs, EventBridgeClient events, Config config) {
        super(Attempt.class);
        this.batch = batch;
        this.config = config;
        this.reconciler = Wiring.reconciler(batch, logs, events, config);
        registerForSnapStart();
    }

    @Override
    Verdict handle(Attempt attempt) {
        return reconciler.decide(attempt);
    }

    @Override
    void prime() {
        Priming.step("verifier", () -> Json.toJson(new JobVerifier(new FailureClassifier())
                .verify(JobFacts.fromEvent(Json.parse(Priming.SUCCEEDED_JOB)), List.of("{\"arch\": \"aarch64\"}"))));
        Priming.step("batch DescribeJobQueues", () -> Wiring.primeBatch(batch, config));
    }
}
