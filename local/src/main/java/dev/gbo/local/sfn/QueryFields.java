package dev.gbo.local.sfn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a state has of JSONata and variables, beside its JSONPath fields in {@link Asl.State}: its
 * query language, its {@code Assign} (either language), and the JSONata forms of its fields. A
 * JSONPath state without Assign has none of it. Filled by {@link JsonataStates#parse} and
 * {@link JsonataStates#assignField}; read by the state executions.
 */
final class QueryFields {

    /** Whether the state evaluates JSONata (its own QueryLanguage, or the machine's). */
    boolean jsonata;
    /** The state's Assign; in a Choice, the one used when Default is taken. */
    Assign assign;
    /** The variable names this state assigns anywhere (state, rules, catchers): the scope check. */
    final Set<String> assignedNames = new LinkedHashSet<>();

    // JSONata fields; null when absent
    Jsonata.Template arguments;
    Jsonata.Template output;
    Jsonata.Template items;
    Jsonata.Template itemSelector;
    Jsonata.Template timeoutSeconds;
    Jsonata.Template heartbeatSeconds;
    Jsonata.Template seconds;
    Jsonata.Template timestamp;
    Jsonata.Template error;
    Jsonata.Template cause;
    Jsonata.Template maxConcurrency;
    Jsonata.Template toleratedFailureCount;
    Jsonata.Template toleratedFailurePercentage;

    /** Per top-level Choice rule, in order: Condition (JSONata), Assign, Output (JSONata). */
    final List<Rule> rules = new ArrayList<>();
    /** Per Catcher, in order: Assign, Output (JSONata). */
    final List<Catch> catches = new ArrayList<>();

    record Rule(Jsonata.Template condition, Assign assign, Jsonata.Template output) {
    }

    record Catch(Assign assign, Jsonata.Template output) {
    }

    /** An Assign object: a JSONPath payload template ({@code name.$} members) or a JSONata template. */
    record Assign(Template path, Jsonata.Template jsonata) {
    }

    Rule rule(int i) {
        return i < rules.size() ? rules.get(i) : null;
    }

    Catch catcher(int i) {
        return i < catches.size() ? catches.get(i) : null;
    }
}
