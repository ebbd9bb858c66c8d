package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void wrap_longSentence_breaksOnlyAtSpaces() {
        String why = "m9g is the best family of the ladder (m9g,m8g,m7g) that EC2 offers in us-east-1a, us-east-1b, "
                + "us-east-1c with arm64 sizes holding 1 vCPU / 2048 MiB: m9g.medium, m9g.large, m9g.xlarge, m9g.2xlarge";

        List<String> lines = Tables.wrap(why, 70);

        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(70));
        assertThat(String.join(" ", lines)).isEqualTo(why);
        assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("-").endsWith(" "));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("2048 MiB"));
    }

    @Test
    void wrap_reportedCases_neverCutAWord() {
        List<String> skipped = Tables.wrap("m8g is the best family of the ladder (m9g,m8g,m7g) after skipping [m9g: "
                + "not offered in us-east-1a, us-east-1b] that EC2 offers", 70);
        List<String> zones = Tables.wrap("x".repeat(60) + " us-east-1b", 70);

        assertThat(skipped).containsExactly("m8g is the best family of the ladder (m9g,m8g,m7g) after skipping",
                "[m9g: not offered in us-east-1a, us-east-1b] that EC2 offers");
        assertThat(zones).containsExactly("x".repeat(60), "us-east-1b");
    }

    @Test
    void wrap_tokenLongerThanTheColumn_brokenAfterASeparatorElseCut() {
        String arn = "arn:aws:states:us-east-1:123456789012:execution:gbo-orchestrator:gbo-console-input-json-m1n2o3";

        assertThat(Tables.wrap(arn, 70)).containsExactly("arn:aws:states:us-east-1:123456789012:execution:gbo-orchestrator:gbo-",
                "console-input-json-m1n2o3");
        assertThat(Tables.wrap("a".repeat(150), 70)).containsExactly("a".repeat(70), "a".repeat(70), "a".repeat(10));
        assertThat(Tables.wrap("", 70)).containsExactly("");
    }

    @Test
    void print_statusValueOnAColourTerminal_colouredWithoutBreakingTheBorder() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Tables.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(new String[] {"result", "FAILED"},
                new String[] {"why", "FAILED twice"}), picocli.CommandLine.Help.Ansi.ON);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(1)).contains("\u001b[").endsWith(" |");
        assertThat(lines.get(1).replaceAll("\u001b\\[[0-9;]*m", "")).hasSameSizeAs(lines.get(0));
        assertThat(lines.get(2)).doesNotContain("\u001b");
    }
}
