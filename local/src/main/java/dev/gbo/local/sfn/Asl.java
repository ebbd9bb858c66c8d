package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed, validated Amazon States Language definition. {@link #parse} checks everything AWS
 * checks at CreateStateMachine that matters for running (JSON, StartAt, transitions, terminal
 * states, required and exclusive fields, Retry/Catch shapes, Choice rules, paths, intrinsic calls,
 * resources) and refuses every feature this engine does not run (JSONata, variables,
 * activities, ...) with {@code InvalidDefinition} naming the state and the feature.
 *
 * <p>This class owns the model (machines, states, rules, retriers, catchers, resources) and the
 * entry points; the parsing itself is in {@link AslParser}, {@link AslStateParser} and
 * {@link AslResources}.
 */
final class Asl {

    private Asl() {
    }

    // ------------------------------------------------------------------ model

    /** A set of states: the machine itself, a Parallel branch, or a Map's item processor. */
    static final class Machine {
        String startAt;
        final Map<String, State> states = new LinkedHashMap<>();
        Integer timeoutSeconds;
    }

    enum Type { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map }

    static final class State {
        String name;
        Type type;
        String next;
        boolean end;
        /** "$" when absent; null when the definition says null. */
        String inputPath = "$";
        String outputPath = "$";
        String resultPath = "$";
        Template parameters;
        Template resultSelector;
        List<Retrier> retry = List.of();
        List<Catcher> catchers = List.of();
        // Task
        Resource resource;
        Integer timeoutSeconds;
        String timeoutSecondsPath;
        Integer heartbeatSeconds;
        String heartbeatSecondsPath;
        // Pass
        JsonNode result;
        // Choice
        List<ChoiceRule> choices = List.of();
        String defaultNext;
        // Wait
        Long seconds;
        String timestamp;
        String secondsPath;
        String timestampPath;
        // Fail
        String error;
        String cause;
        Intrinsics.Expr errorPath;
        Intrinsics.Expr causePath;
        // Parallel
        List<Machine> branches = List.of();
        // Map
        Machine processor;
        String itemsPath = "$";
        Template itemSelector;
        Integer maxConcurrency;
        String maxConcurrencyPath;
        Integer toleratedFailureCount;
        String toleratedFailureCountPath;
        Double toleratedFailurePercentage;
        String toleratedFailurePercentagePath;
        /** Distributed mode (ProcessorConfig.Mode DISTRIBUTED); null for an inline Map. */
        DistributedMapParser.Spec distributed;
        /** JSONata and variables: the query language, Assign, the JSONata fields ({@link JsonataStates}). */
        final QueryFields q = new QueryFields();
    }

    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
            Integer maxDelaySeconds, boolean fullJitter) {
    }

    record Catcher(List<String> errorEquals, String next, String resultPath) {
    }

    /** A Choice rule: a comparison, or And/Or/Not of rules; top-level rules carry Next. */
    static final class ChoiceRule {
        String next;
        String op; // comparison operator name, or And/Or/Not
        JsonPath variable;
        JsonNode value;
        JsonPath valuePath;
        /** A workflow variable that Variable / the ...Path value reads ({@code $name...}); null for $ and $$ paths. */
        String variableName;
        String valueVariableName;
        List<ChoiceRule> children = List.of();
    }

    enum Kind { LAMBDA_FUNCTION, LAMBDA_INVOKE, BATCH_SUBMIT, EVENTS_PUT, STATES_START, AWS_SDK, OTHER }

    /**
     * A Task resource. {@code resourceType}/{@code resourceName} are what history events show
     * (lambda / invoke.waitForTaskToken, aws-sdk:s3 / getObject).
     */
    record Resource(String arn, Kind kind, String service, String action, String pattern, String resourceType,
            String resourceName) {
        boolean waitForTaskToken() {
            return "waitForTaskToken".equals(pattern);
        }

        boolean sync() {
            return pattern.startsWith("sync");
        }
    }

    // ------------------------------------------------------------------ entry points

    static final Set<String> COMPARISONS = Set.of(
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals",
            "StringMatches", "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
            "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals", "TimestampLessThan",
            "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
            "StringEqualsPath", "StringLessThanPath", "StringGreaterThanPath", "StringLessThanEqualsPath",
            "StringGreaterThanEqualsPath", "NumericEqualsPath", "NumericLessThanPath", "NumericGreaterThanPath",
            "NumericLessThanEqualsPath", "NumericGreaterThanEqualsPath", "BooleanEqualsPath", "TimestampEqualsPath",
            "TimestampLessThanPath", "TimestampGreaterThanPath", "TimestampLessThanEqualsPath",
            "TimestampGreaterThanEqualsPath", "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean",
            "IsTimestamp");

    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static OffsetDateTime timestamp(String s) {
        try {
            if (s.indexOf('T') < 0) {
                return null;
            }
            return OffsetDateTime.parse(s, RFC3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses and validates; InvalidDefinition listing every problem found. */
    static Machine parse(String definition) {
        return AslParser.parse(definition);
    }

    static AwsException invalid(List<String> errors) {
        StringBuilder b = new StringBuilder("Invalid State Machine Definition: '");
        for (int i = 0; i < errors.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(errors.get(i));
        }
        return new AwsException("InvalidDefinition", 400, b.append("'").toString());
    }

    /** Parses a Task resource ARN; null (and an entry in {@code errors}) when it is not usable. */
    static Resource resource(String arn, State s, String at, List<String> errors) {
        return AslResources.resource(arn, s, at, errors);
    }
}
