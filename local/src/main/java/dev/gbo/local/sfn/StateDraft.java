package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.sfn.Asl.Catcher;
import dev.gbo.local.sfn.Asl.ChoiceRule;
import dev.gbo.local.sfn.Asl.Machine;
import dev.gbo.local.sfn.Asl.Resource;
import dev.gbo.local.sfn.Asl.Retrier;
import dev.gbo.local.sfn.Asl.Type;
import java.util.List;

/**
 * A state while the parser reads it ({@link AslParser}, {@link AslStateParser}, {@link JsonataStates#parse},
 * {@link DistributedMapParser}): mutable, every field of every type; {@link #build} makes the immutable
 * {@link Asl.State} record the engine runs. Lives only during parsing.
 */
final class StateDraft {
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

    /** The immutable state; null when the type is unknown (the definition is invalid then). */
    Asl.State build() {
        if (type == null) {
            return null;
        }
        Asl.Common c = new Asl.Common(name, next, end, q);
        Asl.Paths p = new Asl.Paths(inputPath, outputPath, resultPath, parameters, resultSelector);
        Asl.Errors e = new Asl.Errors(retry, catchers);
        return switch (type) {
            case Task -> new Asl.Task(c, p, e, resource, timeoutSeconds, timeoutSecondsPath, heartbeatSeconds,
                    heartbeatSecondsPath);
            case Pass -> new Asl.Pass(c, p, result);
            case Choice -> new Asl.Choice(c, p, choices, defaultNext);
            case Wait -> new Asl.Wait(c, p, seconds, timestamp, secondsPath, timestampPath);
            case Succeed -> new Asl.Succeed(c, p);
            case Fail -> new Asl.Fail(c, error, cause, errorPath, causePath);
            case Parallel -> new Asl.Parallel(c, p, e, branches);
            case Map -> new Asl.Map(c, p, e, processor, itemsPath, itemSelector, maxConcurrency, maxConcurrencyPath,
                    toleratedFailureCount, toleratedFailureCountPath, toleratedFailurePercentage,
                    toleratedFailurePercentagePath, distributed);
        };
    }
}
