package dev.gbo.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Principal;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.lambda.LambdaService;
import dev.gbo.local.s3.S3Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the resources of one stack deployment in the local services, one method per resource
 * kind: event buses, SQS queues (as dead-letter records) and S3 buckets ({@link #simple}), Java
 * functions with their AutoPublishAlias, state machines (DefinitionUri/Definition/DefinitionString,
 * DefinitionSubstitutions, create or update), and EventBridge rules with their targets (also the
 * ones {@link SamEvents} generated from SAM {@code Events}). Names, references and the report belong to the
 * {@link StackRun} it works for.
 */
final class ResourceDeployers {

    private final StackRun run;
    private final IamRoles roles;

    ResourceDeployers(StackRun run) {
        this.run = run;
        this.roles = new IamRoles(run);
    }

    /** An {@code AWS::IAM::Role}: defined in the local IAM ({@link IamRoles}). */
    void role(String id, JsonNode r) {
        roles.role(id, r);
    }

    void simple(String id, JsonNode r) {
        String type = r.path("Type").asText();
        String name = run.physicalName(id);
        switch (type) {
            case "AWS::Events::EventBus" -> run.deployed(id, type, name, run.events().ensureEventBus(name));
            case "AWS::SQS::Queue" -> {
                var q = run.events().deadLetters().create(name);
                run.report.add(new DeployReport.Entry(id, type, DeployReport.Status.DEPLOYED, q.url(),
                        q.arn() + " (in-memory dead-letter queue record; the local cloud has no SQS API)"));
            }
            case "AWS::S3::Bucket" -> {
                S3Service s3 = (S3Service) run.registry.get("s3");
                s3.createBucket(name);
                JsonNode eb = run.resolve(r.path("Properties").path("NotificationConfiguration")
                        .path("EventBridgeConfiguration"));
                if (eb.path("EventBridgeEnabled").asBoolean(false)) {
                    s3.enableEventBridge(name);
                }
                run.deployed(id, type, name, "arn:aws:s3:::" + name);
            }
            default -> throw new IllegalStateException(type);
        }
    }

    void function(String id, JsonNode r) {
        String type = r.path("Type").asText();
        JsonNode props = run.resolve(r.path("Properties"));
        String name = run.physicalName(id);
        String handler = props.path("Handler").asText(null);
        if (handler == null) {
            throw new DeployException("Handler is required");
        }
        String runtime = props.path("Runtime").asText("java21");
        if (!runtime.startsWith("java")) {
            run.report.add(new DeployReport.Entry(id, type, DeployReport.Status.NOT_SIMULATED, name,
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
        LambdaService lambda = (LambdaService) run.registry.get("lambda");
        String arn = lambda.deploy(name, handler, env, memory, timeout);
        lambda.logicalId(name, id);
        String alias = props.path("AutoPublishAlias").asText(null);
        if (alias != null) {
            arn = lambda.publishAlias(name, alias);
        }
        run.deployed(id, type, name, arn);
        buildMethod(id, r, props);
        JsonNode logging = props.get("LoggingConfig");
        if (logging != null && logging.isObject()) {
            String group = logging.path("LogGroup").asText("/aws/lambda/" + name);
            run.report.add(new DeployReport.Entry(id + ".LoggingConfig", "LoggingConfig of " + type,
                    DeployReport.Status.NOT_SIMULATED, group, "LogFormat " + logging.path("LogFormat").asText("Text")
                            + " (application " + logging.path("ApplicationLogLevel").asText("-") + ", system "
                            + logging.path("SystemLogLevel").asText("-") + "), log group " + group
                            + ": accepted; the local Lambda keeps each function's output as written (no JSON"
                            + " wrapping, no level filtering)"));
        }
        // The function's code signs with its own access key: its calls are made by its execution role, with the
        // function's name as the session name (as Lambda names the session).
        String role = props.hasNonNull("Role") ? props.get("Role").asText() : null;
        if (role == null && "AWS::Serverless::Function".equals(type)) {
            role = roles.samRole(id, props, true);
        }
        if (role != null) {
            run.registry.access().signsAs(LambdaService.accessKeyId(name), new Principal(role, name));
        }
    }

    /**
     * {@code Metadata: BuildMethod: makefile}: {@code sam build} runs {@code make build-<LogicalId>} in the
     * CodeUri directory, so that directory must hold a Makefile. The local Lambda itself loads the
     * handler from its own classpath, not from a build artifact.
     */
    private void buildMethod(String id, JsonNode r, JsonNode props) {
        String method = r.path("Metadata").path("BuildMethod").asText(null);
        if (!"makefile".equals(method)) {
            return;
        }
        String codeUri = props.path("CodeUri").asText(null);
        if (codeUri == null || codeUri.startsWith("s3://")) {
            throw new DeployException("Metadata BuildMethod makefile needs a local CodeUri directory (the Makefile's)");
        }
        Path makefile = run.baseDir.resolve(codeUri).resolve("Makefile");
        if (!Files.isRegularFile(makefile)) {
            throw new DeployException("Metadata BuildMethod makefile: sam build runs make build-" + id + " in CodeUri "
                    + codeUri + ", but " + makefile + " does not exist");
        }
    }

    void stateMachine(String id, JsonNode r) {
        String type = r.path("Type").asText();
        JsonNode props = run.resolve(r.path("Properties"));
        String name = run.physicalName(id);
        String definition;
        if (props.hasNonNull("DefinitionUri") && props.get("DefinitionUri").isTextual()) {
            Path file = run.baseDir.resolve(props.get("DefinitionUri").asText());
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
                : props.hasNonNull("RoleArn") ? props.get("RoleArn").asText() : null;
        if (role == null && "AWS::Serverless::StateMachine".equals(type)) {
            role = roles.samRole(id, props, false); // the state machine's integrations are checked against it
        } else if (role == null) { // CloudFormation requires RoleArn; a role no deployment defines is not checked
            role = "arn:aws:iam::" + run.accountId + ":role/" + run.stack + "-" + id + "Role-" + run.suffix(id + "Role", 12);
        }
        if (!run.registry.has("states")) {
            throw new DeployException("the local cloud has no Step Functions service to create it in");
        }
        AwsService states = run.registry.get("states");
        ObjectNode in = Json.object();
        in.put("name", name);
        in.put("definition", definition);
        in.put("roleArn", role);
        in.put("type", props.path("Type").asText("STANDARD"));
        String arn;
        try {
            arn = states.call("CreateStateMachine", in, run.ctx).path("stateMachineArn").asText();
        } catch (AwsException e) {
            if (!"StateMachineAlreadyExists".equals(e.code())) {
                throw e;
            }
            arn = run.stateMachineArn(name);
            ObjectNode up = Json.object();
            up.put("stateMachineArn", arn);
            up.put("definition", definition);
            up.put("roleArn", role);
            states.call("UpdateStateMachine", up, run.ctx);
        }
        run.deployed(id, type, arn, arn);
    }

    void rule(String id, JsonNode r) {
        JsonNode props = run.resolve(r.path("Properties"));
        String name = run.physicalName(id);
        String arn = putRule(name, run.busOf(r), props.get("EventPattern"),
                props.path("ScheduleExpression").asText(null), props.path("State").asText("ENABLED"),
                props.path("Description").asText(null), props.path("Targets"));
        String simulates = r.path("Metadata").path("gbo:simulates").asText(null);
        if (simulates == null) {
            run.deployed(id, "AWS::Events::Rule", name, arn);
        } else { // SamEvents: a ScheduleV2 event, simulated by a schedule rule
            run.deployed(id, "AWS::Scheduler::Schedule", name, arn + " (" + simulates + ")");
        }
    }

    private String putRule(String name, String bus, JsonNode pattern, String schedule, String state,
            String description, JsonNode targets) {
        EventBridgeService events = run.events();
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
        String arn = events.call("PutRule", in, run.ctx).path("RuleArn").asText();
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
            JsonNode out = events.call("PutTargets", t, run.ctx);
            if (out.path("FailedEntryCount").asInt() > 0) {
                throw new DeployException("PutTargets failed for " + out.path("FailedEntries"));
            }
        }
        return arn;
    }
}
