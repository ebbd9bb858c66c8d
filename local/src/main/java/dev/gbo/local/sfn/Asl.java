package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
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
        final java.util.Map<String, State> states = new LinkedHashMap<>();
        Integer timeoutSeconds;
    }

    enum Type { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map }

    /**
     * One state of a machine: a record per state type, each holding only its own fields, built once by the
     * parser ({@link StateDraft#build}). Dispatch on it with an exhaustive {@code switch} (no {@code default}),
     * so a new state type does not compile until every switch handles it.
     */
    sealed interface State permits Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map {
        /** Name, transition and the JSONata/variables fields: what every state has. */
        Common common();

        /** The JSONPath data-flow paths; Fail has none (all "$"). */
        default Paths paths() {
            return Paths.NONE;
        }

        /** Retry and Catch; only Task, Parallel and Map have them. */
        default Errors errors() {
            return Errors.NONE;
        }

        default String name() {
            return common().name();
        }

        default String next() {
            return common().next();
        }

        default QueryFields q() {
            return common().q();
        }

        default Type type() {
            return switch (this) {
                case Task t -> Type.Task;
                case Pass p -> Type.Pass;
                case Choice c -> Type.Choice;
                case Wait w -> Type.Wait;
                case Succeed s -> Type.Succeed;
                case Fail f -> Type.Fail;
                case Parallel p -> Type.Parallel;
                case Map m -> Type.Map;
            };
        }
    }

    /** What every state has: its name, Next/End, and its query language, Assign and JSONata fields. */
    record Common(String name, String next, boolean end, QueryFields q) {
    }

    /** InputPath, OutputPath, ResultPath ("$" when absent; null when the definition says null), Parameters, ResultSelector. */
    record Paths(String inputPath, String outputPath, String resultPath, Template parameters, Template resultSelector) {
        static final Paths NONE = new Paths("$", "$", "$", null, null);
    }

    /** Retry and Catch. */
    record Errors(List<Retrier> retry, List<Catcher> catchers) {
        static final Errors NONE = new Errors(List.of(), List.of());
    }

    record Task(Common common, Paths paths, Errors errors, Resource resource, Integer timeoutSeconds,
            String timeoutSecondsPath, Integer heartbeatSeconds, String heartbeatSecondsPath) implements State {
    }

    record Pass(Common common, Paths paths, JsonNode result) implements State {
    }

    record Choice(Common common, Paths paths, List<ChoiceRule> choices, String defaultNext) implements State {
    }

    record Wait(Common common, Paths paths, Long seconds, String timestamp, String secondsPath, String timestampPath)
            implements State {
    }

    record Succeed(Common common, Paths paths) implements State {
    }

    record Fail(Common common, String error, String cause, Intrinsics.Expr errorPath, Intrinsics.Expr causePath)
            implements State {
    }

    record Parallel(Common common, Paths paths, Errors errors, List<Machine> branches) implements State {
    }

    /** A Map state; {@code distributed} is null for an inline Map (ProcessorConfig.Mode DISTRIBUTED otherwise). */
    record Map(Common common, Paths paths, Errors errors, Machine processor, String itemsPath, Template itemSelector,
            Integer maxConcurrency, String maxConcurrencyPath, Integer toleratedFailureCount,
            String toleratedFailureCountPath, Double toleratedFailurePercentage,
            String toleratedFailurePercentagePath, DistributedMapParser.Spec distributed) implements State {
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
    static Resource resource(String arn, StateDraft s, String at, List<String> errors) {
        return AslResources.resource(arn, s, at, errors);
    }
}
