package dev.gbo.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.state.Attempt;
import dev.gbo.functions.job.JobNames;
import dev.gbo.functions.submit.JobSubmitter;
import dev.gbo.functions.support.Config;
import dev.gbo.functions.support.Priming;
import dev.gbo.model.support.Json;
import dev.gbo.model.verify.JobFacts;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * SubmitFunction ({@code lambda:invoke.waitForTaskToken}): the attempt's state plus {@code taskToken},
 * {@code attempt} and {@code executionName} (or {@code executionArn}) in; submits exactly once ({@link JobSubmitter}).
 */
public final class SubmitHandler extends JsonStreamHandler<Attempt, ObjectNode> {
    private final BatchClient batch;
    private final JobSubmitter submitter;
    private final Config config;

    public SubmitHandler() {
        this(System.getenv());
    }

    public SubmitHandler(Map<String, String> environment) {
        this(Wiring.from(environment));
    }

    private SubmitHandler(Wiring wiring) {
        this(wiring.clients().batch(), wiring.clients().sfn(), wiring.config());
    }

    SubmitHandler(BatchClient batch, SfnClient sfn, Config config) {
        super(Attempt.class);
        this.batch = batch;
        this.config = config;
        this.submitter = Wiring.submitter(batch, sfn, config);
        registerForSnapStart();
    }

    @Override
    ObjectNode handle(Attempt attempt) {
        return submitter.submit(attempt);
    }

    @Override
    void prime() {
        Priming.step("job name", () -> JobNames.jobName(config.namePrefix(), "gbo-priming", "exec-priming", "m8g", 0));
        Priming.step("job facts", () -> JobFacts.fromEvent(Json.parse(Priming.SUCCEEDED_JOB)).terminal());
        Priming.step("batch DescribeJobQueues", () -> Wiring.primeBatch(batch, config));
    }
}
