package dev.gbo.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAM event-source translation: expands the {@code Events} of {@code AWS::Serverless::Function}
 * and {@code AWS::Serverless::StateMachine} into the CloudFormation resources the SAM translator
 * generates, with SAM's logical ids, so the stack then deploys (and references) them like any other:
 *
 * <ul>
 *   <li>{@code EventBridgeRule}/{@code CloudWatchEvent}: an {@code AWS::Events::Rule} {@code <Owner><Event>}
 *       (EventBusName, EventPattern from Pattern, Name from RuleName, State/Enabled) with one target
 *       (Target.Id, Input, InputPath, InputTransformer, RetryPolicy, DeadLetterConfig);</li>
 *   <li>{@code Schedule}: the same rule with ScheduleExpression (Name, Description, State/Enabled, Input,
 *       RetryPolicy, DeadLetterConfig);</li>
 *   <li>{@code ScheduleV2}: SAM makes an EventBridge Scheduler schedule, which the local cloud does not
 *       have; a rate()/cron() schedule is simulated by an EventBridge schedule rule with the same Input,
 *       and reported as such (Scheduler context attributes, time zones and flexible windows are not
 *       simulated);</li>
 *   <li>for a function: an {@code AWS::Lambda::Permission} {@code <Owner><Event>Permission}; the target is
 *       the AutoPublishAlias when there is one, as SAM does;</li>
 *   <li>for a state machine: the role {@code <Owner><Event>Role} that may start executions (unless the
 *       Schedule gives RoleArn);</li>
 *   <li>{@code DeadLetterConfig: {Type: SQS}}: the queue {@code <Owner><Event>Queue} (or QueueLogicalId)
 *       and its policy {@code <Owner><Event>QueuePolicy}; with {@code Arn} the queue is used as given.</li>
 * </ul>
 *
 * Other event types are returned as notes and reported NOT_SIMULATED.
 */
final class SamEvents {

    /** An event the local deployer does not translate: reported NOT_SIMULATED with the reason. */
    record Untranslated(String logicalId, String type, String reason) {
    }

    private final Map<String, JsonNode> resources;
    private final List<Untranslated> untranslated = new ArrayList<>();

    private SamEvents(Map<String, JsonNode> resources) {
        this.resources = resources;
    }

