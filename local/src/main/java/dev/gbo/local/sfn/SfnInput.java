package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Pages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The Step Functions API's input rules shared by its operations: required members, names, ARNs, configurations, pages. */
final class SfnInput {

    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");
    static final Pattern SM_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):stateMachine:([^:#]+)");
    static final Pattern EXEC_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):execution:([^:]+):([^:]+)");
    static final Pattern EXPRESS_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):express:([^:]+):([^:]+):([^:]+)");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

    static final int MAX_RESULTS = 1000;
    static final int DEFAULT_PAGE = 100;
    static final Pages MACHINES = pages("sfn-state-machines");
    static final Pages EXECUTIONS = pages("sfn-executions");
    static final Pages HISTORY = pages("sfn-history");

    private SfnInput() {
    }

    private static Pages pages(String scope) {
        return new Pages(scope, "nextToken", "maxResults", MAX_RESULTS,
                m -> new AwsException("InvalidToken", 400, "Invalid Token: " + m));
    }

    static String required(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || v.isNull() || !v.isTextual()) {
            throw AwsException.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v.asText();
    }

    static String optional(JsonNode input, String field) {
        return input.hasNonNull(field) ? input.get(field).asText() : null;
    }

    static void validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new AwsException("InvalidName", 400, "Invalid Name: '" + name + "'");
        }
    }

    static void validRole(String role) {
        if (!ROLE_ARN.matcher(role).matches()) {
            throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Invalid ARN prefix: " + role + "'");
        }
    }

    /** A state machine ARN, or InvalidArn (naming an execution ARN's resource type when it is one). */
    static String machineArn(String arn) {
        if (!SM_ARN.matcher(arn).matches()) {
            if (EXEC_ARN.matcher(arn).matches()) {
                throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Resource type not valid in this context: execution'");
            }
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        return arn;
    }

    /**
     * An execution ARN, or InvalidArn (naming a state machine ARN's resource type when it is one, and an EXPRESS
     * execution's, which the execution APIs do not serve on AWS either).
     */
    static String executionArn(String arn) {
        if (!EXEC_ARN.matcher(arn).matches()) {
            if (SM_ARN.matcher(arn).matches()) {
                throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Resource type not valid in this context: stateMachine'");
            }
            if (EXPRESS_ARN.matcher(arn).matches()) {
                throw new AwsException("InvalidArn", 400, "Invalid Arn: 'Resource type not valid in this context: express'");
            }
            throw new AwsException("InvalidArn", 400, "Invalid Arn: '" + arn + "'");
        }
        return arn;
    }

    /**
     * What StartExecution and StartSyncExecution are asked: the state machine (or version, or alias) ARN, the mock
     * test case of {@code <arn>#<TestCase>} (null without), the input and the optional, validated name.
     */
    record StartRequest(String arn, String testCase, ExecutionInput input, String name) {
    }

    static StartRequest startRequest(JsonNode in) {
        String target = required(in, "stateMachineArn");
        int hash = target.indexOf('#');
        ExecutionInput input = executionInput(in);
        String name = optional(in, "name");
        if (name != null) {
            validName(name);
        }
        return new StartRequest(hash >= 0 ? target.substring(0, hash) : target, hash >= 0 ? target.substring(hash + 1) : null,
                input, name);
    }

    /** An execution's input (StartExecution, StartSyncExecution): the text ({@code {}} when absent) and its JSON. */
    record ExecutionInput(String text, JsonNode json) {
    }

    static ExecutionInput executionInput(JsonNode in) {
        String input = in.hasNonNull("input") ? in.get("input").asText() : "{}";
        payloadLimit(input, "input");
        JsonNode inputNode;
        try {
            inputNode = Json.MAPPER.readTree(input);
            if (inputNode == null) {
                throw new IllegalArgumentException("empty input");
            }
        } catch (Exception ex) {
            throw new AwsException("InvalidExecutionInput", 400, "Invalid State Machine Execution Input: '"
                    + ex.getMessage().split("\n")[0] + "'");
        }
        return new ExecutionInput(input, inputNode);
    }

    /** The error AWS answers when an operation does not serve the state machine's type (STANDARD or EXPRESS). */
    static AwsException typeNotSupported() {
        return new AwsException("StateMachineTypeNotSupported", 400, "This operation is not supported by this type of state machine");
    }

    static JsonNode logging(JsonNode in) {
        JsonNode l = in.get("loggingConfiguration");
        if (l == null || l.isNull()) {
            ObjectNode d = Json.object();
            d.put("level", "OFF");
            d.put("includeExecutionData", false);
            return d;
        }
        String level = l.path("level").asText("OFF");
        if (!List.of("ALL", "ERROR", "FATAL", "OFF").contains(level)) {
            throw AwsException.validation("1 validation error detected: Value '" + level
                    + "' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]");
        }
        if (!level.equals("OFF") && !l.has("destinations")) {
            throw new AwsException("InvalidLoggingConfiguration", 400,
                    "Invalid Logging Configuration: Must specify exactly one Log Destination if logging level is not OFF.");
        }
        return l;
    }

    /** Only the default (AWS owned key) encryption exists locally; customer managed keys are refused, not ignored. */
    static void encryption(JsonNode in) {
        JsonNode e = in.get("encryptionConfiguration");
        if (e != null && !e.isNull() && !"AWS_OWNED_KEY".equals(e.path("type").asText("AWS_OWNED_KEY"))) {
            throw AwsException.validation("The local Step Functions engine does not support encryptionConfiguration type '"
                    + e.path("type").asText() + "' (only AWS_OWNED_KEY).");
        }
    }

    static JsonNode tracing(JsonNode in) {
        JsonNode t = in.get("tracingConfiguration");
        if (t == null || t.isNull()) {
            ObjectNode d = Json.object();
            d.put("enabled", false);
            return d;
        }
        return t;
    }

    /**
     * Whether CreateStateMachine / UpdateStateMachine publish a version ({@code publish}); a {@code versionDescription}
     * without it is a ValidationException, as on AWS.
     */
    static boolean publish(JsonNode in) {
        boolean publish = in.path("publish").asBoolean(false);
        if (!publish && in.hasNonNull("versionDescription")) {
            throw AwsException.validation("Version description can only be set when publish is true");
        }
        return publish;
    }

    /** Refuses a string member longer (in UTF-8 bytes) than the engine's payload limit. */
    static void payloadLimit(String value, String member) {
        if (value.getBytes(StandardCharsets.UTF_8).length > Interpreter.PAYLOAD_LIMIT) {
            throw AwsException.validation("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + Interpreter.PAYLOAD_LIMIT);
        }
    }

    /**
     * The page of {@code rows} the input asks for ({@code maxResults} 0 or absent: 100, at most 1000),
     * rendered under {@code member}, with the next token when more remain.
     */
    static <T> ObjectNode page(Pages pages, JsonNode in, List<T> rows, String member, Function<T, JsonNode> render) {
        int size = in.path("maxResults").asInt(0);
        if (size < 0 || size > MAX_RESULTS) {
            throw AwsException.validation("1 validation error detected: Value '" + size
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to " + MAX_RESULTS);
        }
        if (size == 0) {
            size = DEFAULT_PAGE;
        }
        int from = Math.min(pages.offset(in), rows.size());
        int to = Math.min(rows.size(), from + size);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray(member);
        for (T row : rows.subList(from, to)) {
            list.add(render.apply(row));
        }
        if (to < rows.size()) {
            out.put("nextToken", pages.token(to));
        }
        return out;
    }
}
