package dev.gbo.local.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FilterPatternTest {

    @Test
    void matches_emptyPattern_everything() {
        assertThat(FilterPattern.parse("").matches("anything")).isTrue();
    }

    @Test
    void matches_terms_allMustOccur() {
        FilterPattern p = FilterPattern.parse("exec format");
        assertThat(p.matches("exec /usr/local/bin/python: exec format error")).isTrue();
        assertThat(p.matches("exec only")).isFalse();
    }

    @Test
    void matches_quotedPhraseWithEscapes_exactSubstring() {
        FilterPattern p = FilterPattern.parse("\"\\\"arch\\\": \\\"aarch64\\\"\"");
        assertThat(p.matches("{\"arch\": \"aarch64\", \"job_id\": \"1\"}")).isTrue();
        assertThat(p.matches("{\"arch\": \"x86_64\"}")).isFalse();
    }

    @Test
    void matches_alternativesAndExclusions() {
        FilterPattern p = FilterPattern.parse("?ERROR ?WARN -healthcheck");
        assertThat(p.matches("WARN disk")).isTrue();
        assertThat(p.matches("ERROR healthcheck")).isFalse();
        assertThat(p.matches("INFO ok")).isFalse();
    }

    @Test
    void parse_unbalancedQuote_invalidParameter() {
        assertThatThrownBy(() -> FilterPattern.parse("\"open")).hasMessageContaining("unbalanced");
    }
}
