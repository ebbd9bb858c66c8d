package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.support.Priming;
import dev.gbo.functions.verify.JobEventRouter;
import dev.gbo.model.support.Json;
import dev.gbo.model.verify.JobFacts;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;

/**
 * JobStateChangeFunction, the EventBridge target for "Batch Job State Change": heartbeat, or wake the task with a
 * notice; it gives no verdict (VerifyJob does). See {@link JobEventRouter}.
 */
public final class JobStateChangeHandler extends JsonStreamHandler<JsonNode, ObjectNode> {
    static final String DETAIL_TYPE = JobEventRouter.DETAIL_TYPE;

    private final SfnClient sfn;
    private final JobEventRouter router;

    public JobStateChangeHandler() {
        this(System.getenv());
    }

    public JobStateChangeHandler(Map<String, String> environment) {
        this(Wiring.from(environment));
    }

    private JobStateChangeHandler(Wiring wiring) {
        this(wiring.clients().sfn());
    }

    JobStateChangeHandler(SfnClient sfn) {
        super(JsonNode.class);
        this.sfn = sfn;
        this.router = Wiring.router(sfn);
        registerForSnapStart();
    }

    @Override
    ObjectNode handle(JsonNode event) {
        return router.route(event);
    }

    @Override
    void prime() {
        Priming.step("job facts", () -> JobFacts.fromEvent(Json.parse(Priming.SUCCEEDED_JOB)).terminal());
        Priming.step("sfn SendTaskHeartbeat (invalid token)", () -> sfn.sendTaskHeartbeat(
                SendTaskHeartbeatRequest.builder().taskToken("gbo-priming-invalid-token").build()));
    }
}
