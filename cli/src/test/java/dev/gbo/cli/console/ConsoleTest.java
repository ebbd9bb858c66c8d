package dev.gbo.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsoleTest {
    @Test
    void loopbackHost_loopbackNamesWithOrWithoutPort_accepted() {
        assertThat(Console.loopbackHost("127.0.0.1:4566")).isTrue();
        assertThat(Console.loopbackHost("localhost")).isTrue();
        assertThat(Console.loopbackHost("LOCALHOST:80")).isTrue();
        assertThat(Console.loopbackHost("[::1]:4566")).isTrue();
    }

    @Test
    void loopbackHost_otherNamesOrNone_refused() {
        assertThat(Console.loopbackHost("evil.example:4566")).isFalse();
        assertThat(Console.loopbackHost("127.0.0.1.evil.example")).isFalse();
        assertThat(Console.loopbackHost("localhost.evil.example:4566")).isFalse();
        assertThat(Console.loopbackHost(null)).isFalse();
    }

    @Test
    void query_encodedValues_decodedFirstWins() {
        assertThat(ConsoleApi.query("executionArn=arn%3Aaws%3Astates%3Ax&perBus=5&perBus=9"))
                .containsEntry("executionArn", "arn:aws:states:x").containsEntry("perBus", "5");
        assertThat(ConsoleApi.query(null)).isEmpty();
    }

    @Test
    void query_malformedEscape_isAnIllegalArgumentNamingTheQuery() {
        assertThatThrownBy(() -> ConsoleApi.query("jobId=%zz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%zz");
    }
}
