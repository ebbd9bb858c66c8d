package dev.gbo.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.core.AwsException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {
    static final Instant T0 = Instant.parse("2026-11-27T10:17:00Z"); // a Friday

    @Test
    void parse_rateMinutes_nextIsOnePeriodLater() {
        Schedule s = Schedule.parse("rate(5 minutes)");
        assertThat(((Schedule.Rate) s).period()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.next(T0)).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void parse_rateSingularUnit_accepted() {
        assertThat(((Schedule.Rate) Schedule.parse("rate(1 hour)")).period()).isEqualTo(Duration.ofHours(1));
        assertThat(((Schedule.Rate) Schedule.parse("rate(1 day)")).period()).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(5 minute)", "rate(1 minutes)", "rate(0 minutes)", "rate(5 weeks)", "every 5 minutes",
        "cron(0 12 * * *)", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(61 * * * ? *)", "cron(0 12 32 * ? *)"})
    void parse_invalidExpression_throwsValidation(String expression) {
        assertThatThrownBy(() -> Schedule.parse(expression)).isInstanceOf(AwsException.class)
                .hasMessageContaining("ScheduleExpression is not valid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cron(0 12 * * ? *)        | 2026-11-27T12:00:00Z",
        "cron(0/15 * * * ? *)      | 2026-11-27T10:30:00Z",
        "cron(0 8 ? * MON-FRI *)   | 2026-11-30T08:00:00Z",
        "cron(0 0 1 * ? *)         | 2026-12-01T00:00:00Z",
        "cron(0 0 L * ? *)         | 2026-11-30T00:00:00Z",
        "cron(0 9 ? * 6#4 *)       | 2026-12-25T09:00:00Z",
        "cron(0 9 ? * 2L *)        | 2026-11-30T09:00:00Z",
        "cron(15 10 ? * SAT,SUN *) | 2026-11-28T10:15:00Z",
        "cron(0 0 1 JAN ? 2028)    | 2028-01-01T00:00:00Z",
        "cron(0 0 1W * ? *)        | 2026-12-01T00:00:00Z",
        "cron(* * * * ? *)         | 2026-11-27T10:18:00Z"})
    void next_cron_isFirstMatchingMinuteAfter(String expression, String expected) {
        assertThat(Schedule.parse(expression).next(T0)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void next_cronPastLastYear_returnsNull() {
        assertThat(Schedule.parse("cron(0 0 1 1 ? 2025)").next(T0)).isNull();
    }

    @Test
    void next_cronExactlyOnMatch_isStrictlyAfter() {
        assertThat(Schedule.parse("cron(17 10 * * ? *)").next(T0)).isEqualTo(Instant.parse("2026-11-28T10:17:00Z"));
    }
}
