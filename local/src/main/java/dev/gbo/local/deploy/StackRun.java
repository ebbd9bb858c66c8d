package dev.gbo.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.events.EventBridgeService;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One deployment of a template as a stack: resolves Parameters (defaults, overrides and their
 * constraints), Conditions, Mappings, pseudo parameters, Globals and the intrinsics (as the
 * {@link Intrinsics.Scope}), computes physical names and the values of Ref/GetAtt, runs the
 * resource kinds in dependency order through {@link ResourceDeployers}, reports every other
 * resource as NOT_SIMULATED, and collects the stack's Outputs into the {@link DeployReport}.
 */
final class StackRun implements Intrinsics.Scope {
    final JsonNode template;
    final Path baseDir;
    final String stack;
    final Map<String, String> overrides;
    final Map<String, JsonNode> params = new LinkedHashMap<>();
    final Map<String, Boolean> conditions = new HashMap<>();
    final Set<String> evaluating = new HashSet<>();
    final Map<String, JsonNode> resources = new LinkedHashMap<>(); // active, Globals merged
    final Map<String, String> names = new HashMap<>();
    final Set<String> naming = new HashSet<>();
    final List<DeployReport.Entry> report = new ArrayList<>();
    final Intrinsics intrinsics = new Intrinsics(this);
    final RequestContext ctx;
    final ServiceRegistry registry;
    final String region;
    final String accountId;
    private final ResourceDeployers deployers = new ResourceDeployers(this);

    StackRun(ServiceRegistry registry, String region, String accountId, JsonNode template, Path baseDir, String stack,
            Map<String, String> overrides) {
        this.registry = registry;
        this.region = region;
        this.accountId = accountId;
        this.template = template;
        this.baseDir = baseDir;
        this.stack = stack;
        this.overrides = overrides;
        this.ctx = new RequestContext(region, accountId, "deploy-" + stack);
    }

