package dev.gbo.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
        "m9g.*, m9g.large, true",
        "m9g.*, m8g.large, false",
        "m?g.large, m8g.large, true",
        "m?g.large, m10g.large, false",
        "*, '', true",
        "Host EC2*, Host EC2 (instance i-0abc) terminated., true",
        "*exec format error*, exec /usr/local/bin/python: exec format error, true",
        "13*, 137, true",
        "137, 1370, false",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYY, false",
        "'', '', true",
        "'', x, false"
    })
    void matches_pattern_expected(String pattern, String text, boolean expected) {
        assertThat(Glob.matches(pattern, text)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void matches_nulls_false() {
        assertThat(Glob.matches(null, "x")).isFalse();
        assertThat(Glob.matches("*", null)).isFalse();
    }
}
