package dev.gbo.model.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.support.Json;
import dev.gbo.model.verify.FailureClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorName} is the one list of error names: the state machine and README.md must say exactly the same,
 * in both directions (surefire runs in model/).
 */
class ErrorNameContractTest {
    private static final Path ASL = Path.of("..", "statemachine", "orchestrator.asl.json");
    private static final Path README = Path.of("..", "README.md");
    private static final String PREFIX = ErrorName.LAMBDA_PACKAGE + ".";

    /** Every ErrorEquals name of every Retry and Catch, nested branches included; States.* and Lambda.* left out. */
    private static Set<String> errorEquals(JsonNode states) {
        Set<String> out = new TreeSet<>();
        states.properties().forEach(e -> {
            JsonNode state = e.getValue();
            for (String field : new String[] {"Retry", "Catch"}) {
                state.path(field).forEach(r -> r.path("ErrorEquals").forEach(n -> {
                    String name = n.asText();
                    if (!name.startsWith("States.") && !name.startsWith("Lambda.")) {
                        out.add(name);
                    }
                }));
            }
            state.path("Branches").forEach(b -> out.addAll(errorEquals(b.path("States"))));
        });
        return out;
    }

    /**
     * The literal {@code failure.error} each catcher assigns (nested branches included), plus UnexpectedError when
     * ComposeFailure names it: the names an execution ends with.
     */
    private static Set<String> failureErrors(JsonNode states) {
        Set<String> out = new TreeSet<>();
        states.properties().forEach(e -> {
            JsonNode state = e.getValue();
            state.path("Catch").forEach(c -> {
                JsonNode error = c.path("Assign").path("failure").path("error");
                if (error.isTextual()) {
                    out.add(error.asText());
                }
            });
            state.path("Branches").forEach(b -> out.addAll(failureErrors(b.path("States"))));
        });
        if (states.path("ComposeFailure").toString().contains("'UnexpectedError'")) {
            out.add("UnexpectedError");
        }
        return out;
    }

    private static Set<String> names(ErrorName.Handling... handling) {
        Set<ErrorName.Handling> wanted = Set.of(handling);
        return Arrays.stream(ErrorName.values()).filter(n -> wanted.contains(n.handling())).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void stateMachine_errorEqualsAndPassErrors_areExactlyTheEnumsNames() throws IOException {
        JsonNode states = Json.parse(Files.readString(ASL)).get("States");
        Set<String> matched = errorEquals(states);
        Set<String> shortForms = matched.stream().filter(n -> !n.startsWith(PREFIX)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> longForms = matched.stream().filter(n -> n.startsWith(PREFIX)).map(n -> n.substring(PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> passes = failureErrors(states);

        // Both forms: SendTaskFailure gives the short name, a Lambda the class name.
        assertThat(longForms).as("dev.gbo.functions.errors.<Name> forms").isEqualTo(shortForms);
        // ASL -> enum: nothing the state machine names is unknown.
        assertThat(ErrorName.names()).containsAll(shortForms).containsAll(passes);
        // enum -> ASL: every name the state machine handles or ends with is named by it...
        Set<String> named = new TreeSet<>(shortForms);
        named.addAll(passes);
        assertThat(named).isEqualTo(names(ErrorName.Handling.HANDLED, ErrorName.Handling.ENDS));
        // ... the names ending an execution through a catcher of their own are exactly the catchers' errors ...
        assertThat(passes).isEqualTo(names(ErrorName.Handling.ENDS));
        // ... and the rest end through ComposeFailure, which keeps the short name of any dev.gbo.functions.errors.* name.
        assertThat(states.get("ComposeFailure").toString()).contains("'" + PREFIX + "'");
        for (String internal : names(ErrorName.Handling.HANDLED)) {
            assertThat(passes).as("%s is handled inside the state machine", internal).doesNotContain(internal);
        }
    }

    @Test
    void readme_failureClassTable_listsExactlyTheEnumsNames() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Failure classes");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(readme.substring(start, end));
        Set<String> listed = new TreeSet<>();
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertThat(listed).isEqualTo(new TreeSet<>(ErrorName.names()));
    }

    @Test
    void failureClass_errorNames_areEnumNames() {
        for (FailureClass c : FailureClass.values()) {
            assertThat(c.error() == null).as(c.name()).isEqualTo(c == FailureClass.SUCCEEDED);
        }
        assertThat(ErrorName.parse(PREFIX + "OutOfMemory")).contains(ErrorName.OutOfMemory);
        assertThat(ErrorName.parse("OutOfMemory")).contains(ErrorName.OutOfMemory);
        assertThat(ErrorName.parse("States.Timeout")).isEmpty();
        assertThat(ErrorName.OutOfMemory.lambdaErrorType()).isEqualTo("dev.gbo.functions.errors.OutOfMemory");
    }
}
