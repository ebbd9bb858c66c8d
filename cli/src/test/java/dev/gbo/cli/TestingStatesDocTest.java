package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing-states.md shows the TestState example exactly as it runs in CI. */
class TestingStatesDocTest {
    private static final Path HOME = Path.of("").toAbsolutePath();

    @Test
    void testingStatesDoc_exampleSnippet_isTheTestThatRuns() throws Exception {
        String example = Files.readString(HOME.resolve("cli/src/test/java/dev/gbo/cli/OrchestratorStateTestIT.java"));
        String doc = Files.readString(HOME.resolve("docs/testing-states.md"));
        assertThat(doc).contains("```java\n" + example + "```");
    }
}
