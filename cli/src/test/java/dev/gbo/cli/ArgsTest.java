package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void parse_valueAndFlag_readsBoth() {
        Args a = Args.parse("serve", List.of("--port", "4567", "--real-time"), Set.of("--port"), Set.of("--real-time"));

        assertThat(a.intValue("--port", 4566, 0, 65535)).isEqualTo(4567);
        assertThat(a.flag("--real-time")).isTrue();
    }

    @Test
    void parse_equalsForm_readsValue() {
        Args a = Args.parse("serve", List.of("--port=0"), Set.of("--port"), Set.of());

        assertThat(a.intValue("--port", 4566, 0, 65535)).isZero();
    }

    @Test
    void parse_unknownOption_namesItAndTheKnownOnes() {
        assertThatThrownBy(() -> Args.parse("serve", List.of("--prot", "1"), Set.of("--port"), Set.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("serve: unknown argument '--prot'; it takes --port");
    }

    @Test
    void parse_missingValue_saysSo() {
        assertThatThrownBy(() -> Args.parse("run", List.of("--scenario"), Set.of("--scenario"), Set.of()))
                .hasMessage("run: --scenario needs a value");
    }

    @Test
    void intValue_outOfRange_namesTheRange() {
        Args a = Args.parse("serve", List.of("--port", "70000"), Set.of("--port"), Set.of());

        assertThatThrownBy(() -> a.intValue("--port", 4566, 0, 65535)).hasMessage("serve: --port must be 0..65535, got 70000");
    }

    @Test
    void main_unknownCommand_oneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Gbo(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), Path.of("."))
                .run("deploy");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("gbo: unknown command 'deploy'; try: gbo help" + System.lineSeparator());
    }

    @Test
    void forError_qualifiedJavaName_mapsBySimpleName() {
        assertThat(ExitCodes.forError("dev.gbo.functions.errors.InvalidRequest")).isEqualTo(10);
        assertThat(ExitCodes.forError("ArchitectureMismatch")).isEqualTo(20);
        assertThat(ExitCodes.forError("Something.Else")).isEqualTo(1);
        for (dev.gbo.model.errors.ErrorName name : dev.gbo.model.errors.ErrorName.values()) {
            if (name.endsExecutions()) {
                assertThat(ExitCodes.forError(name.name())).as(name.name()).isGreaterThanOrEqualTo(10);
            }
        }
        assertThat(ExitCodes.BY_ERROR.values()).doesNotHaveDuplicates();
    }
}