    DeployReport deploy() {
        if (template == null || !template.path("Resources").isObject()) {
            throw new DeployException("The template has no Resources section.");
        }
        parameters();
        JsonNode globals = template.path("Globals").path("Function");
        Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode r = e.getValue();
            String type = r.path("Type").asText();
            if (r.hasNonNull("Condition") && !condition(r.get("Condition").asText())) {
                report.add(new DeployReport.Entry(id, type, DeployReport.Status.SKIPPED, null,
                        "condition " + r.get("Condition").asText() + " is false"));
                continue;
            }
            if ("AWS::Serverless::Function".equals(type) && globals.isObject()) {
                r = withGlobals(r, globals);
            }
            resources.put(id, r);
        }
        for (SamEvents.Untranslated u : SamEvents.expand(resources)) {
            report.add(new DeployReport.Entry(u.logicalId(), u.type(), DeployReport.Status.NOT_SIMULATED, null,
                    u.reason()));
        }
        for (String type : List.of("AWS::Events::EventBus", "AWS::SQS::Queue", "AWS::S3::Bucket")) {
            each(type, deployers::simple);
        }
        each("AWS::IAM::Role", deployers::role);
        each("AWS::Serverless::Function", deployers::function);
        each("AWS::Lambda::Function", deployers::function);
        each("AWS::Serverless::StateMachine", deployers::stateMachine);
        each("AWS::StepFunctions::StateMachine", deployers::stateMachine);
        each("AWS::Events::Rule", deployers::rule);
        for (Map.Entry<String, JsonNode> e : resources.entrySet()) {
            String type = e.getValue().path("Type").asText();
            if (!TemplateDeployer.HANDLED.contains(type)) {
                report.add(new DeployReport.Entry(e.getKey(), type, DeployReport.Status.NOT_SIMULATED,
                        ref(e.getKey()).asText(), TemplateDeployer.notSimulatedReason(type)));
            }
        }
        return new DeployReport(stack, order(report), outputs());
    }

    List<DeployReport.Entry> order(List<DeployReport.Entry> entries) {
        List<String> ids = new ArrayList<>();
        template.path("Resources").fieldNames().forEachRemaining(ids::add);
        List<DeployReport.Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Integer.compare(index(ids, a.logicalId()), index(ids, b.logicalId())));
        return sorted;
    }

    int index(List<String> ids, String id) {
        int i = ids.indexOf(id);
        if (i >= 0) {
            return i * 2;
        }
        for (int j = 0; j < ids.size(); j++) { // SAM-generated: right after its parent
            if (id.startsWith(ids.get(j))) {
                return j * 2 + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    void each(String type, java.util.function.BiConsumer<String, JsonNode> action) {
        for (Map.Entry<String, JsonNode> e : resources.entrySet()) {
            if (type.equals(e.getValue().path("Type").asText())) {
                try {
                    action.accept(e.getKey(), e.getValue());
                } catch (AwsException ex) {
                    throw new DeployException("Resource " + e.getKey() + " (" + type + ") failed: " + ex.code()
                            + ": " + ex.getMessage(), ex);
                } catch (DeployException ex) {
                    throw new DeployException("Resource " + e.getKey() + " (" + type + "): " + ex.getMessage(), ex);
                }
            }
        }
    }

    // --------------------------------------------------------- parameters and conditions

    void parameters() {
        List<String> missing = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = template.path("Parameters").fields();
        Set<String> declared = new HashSet<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            declared.add(name);
            JsonNode p = e.getValue();
            String value = overrides.containsKey(name) ? overrides.get(name)
                    : p.has("Default") ? p.get("Default").asText() : null;
            if (value == null) {
                missing.add(name);
                continue;
            }
            check(name, p, value);
            String type = p.path("Type").asText("String");
            if (type.startsWith("List<") || type.equals("CommaDelimitedList")) {
                ArrayNode list = Json.array();
                if (!value.isEmpty()) {
                    for (String v : value.split(",")) {
                        list.add(v.trim());
                    }
                }
                params.put(name, list);
            } else {
                params.put(name, JsonNodeFactory.instance.textNode(value));
            }
        }
        if (!missing.isEmpty()) {
            throw new DeployException("Parameters: " + missing + " must have values (give them as overrides).");
        }
        for (String o : overrides.keySet()) {
            if (!declared.contains(o)) {
                throw new DeployException("Parameter override '" + o + "' is not declared in the template.");
            }
        }
    }

    void check(String name, JsonNode p, String value) {
        String problem = null;
        if (p.has("AllowedValues")) {
            boolean ok = false;
            for (JsonNode a : p.get("AllowedValues")) {
                ok |= a.asText().equals(value);
            }
            if (!ok) {
                problem = "must be one of " + p.get("AllowedValues");
            }
        }
        if (problem == null && p.has("AllowedPattern") && p.path("Type").asText("String").equals("String")
                && !value.matches(p.get("AllowedPattern").asText())) {
            problem = "must match " + p.get("AllowedPattern").asText();
        }
        if (problem == null && "Number".equals(p.path("Type").asText())) {
            try {
                double d = Double.parseDouble(value);
                if (p.has("MinValue") && d < p.get("MinValue").asDouble()) {
                    problem = "must be at least " + p.get("MinValue").asText();
                } else if (p.has("MaxValue") && d > p.get("MaxValue").asDouble()) {
                    problem = "must be at most " + p.get("MaxValue").asText();
                }
            } catch (NumberFormatException e) {
                problem = "must be a number";
            }
        }
        if (problem == null && p.has("MaxLength") && value.length() > p.get("MaxLength").asInt()) {
            problem = "must be at most " + p.get("MaxLength").asText() + " characters";
        }
        if (problem != null) {
            String hint = p.path("ConstraintDescription").asText("");
            throw new DeployException("Parameter '" + name + "' value '" + value + "' " + problem
                    + (hint.isEmpty() ? "" : " (" + hint + ")"));
        }
    }

    @Override
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode expr = template.path("Conditions").get(name);
        if (expr == null) {
            throw new DeployException("Condition '" + name + "' is not defined in Conditions.");
        }
        if (!evaluating.add("condition:" + name)) {
            throw new DeployException("Condition '" + name + "' refers to itself.");
        }
        boolean v = intrinsics.condition(expr);
        evaluating.remove("condition:" + name);
        conditions.put(name, v);
        return v;
    }

    @Override
    public JsonNode mapping(String map, String top, String second) {
        JsonNode v = template.path("Mappings").path(map).path(top).get(second);
        if (v == null) {
            throw new DeployException("Fn::FindInMap: no value for [" + map + ", " + top + ", " + second + "]");
        }
        return v;
    }

    @Override
    public List<String> availabilityZones() {
        return List.of(region + "a", region + "b", region + "c");
    }

    // --------------------------------------------------------- references

    @Override
    public JsonNode ref(String name) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (name) {
            case "AWS::Region": return f.textNode(region);
            case "AWS::AccountId": return f.textNode(accountId);
            case "AWS::Partition": return f.textNode("aws");
            case "AWS::StackName": return f.textNode(stack);
            case "AWS::StackId": return f.textNode("arn:aws:cloudformation:" + region + ":" + accountId + ":stack/"
                    + stack + "/" + UUID.nameUUIDFromBytes(stack.getBytes(StandardCharsets.UTF_8)));
            case "AWS::URLSuffix": return f.textNode("amazonaws.com");
            case "AWS::NotificationARNs": return Json.array();
            default:
        }
        if (params.containsKey(name)) {
            return params.get(name);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && resources.containsKey(name.substring(0, dot))) {
            String id = name.substring(0, dot);
            String what = name.substring(dot + 1);
            JsonNode r = resources.get(id);
            String alias = r.path("Properties").path("AutoPublishAlias").asText(null);
            if ("Alias".equals(what) && alias != null) {
                return f.textNode(functionArn(physicalName(id)) + ":" + alias);
            }
            if ("Version".equals(what) && alias != null) {
                return f.textNode(functionArn(physicalName(id)) + ":1");
            }
            throw new DeployException("!Ref " + name + ": " + id + " has no " + what
                    + (alias == null ? " (it needs AutoPublishAlias)" : ""));
        }
        JsonNode r = resources.get(name);
        if (r == null) {
            if (template.path("Resources").has(name)) {
                throw new DeployException("!Ref " + name + ": the resource's Condition is false");
            }
            throw new DeployException("!Ref " + name + ": no parameter, pseudo parameter or resource has this name");
        }
        String type = r.path("Type").asText();
        String n = physicalName(name);
        return f.textNode(switch (type) {
            case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" -> stateMachineArn(n);
            case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + n;
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + accountId + ":" + n;
            case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + accountId + ":policy/" + n;
            default -> n;
        });
    }

    @Override
    public JsonNode getAtt(String id, String attribute) {
        JsonNode r = resources.get(id);
        if (r == null) {
            throw new DeployException("!GetAtt " + id + "." + attribute + ": no active resource " + id);
        }
        String type = r.path("Type").asText();
        String n = physicalName(id);
        String v = switch (type + "." + attribute) {
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> functionArn(n);
            case "AWS::Events::EventBus.Arn" -> events().busArn(n);
            case "AWS::Events::EventBus.Name" -> n;
            case "AWS::Events::Rule.Arn" -> events().ruleArn(busOf(r), n);
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + region + ":" + accountId + ":" + n;
            case "AWS::SQS::Queue.QueueName" -> n;
            case "AWS::SQS::Queue.QueueUrl" -> ref(id).asText();
            case "AWS::Serverless::StateMachine.Name", "AWS::StepFunctions::StateMachine.Name" -> n;
            case "AWS::Serverless::StateMachine.Arn", "AWS::StepFunctions::StateMachine.Arn" -> stateMachineArn(n);
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + accountId + ":role/" + n;
            case "AWS::IAM::Role.RoleId" -> "AROA" + suffix(id, 17);
            case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + n + ":*";
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + n;
            case "AWS::SNS::Topic.TopicArn" -> ref(id).asText();
            case "AWS::SNS::Topic.TopicName" -> n;
            case "AWS::CloudWatch::Alarm.Arn" -> "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + n;
            default -> attribute.equals("Arn")
                    ? "arn:aws:" + type.split("::")[1].toLowerCase(Locale.ROOT) + ":" + region + ":" + accountId
                            + ":" + n
                    : null;
        };
        if (v == null) {
            throw new DeployException("!GetAtt " + id + "." + attribute + ": the local deployer does not know the"
                    + " attribute " + attribute + " of " + type);
        }
        return JsonNodeFactory.instance.textNode(v);
    }

    String busOf(JsonNode rule) {
        JsonNode bus = rule.path("Properties").get("EventBusName");
        if (bus == null) {
            return EventBridgeService.DEFAULT_BUS;
        }
        String b = resolve(bus).asText();
        return b.contains(":event-bus/") ? b.substring(b.indexOf(":event-bus/") + 11) : b;
    }

    String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    String stateMachineArn(String name) {
        return "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + name;
    }

    /** The resource's name property, else CloudFormation's {@code <stack>-<LogicalId>-<SUFFIX>}. */
    String physicalName(String id) {
        String known = names.get(id);
        if (known != null) {
            return known;
        }
        JsonNode r = resources.get(id);
        if (r == null) {
            r = template.path("Resources").path(id);
        }
        String type = r.path("Type").asText();
        String prop = TemplateDeployer.NAME_PROPERTY.get(type);
        JsonNode p = prop == null ? null : r.path("Properties").get(prop);
        String name;
        if (p != null && !p.isNull()) {
            if (!naming.add(id)) {
                throw new DeployException("The name of " + id + " refers to itself.");
            }
            name = resolve(p).asText();
            naming.remove(id);
        } else {
            int max = TemplateDeployer.MAX_NAME.getOrDefault(type, 128);
            String head = stack + "-" + id;
            if (head.length() > max - 13) {
                head = head.substring(0, max - 13);
            }
            name = head + "-" + suffix(id, 12);
        }
        names.put(id, name);
        return name;
    }

    String suffix(String id, int length) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((stack + "/" + id).getBytes(StandardCharsets.UTF_8));
            String s = new BigInteger(1, d).toString(36).toUpperCase(Locale.ROOT);
            return s.substring(0, length);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode resolve(JsonNode node) {
        JsonNode v = intrinsics.resolve(node);
        return v == null ? JsonNodeFactory.instance.nullNode() : v;
    }

    // --------------------------------------------------------- resources

    /**
     * Globals merged as SAM does: a property the resource sets wins, maps (Environment.Variables,
     * LoggingConfig, ...) are merged key by key, lists are the Globals' entries then the resource's.
     */
    JsonNode withGlobals(JsonNode resource, JsonNode globals) {
        ObjectNode r = resource.deepCopy();
        ObjectNode props = r.has("Properties") ? (ObjectNode) r.get("Properties") : r.putObject("Properties");
        r.set("Properties", merge(globals, props));
        return r;
    }

    static JsonNode merge(JsonNode global, JsonNode own) {
        if (own == null) {
            return global.deepCopy();
        }
        if (global.isObject() && own.isObject() && !isIntrinsic(global) && !isIntrinsic(own)) {
            ObjectNode out = global.deepCopy();
            own.fields().forEachRemaining(e -> out.set(e.getKey(), global.has(e.getKey())
                    ? merge(global.get(e.getKey()), e.getValue()) : e.getValue().deepCopy()));
            return out;
        }
        if (global.isArray() && own.isArray()) {
            ArrayNode out = global.deepCopy();
            own.forEach(v -> out.add(v.deepCopy()));
            return out;
        }
        return own.deepCopy();
    }

    private static boolean isIntrinsic(JsonNode node) {
        if (node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    void deployed(String id, String type, String physical, String arn) {
        report.add(new DeployReport.Entry(id, type, DeployReport.Status.DEPLOYED, physical, arn));
    }

    Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = template.path("Outputs").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            if (o.hasNonNull("Condition") && !condition(o.get("Condition").asText())) {
                continue;
            }
            JsonNode v = resolve(o.path("Value"));
            out.put(e.getKey(), v.isValueNode() ? v.asText() : Json.write(v));
        }
        return out;
    }

    EventBridgeService events() {
        return (EventBridgeService) registry.get("events");
    }
}
