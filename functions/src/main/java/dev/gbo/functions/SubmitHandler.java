package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.request.JobRequest;
import dev.gbo.functions.submit.JobNames;
import dev.gbo.functions.submit.JobSubmitter;
import dev.gbo.functions.support.Clients;
import dev.gbo.functions.support.Config;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Priming;
import dev.gbo.model.verify.JobFacts;
import dev.gbo.functions.verify.TaskResumer;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * SubmitFunction ({@code lambda:invoke.waitForTaskToken}): Payload is the state's {@code request},
 * {@code capacity}, {@code queue} plus {@code taskToken} ($$.Task.Token), {@code attempt} and
 * {@code executionName} (or {@code executionArn}; carried as {@code gboExecution}). Submits exactly once; the task then waits for JobStateChangeFunction's notice.
 */
public final class SubmitHandler extends JsonStreamHandler {
    private final BatchClient batch;
    private final JobSubmitter submitter;
    private final Config config;

    public SubmitHandler() {
        this(System.getenv());
    }

    public SubmitHandler(Map<String, String> environment) {
        this(new Clients(environment), Config.from(environment));
    }

    private SubmitHandler(Clients clients, Config config) {
        this(clients.batch(), clients.sfn(), config);
    }

    SubmitHandler(BatchClient batch, SfnClient sfn, Config config) {
        this.batch = batch;
        this.config = config;
        this.submitter = new JobSubmitter(batch, new TaskResumer(sfn), config);
        registerForSnapStart();
    }

    @Override
    Object handle(JsonNode input) {
        JobRequest request = JobRequest.fromJson(input.get("request"));
        return submitter.submit(new JobSubmitter.Input(request, Json.obj(input, "capacity"), Json.obj(input, "queue"),
                Json.text(input, "taskToken"), input.path("attempt").asInt(0),
                Optional.ofNullable(Json.text(input, "executionName")).orElse(Json.text(input, "executionArn"))));
    }

    @Override
    void prime() {
        Priming.step("job name", () -> JobNames.jobName(config.namePrefix(), "gbo-priming", "exec-priming", "m8g", 0));
        Priming.step("job facts", () -> JobFacts.fromEvent(Json.parse(Priming.SUCCEEDED_JOB)).terminal());
        Priming.step("batch DescribeJobQueues", () -> batch.describeJobQueues(
                DescribeJobQueuesRequest.builder().jobQueues(config.namePrefix() + "-gbo-priming-does-not-exist").build()));
    }
}
