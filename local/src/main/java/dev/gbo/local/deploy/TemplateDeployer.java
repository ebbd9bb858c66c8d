package dev.gbo.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.lambda.LambdaService;
import dev.gbo.local.s3.S3Service;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Deploys the project's SAM template ({@code template.yaml}) into the local cloud, as
 * {@code sam deploy} would into AWS: Parameters (defaults + overrides, with their constraints),
 * Conditions, Globals (Function), Mappings, pseudo parameters and the intrinsics
 * ({@link CfnYaml}, {@link Intrinsics}); then, in dependency order, event buses, SQS queues (as
 * in-memory dead-letter queues), S3 buckets, functions (with their AutoPublishAlias), state machines
 * (DefinitionUri + DefinitionSubstitutions through the Step Functions service's CreateStateMachine),
 * rules and their targets, and the SAM {@code Events} of functions and state machines
 * (EventBridgeRule, Schedule). Every other resource is reported NOT_SIMULATED with the reason.
 *
 * <p>Physical names follow CloudFormation: the resource's name property when set, else
 * {@code <stack>-<LogicalId>-<SUFFIX>} (deterministic here, so a redeploy updates in place).
 */
public final class TemplateDeployer {

    private final ServiceRegistry registry;
    private final String region;
    private final String accountId;

    public TemplateDeployer(LocalCloud cloud) {
        this(cloud.services(), cloud.region(), cloud.accountId());
    }

    public TemplateDeployer(ServiceRegistry registry, String region, String accountId) {
        this.registry = registry;
        this.region = region;
        this.accountId = accountId;
    }

    /** Deploys {@code template} (a file; DefinitionUri paths are relative to its directory). */
    public DeployReport deploy(Path template, String stackName, Map<String, String> parameters) {
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeployException("Cannot read the template " + template + ": " + e.getMessage(), e);
        }
        Path base = template.toAbsolutePath().getParent();
        return deploy(text, base, stackName, parameters);
    }

    public DeployReport deploy(String templateText, Path baseDir, String stackName, Map<String, String> parameters) {
        if (!stackName.matches("[a-zA-Z][-a-zA-Z0-9]{0,127}")) {
            throw new DeployException("Stack name '" + stackName + "' must start with a letter and contain only"
                    + " letters, digits and hyphens (at most 128 characters).");
        }
        return new Run(CfnYaml.parse(templateText), baseDir, stackName, parameters == null ? Map.of() : parameters)
                .deploy();
    }

    // ------------------------------------------------------------------ one deployment

    private final class Run implements Intrinsics.Scope {
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

        Run(JsonNode template, Path baseDir, String stack, Map<String, String> overrides) {
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
            for (String type : List.of("AWS::Events::EventBus", "AWS::SQS::Queue", "AWS::S3::Bucket")) {
                each(type, this::simple);
            }
            each("AWS::Serverless::Function", this::function);
            each("AWS::Lambda::Function", this::function);
            each("AWS::Serverless::StateMachine", this::stateMachine);
            each("AWS::StepFunctions::StateMachine", this::stateMachine);
            each("AWS::Events::Rule", this::rule);
            for (Map.Entry<String, JsonNode> e : resources.entrySet()) {
                String type = e.getValue().path("Type").asText();
                if (!HANDLED.contains(type)) {
                    report.add(new DeployReport.Entry(e.getKey(), type, DeployReport.Status.NOT_SIMULATED,
                            ref(e.getKey()).asText(), notSimulatedReason(type)));
                }
            }
            samEvents();
            return new DeployReport(stack, order(report), outputs());
        }

        private List<DeployReport.Entry> order(List<DeployReport.Entry> entries) {
            List<String> ids = new ArrayList<>();
            template.path("Resources").fieldNames().forEachRemaining(ids::add);
            List<DeployReport.Entry> sorted = new ArrayList<>(entries);
            sorted.sort((a, b) -> Integer.compare(index(ids, a.logicalId()), index(ids, b.logicalId())));
            return sorted;
        }

        private int index(List<String> ids, String id) {
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

        private void each(String type, java.util.function.BiConsumer<String, JsonNode> action) {
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

        private void parameters() {
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

        private void check(String name, JsonNode p, String value) {
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

        private String busOf(JsonNode rule) {
            JsonNode bus = rule.path("Properties").get("EventBusName");
            if (bus == null) {
                return EventBridgeService.DEFAULT_BUS;
            }
            String b = resolve(bus).asText();
            return b.contains(":event-bus/") ? b.substring(b.indexOf(":event-bus/") + 11) : b;
        }

        private String functionArn(String name) {
            return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
        }

        private String stateMachineArn(String name) {
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
            String prop = NAME_PROPERTY.get(type);
            JsonNode p = prop == null ? null : r.path("Properties").get(prop);
            String name;
            if (p != null && !p.isNull()) {
                if (!naming.add(id)) {
                    throw new DeployException("The name of " + id + " refers to itself.");
                }
                name = resolve(p).asText();
                naming.remove(id);
            } else {
                int max = MAX_NAME.getOrDefault(type, 128);
                String head = stack + "-" + id;
                if (head.length() > max - 13) {
                    head = head.substring(0, max - 13);
                }
                name = head + "-" + suffix(id, 12);
            }
            names.put(id, name);
            return name;
        }

        private String suffix(String id, int length) {
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

        private JsonNode withGlobals(JsonNode resource, JsonNode globals) {
            ObjectNode r = resource.deepCopy();
            ObjectNode props = r.has("Properties") ? (ObjectNode) r.get("Properties") : r.putObject("Properties");
            Iterator<Map.Entry<String, JsonNode>> it = globals.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> g = it.next();
                JsonNode own = props.get(g.getKey());
                if (own == null) {
                    props.set(g.getKey(), g.getValue().deepCopy());
                } else if ("Environment".equals(g.getKey())) {
                    ObjectNode vars = g.getValue().path("Variables").deepCopy();
                    own.path("Variables").fields().forEachRemaining(v -> vars.set(v.getKey(), v.getValue()));
                    ObjectNode env = Json.object();
                    env.set("Variables", vars);
                    props.set("Environment", env);
                }
            }
            return r;
        }

        private void deployed(String id, String type, String physical, String arn) {
            report.add(new DeployReport.Entry(id, type, DeployReport.Status.DEPLOYED, physical, arn));
        }

        private void simple(String id, JsonNode r) {
            String type = r.path("Type").asText();
            String name = physicalName(id);
            switch (type) {
                case "AWS::Events::EventBus" -> deployed(id, type, name, events().ensureEventBus(name));
                case "AWS::SQS::Queue" -> {
                    var q = events().deadLetters().create(name);
                    report.add(new DeployReport.Entry(id, type, DeployReport.Status.DEPLOYED, q.url(),
                            q.arn() + " (in-memory dead-letter queue record; the local cloud has no SQS API)"));
                }
                case "AWS::S3::Bucket" -> {
                    S3Service s3 = (S3Service) registry.get("s3");
                    s3.createBucket(name);
                    JsonNode eb = resolve(r.path("Properties").path("NotificationConfiguration")
                            .path("EventBridgeConfiguration"));
                    if (eb.path("EventBridgeEnabled").asBoolean(false)) {
                        s3.enableEventBridge(name);
                    }
                    deployed(id, type, name, "arn:aws:s3:::" + name);
                }
                default -> throw new IllegalStateException(type);
            }
        }

        private void function(String id, JsonNode r) {
            String type = r.path("Type").asText();
            JsonNode props = resolve(r.path("Properties"));
            String name = physicalName(id);
            String handler = props.path("Handler").asText(null);
            if (handler == null) {
                throw new DeployException("Handler is required");
            }
            String runtime = props.path("Runtime").asText("java21");
            if (!runtime.startsWith("java")) {
                report.add(new DeployReport.Entry(id, type, DeployReport.Status.NOT_SIMULATED, name,
                        "runtime " + runtime + ": the local Lambda runs Java handlers in process only"));
                return;
            }
            Map<String, String> env = new LinkedHashMap<>();
            props.path("Environment").path("Variables").fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw new DeployException("Environment variable " + e.getKey() + " must be a string, got "
                            + e.getValue());
                }
                env.put(e.getKey(), e.getValue().asText());
            });
            int memory = Integer.parseInt(props.path("MemorySize").asText("128"));
            int timeout = Integer.parseInt(props.path("Timeout").asText("3"));
            LambdaService lambda = (LambdaService) registry.get("lambda");
            String arn = lambda.deploy(name, handler, env, memory, timeout);
            lambda.logicalId(name, id);
            String alias = props.path("AutoPublishAlias").asText(null);
            if (alias != null) {
                arn = lambda.publishAlias(name, alias);
            }
            deployed(id, type, name, arn);
            if ("AWS::Serverless::Function".equals(type) && !props.hasNonNull("Role")) {
                report.add(new DeployReport.Entry(id + "Role", "AWS::IAM::Role", DeployReport.Status.NOT_SIMULATED,
                        stack + "-" + id + "Role-" + suffix(id + "Role", 12),
                        "SAM-generated execution role from Policies: IAM is not enforced by the local cloud"));
            }
        }

        private void stateMachine(String id, JsonNode r) {
            String type = r.path("Type").asText();
            JsonNode props = resolve(r.path("Properties"));
            String name = physicalName(id);
            String definition;
            if (props.hasNonNull("DefinitionUri") && props.get("DefinitionUri").isTextual()) {
                Path file = baseDir.resolve(props.get("DefinitionUri").asText());
                try {
                    definition = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new DeployException("DefinitionUri " + file + " cannot be read: " + e.getMessage(), e);
                }
            } else if (props.has("Definition")) {
                definition = Json.write(props.get("Definition"));
            } else if (props.hasNonNull("DefinitionString")) {
                definition = props.get("DefinitionString").asText();
            } else {
                throw new DeployException("a state machine needs DefinitionUri (a local file), Definition or"
                        + " DefinitionString");
            }
            JsonNode subs = props.path("DefinitionSubstitutions");
            Iterator<Map.Entry<String, JsonNode>> it = subs.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                definition = definition.replace("${" + e.getKey() + "}", e.getValue().asText());
            }
            java.util.regex.Matcher left = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(definition);
            if (left.find()) {
                throw new DeployException("the definition uses ${" + left.group(1)
                        + "} but DefinitionSubstitutions does not define it");
            }
            String role = props.hasNonNull("Role") ? props.get("Role").asText()
                    : "arn:aws:iam::" + accountId + ":role/" + stack + "-" + id + "Role-" + suffix(id + "Role", 12);
            if (!props.hasNonNull("Role")) {
                report.add(new DeployReport.Entry(id + "Role", "AWS::IAM::Role", DeployReport.Status.NOT_SIMULATED,
                        role.substring(role.indexOf(":role/") + 6),
                        "SAM-generated execution role from Policies: IAM is not enforced by the local cloud"));
            }
            if (!registry.has("states")) {
                throw new DeployException("the local cloud has no Step Functions service to create it in");
            }
            AwsService states = registry.get("states");
            ObjectNode in = Json.object();
            in.put("name", name);
            in.put("definition", definition);
            in.put("roleArn", role);
            in.put("type", props.path("Type").asText("STANDARD"));
            String arn;
            try {
                arn = states.call("CreateStateMachine", in, ctx).path("stateMachineArn").asText();
            } catch (AwsException e) {
                if (!"StateMachineAlreadyExists".equals(e.code())) {
                    throw e;
                }
                arn = stateMachineArn(name);
                ObjectNode up = Json.object();
                up.put("stateMachineArn", arn);
                up.put("definition", definition);
                up.put("roleArn", role);
                states.call("UpdateStateMachine", up, ctx);
            }
            deployed(id, type, arn, arn);
        }

        private void rule(String id, JsonNode r) {
            JsonNode props = resolve(r.path("Properties"));
            String name = physicalName(id);
            putRule(id, "AWS::Events::Rule", name, busOf(r), props.get("EventPattern"),
                    props.path("ScheduleExpression").asText(null), props.path("State").asText("ENABLED"),
                    props.path("Description").asText(null), props.path("Targets"));
        }

        private void putRule(String id, String type, String name, String bus, JsonNode pattern, String schedule,
                String state, String description, JsonNode targets) {
            EventBridgeService events = events();
            ObjectNode in = Json.object();
            in.put("Name", name);
            in.put("EventBusName", bus);
            if (pattern != null && !pattern.isNull()) {
                in.put("EventPattern", pattern.isTextual() ? pattern.asText() : Json.write(pattern));
            }
            if (schedule != null) {
                in.put("ScheduleExpression", schedule);
            }
            in.put("State", state);
            if (description != null) {
                in.put("Description", description);
            }
            String arn = events.call("PutRule", in, ctx).path("RuleArn").asText();
            if (targets != null && targets.isArray() && !targets.isEmpty()) {
                ObjectNode t = Json.object();
                t.put("Rule", name);
                t.put("EventBusName", bus);
                ArrayNode list = t.putArray("Targets");
                for (JsonNode target : targets) {
                    ObjectNode copy = target.deepCopy();
                    JsonNode transformer = copy.get("InputTransformer");
                    if (transformer != null && transformer.has("InputPathsMap")) {
                        // YAML may give numbers/arrays; the API wants JSONPath strings
                        ObjectNode m = (ObjectNode) transformer.get("InputPathsMap");
                        m.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
                    }
                    list.add(copy);
                }
                JsonNode out = events.call("PutTargets", t, ctx);
                if (out.path("FailedEntryCount").asInt() > 0) {
                    throw new DeployException("PutTargets failed for " + out.path("FailedEntries"));
                }
            }
            deployed(id, type, name, arn);
        }

        /** SAM Events of functions and state machines: EventBridgeRule and Schedule become rules. */
        private void samEvents() {
            for (Map.Entry<String, JsonNode> e : resources.entrySet()) {
                String type = e.getValue().path("Type").asText();
                boolean function = "AWS::Serverless::Function".equals(type);
                boolean machine = "AWS::Serverless::StateMachine".equals(type);
                if (!function && !machine) {
                    continue;
                }
                String owner = e.getKey();
                JsonNode props = e.getValue().path("Properties");
                Iterator<Map.Entry<String, JsonNode>> events = props.path("Events").fields();
                while (events.hasNext()) {
                    Map.Entry<String, JsonNode> ev = events.next();
                    String id = owner + ev.getKey();
                    String evType = ev.getValue().path("Type").asText();
                    JsonNode p = resolve(ev.getValue().path("Properties"));
                    String targetArn;
                    if (function) {
                        String alias = props.path("AutoPublishAlias").asText(null);
                        targetArn = functionArn(physicalName(owner)) + (alias == null ? "" : ":" + alias);
                    } else {
                        targetArn = stateMachineArn(physicalName(owner));
                    }
                    try {
                        switch (evType) {
                            case "EventBridgeRule", "CloudWatchEvent", "Schedule" -> {
                                ObjectNode target = Json.object();
                                target.put("Id", p.path("Target").path("Id").asText(owner + ev.getKey() + "Target"));
                                target.put("Arn", targetArn);
                                if (machine) {
                                    target.put("RoleArn", "arn:aws:iam::" + accountId + ":role/" + stack + "-" + id
                                            + "Role");
                                }
                                for (String k : List.of("Input", "InputPath", "InputTransformer", "RetryPolicy",
                                        "DeadLetterConfig")) {
                                    if (p.has(k)) {
                                        target.set(k, p.get(k));
                                    }
                                }
                                String name = p.path("RuleName").asText(p.path("Name").asText(
                                        (stack + "-" + id).length() > 51 ? (stack + "-" + id).substring(0, 51) + "-"
                                                + suffix(id, 12) : stack + "-" + id + "-" + suffix(id, 12)));
                                String state = p.has("State") ? p.get("State").asText()
                                        : p.path("Enabled").asBoolean(true) ? "ENABLED" : "DISABLED";
                                String bus = p.path("EventBusName").asText(EventBridgeService.DEFAULT_BUS);
                                bus = bus.contains(":event-bus/") ? bus.substring(bus.indexOf(":event-bus/") + 11) : bus;
                                putRule(id, "AWS::Events::Rule (SAM " + evType + " event of " + owner + ")", name, bus,
                                        p.get("Pattern"), "Schedule".equals(evType) ? p.path("Schedule").asText() : null,
                                        state, p.path("Description").asText(null), Json.array().add(target));
                            }
                            default -> report.add(new DeployReport.Entry(id, "SAM " + evType + " event of " + owner,
                                    DeployReport.Status.NOT_SIMULATED, null, "the local deployer turns only"
                                            + " EventBridgeRule and Schedule events into rules"));
                        }
                    } catch (AwsException ex) {
                        throw new DeployException("Event " + ev.getKey() + " of " + owner + " failed: " + ex.code() + ": "
                                + ex.getMessage(), ex);
                    }
                }
            }
        }

        private Map<String, String> outputs() {
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

        private EventBridgeService events() {
            return (EventBridgeService) registry.get("events");
        }
    }

    private static final Set<String> HANDLED = Set.of("AWS::Events::EventBus", "AWS::SQS::Queue", "AWS::S3::Bucket",
            "AWS::Serverless::Function", "AWS::Lambda::Function", "AWS::Serverless::StateMachine",
            "AWS::StepFunctions::StateMachine", "AWS::Events::Rule");

    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::Serverless::Function", "FunctionName"), Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::Events::EventBus", "Name"), Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::SQS::Queue", "QueueName"), Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::Serverless::StateMachine", "Name"),
            Map.entry("AWS::StepFunctions::StateMachine", "StateMachineName"), Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"), Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::CloudWatch::Alarm", "AlarmName"), Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"));

    private static final Map<String, Integer> MAX_NAME = Map.of("AWS::Serverless::Function", 64,
            "AWS::Lambda::Function", 64, "AWS::Events::Rule", 64, "AWS::SQS::Queue", 80, "AWS::IAM::Role", 64,
            "AWS::Serverless::StateMachine", 80, "AWS::StepFunctions::StateMachine", 80, "AWS::S3::Bucket", 63,
            "AWS::SNS::Topic", 256, "AWS::Events::EventBus", 256);

    static String notSimulatedReason(String type) {
        if (type.startsWith("AWS::IAM::")) {
            return "IAM is not enforced by the local cloud (every call is allowed)";
        }
        return switch (type) {
            case "AWS::Logs::LogGroup" -> "log groups need no creation locally (the local CloudWatch Logs keeps what is written)";
            case "AWS::CloudWatch::Alarm" -> "CloudWatch alarms and metrics are not simulated";
            case "AWS::SNS::Topic", "AWS::SNS::Subscription" -> "SNS is not simulated";
            case "AWS::Lambda::Permission" -> "resource policies are not enforced by the local cloud";
            case "AWS::SQS::QueuePolicy" -> "queue policies are not enforced by the local cloud";
            default -> "the local cloud has no " + type + " (not needed by the orchestrator)";
        };
    }
}