    /**
     * Adds the generated resources to {@code resources} (active resources, Globals merged; the generated
     * ones inherit their owner's Condition by being present only when it is) and returns the events it
     * could not translate.
     */
    static List<Untranslated> expand(Map<String, JsonNode> resources) {
        SamEvents t = new SamEvents(resources);
        Map<String, JsonNode> generated = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : resources.entrySet()) {
            String type = e.getValue().path("Type").asText();
            if ("AWS::Serverless::Function".equals(type) || "AWS::Serverless::StateMachine".equals(type)) {
                t.owner(e.getKey(), e.getValue(), "AWS::Serverless::Function".equals(type), generated);
            }
        }
        for (String id : generated.keySet()) {
            if (resources.containsKey(id)) {
                throw new DeployException("SAM would generate " + id + " from an event, but the template already"
                        + " has a resource with this logical id");
            }
        }
        resources.putAll(generated);
        return t.untranslated;
    }

    private void owner(String owner, JsonNode resource, boolean function, Map<String, JsonNode> out) {
        JsonNode props = resource.path("Properties");
        Iterator<Map.Entry<String, JsonNode>> events = props.path("Events").fields();
        while (events.hasNext()) {
            Map.Entry<String, JsonNode> ev = events.next();
            String id = owner + ev.getKey();
            String type = ev.getValue().path("Type").asText();
            JsonNode p = ev.getValue().path("Properties");
            switch (type) {
                case "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2" ->
                        rule(owner, props, function, id, type, p, out);
                default -> untranslated.add(new Untranslated(id, "SAM " + type + " event of " + owner,
                        "the local deployer translates EventBridgeRule, CloudWatchEvent, Schedule and ScheduleV2"
                                + " events only"));
            }
        }
    }

    private void rule(String owner, JsonNode ownerProps, boolean function, String id, String type, JsonNode p,
            Map<String, JsonNode> out) {
        boolean schedule = type.startsWith("Schedule");
        if (p.has("State") && p.has("Enabled")) {
            throw new DeployException("Event " + id + ": State and Enabled Properties cannot both be specified.");
        }
        ObjectNode rule = Json.object();
        rule.put("Type", "AWS::Events::Rule");
        ObjectNode rp = rule.putObject("Properties");
        if (schedule) {
            JsonNode expression = p.get(type.equals("ScheduleV2") ? "ScheduleExpression" : "Schedule");
            if (expression == null) {
                throw new DeployException("Event " + id + " (" + type + ") needs "
                        + (type.equals("ScheduleV2") ? "ScheduleExpression" : "Schedule"));
            }
            rp.set("ScheduleExpression", expression);
            copy(p, "Name", rp, "Name");
            copy(p, "Description", rp, "Description");
        } else {
            copy(p, "EventBusName", rp, "EventBusName");
            copy(p, "Pattern", rp, "EventPattern");
            copy(p, "RuleName", rp, "Name");
        }
        if (p.has("State")) {
            rp.set("State", p.get("State"));
        } else if (p.has("Enabled")) {
            rp.put("State", p.get("Enabled").asBoolean(true) ? "ENABLED" : "DISABLED");
        }

        ObjectNode target = Json.object();
        String suffix = function ? "LambdaTarget" : "StepFunctionsTarget";
        target.set("Arn", function ? functionTarget(owner, ownerProps) : ref(owner));
        target.put("Id", p.path("Target").hasNonNull("Id") ? p.path("Target").get("Id").asText() : targetId(id, suffix));
        if (!function) {
            if (p.hasNonNull("RoleArn") && !type.startsWith("EventBridge") && !type.equals("CloudWatchEvent")) {
                target.set("RoleArn", p.get("RoleArn"));
            } else {
                target.set("RoleArn", getAtt(id + "Role", "Arn"));
                out.put(id + "Role", startExecutionRole(owner));
            }
        }
        for (String k : schedule ? List.of("Input") : List.of("Input", "InputPath", "InputTransformer")) {
            copy(p, k, target, k);
        }
        copy(p, "RetryPolicy", target, "RetryPolicy");
        if (p.has("DeadLetterConfig")) {
            target.set("DeadLetterConfig", deadLetterConfig(id, p.get("DeadLetterConfig"), out));
        }
        ArrayNode targets = rp.putArray("Targets");
        targets.add(target);
        if (type.equals("ScheduleV2")) {
            rule.putObject("Metadata").put("gbo:simulates", "SAM ScheduleV2 (EventBridge Scheduler) event of " + owner
                    + ": an EventBridge schedule rule with the same Input; Scheduler context attributes, time zones"
                    + " and flexible time windows are not simulated");
        }
        out.put(id, rule);

        if (function) {
            ObjectNode permission = Json.object();
            permission.put("Type", "AWS::Lambda::Permission");
            ObjectNode pp = permission.putObject("Properties");
            pp.put("Action", "lambda:InvokeFunction");
            pp.set("FunctionName", functionTarget(owner, ownerProps));
            pp.put("Principal", type.equals("ScheduleV2") ? "scheduler.amazonaws.com" : "events.amazonaws.com");
            pp.set("SourceArn", getAtt(id, "Arn"));
            out.put(id + "Permission", permission);
        }
    }

    private JsonNode deadLetterConfig(String id, JsonNode dlq, Map<String, JsonNode> out) {
        boolean arn = dlq.has("Arn");
        boolean typed = dlq.has("Type");
        if (arn == typed) {
            throw new DeployException("Event " + id + ": DeadLetterConfig needs either Arn or Type (SQS), not "
                    + (arn ? "both" : "neither"));
        }
        ObjectNode config = Json.object();
        if (arn) {
            config.set("Arn", dlq.get("Arn"));
            return config;
        }
        if (!"SQS".equals(dlq.get("Type").asText())) {
            throw new DeployException("Event " + id + ": the only valid value for DeadLetterConfig.Type is 'SQS'");
        }
        String queueId = dlq.path("QueueLogicalId").asText(id + "Queue");
        ObjectNode queue = Json.object();
        queue.put("Type", "AWS::SQS::Queue");
        out.put(queueId, queue);
        ObjectNode policy = Json.object();
        policy.put("Type", "AWS::SQS::QueuePolicy");
        policy.putObject("Properties").putArray("Queues").add(ref(queueId));
        out.put(id + "QueuePolicy", policy);
        config.set("Arn", getAtt(queueId, "Arn"));
        return config;
    }

    private static ObjectNode startExecutionRole(String machine) {
        ObjectNode role = Json.object();
        role.put("Type", "AWS::IAM::Role");
        ObjectNode statement = Json.object();
        statement.put("Effect", "Allow").put("Action", "states:StartExecution").set("Resource", ref(machine));
        ObjectNode rp = role.putObject("Properties");
        rp.putObject("AssumeRolePolicyDocument").put("Version", "2012-10-17").putArray("Statement").addObject()
                .put("Effect", "Allow").put("Action", "sts:AssumeRole").putObject("Principal")
                .put("Service", "events.amazonaws.com");
        rp.putArray("Policies").addObject().put("PolicyName", "StartExecutionPolicy").putObject("PolicyDocument")
                .putArray("Statement").add(statement);
        return role;
    }

    /** SAM targets the AutoPublishAlias when the function has one. */
    private static JsonNode functionTarget(String function, JsonNode props) {
        return props.hasNonNull("AutoPublishAlias") ? ref(function + ".Alias") : getAtt(function, "Arn");
    }

    /** SAM's generate_valid_target_id: logical id + suffix, truncated to 64 characters keeping the suffix. */
    static String targetId(String logicalId, String suffix) {
        String id = logicalId + suffix;
        return id.length() <= 64 ? id : logicalId.substring(0, 64 - suffix.length()) + suffix;
    }

    private static void copy(JsonNode from, String key, ObjectNode to, String as) {
        if (from.has(key) && !from.get(key).isNull()) {
            to.set(as, from.get(key));
        }
    }

    private static ObjectNode ref(String name) {
        ObjectNode r = Json.object();
        r.put("Ref", name);
        return r;
    }

    private static ObjectNode getAtt(String id, String attribute) {
        ObjectNode g = Json.object();
        g.putArray("Fn::GetAtt").add(id).add(attribute);
        return g;
    }
}
