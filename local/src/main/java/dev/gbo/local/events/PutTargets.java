package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge PutTargets: Lambda functions, Step Functions state machines, SQS queues and event buses, at most five per rule; a target that is not valid is a failed entry. */
final class PutTargets implements Operation {
    private final EventBridgeStore store;

    PutTargets(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "PutTargets";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.rule(action, in, c, "Rule");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String rule = Json.requireText(input, "Rule", "ValidationException");
        String bus = EventBridgeStore.busName(input, "EventBusName");
        store.requireRule(bus, rule);
        JsonNode targets = input.path("Targets");
        if (!targets.isArray() || targets.isEmpty() || targets.size() > 100) {
            throw AwsException.validation("1 validation error detected: Value at 'targets' failed to satisfy"
                    + " constraint: Member must have length between 1 and 100");
        }
        ObjectNode out = Json.object();
        ArrayNode failed = out.putArray("FailedEntries");
        for (JsonNode t : targets) {
            String id = Json.requireText(t, "Id", "ValidationException");
            String arn = Json.requireText(t, "Arn", "ValidationException");
            if (!id.matches("[.\\-_A-Za-z0-9]{1,64}")) {
                throw AwsException.validation("1 validation error detected: Value '" + id
                        + "' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: [\\.\\-_A-Za-z0-9]+");
            }
            String problem = TargetInput.check(t);
            if (problem == null) {
                problem = checkTarget(t, arn);
            }
            if (problem != null) {
                failure(failed, id, "ValidationException", problem);
            } else if (!store.putTarget(bus, rule, id, (ObjectNode) t, MAX_TARGETS_PER_RULE)) {
                failure(failed, id, "LimitExceededException", "The requested resource exceeds the maximum number allowed ("
                        + MAX_TARGETS_PER_RULE + " targets per rule).");
            }
        }
        out.put("FailedEntryCount", failed.size());
        return out;
    }

    static final int MAX_TARGETS_PER_RULE = 5;

    private static void failure(ArrayNode failed, String id, String code, String message) {
        ObjectNode f = failed.addObject();
        f.put("TargetId", id);
        f.put("ErrorCode", code);
        f.put("ErrorMessage", message);
    }

    static String checkTarget(JsonNode t, String arn) {
        String[] p = arn.split(":", 6);
        if (p.length < 6 || !"arn".equals(p[0])) {
            return "Target Arn '" + arn + "' is not a valid ARN.";
        }
        switch (p[2]) {
            case "lambda", "sqs", "events" -> {
            }
            case "states" -> {
                if (!t.hasNonNull("RoleArn")) {
                    return "RoleArn is required for target " + arn + ".";
                }
            }
            default -> {
                return "Target " + arn + " is not simulated by the local cloud: it delivers to Lambda functions,"
                        + " Step Functions state machines, SQS queues (in memory) and event buses.";
            }
        }
        JsonNode retry = t.get("RetryPolicy");
        if (retry != null && !retry.isNull()) {
            int attempts = retry.path("MaximumRetryAttempts").asInt(EventRouter.DEFAULT_MAX_RETRIES);
            int age = retry.path("MaximumEventAgeInSeconds").asInt(EventRouter.DEFAULT_MAX_AGE_SECONDS);
            if (attempts < 0 || attempts > 185) {
                return "RetryPolicy.MaximumRetryAttempts must be between 0 and 185.";
            }
            if (age < 60 || age > 86_400) {
                return "RetryPolicy.MaximumEventAgeInSeconds must be between 60 and 86400.";
            }
        }
        JsonNode dlq = t.path("DeadLetterConfig").path("Arn");
        if (!dlq.isMissingNode() && !dlq.asText().startsWith("arn:aws:sqs:")) {
            return "DeadLetterConfig.Arn must be the ARN of an SQS queue, got '" + dlq.asText() + "'.";
        }
        return null;
    }
}
