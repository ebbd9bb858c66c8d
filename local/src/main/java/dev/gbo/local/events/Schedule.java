package dev.gbo.local.events;

import dev.gbo.local.core.AwsException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or the six-field UTC
 * {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, with {@code * ? , - /},
 * month and weekday names, {@code L} (last day of month) and {@code W} (nearest weekday) in the
 * day-of-month field, and {@code L}/{@code #} in day-of-week. One of day-of-month and day-of-week
 * must be {@code ?}, as EventBridge requires.
 */
public abstract sealed class Schedule permits Schedule.Rate, Schedule.Cron {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    public static Schedule parse(String expression) {
        if (expression == null) {
            throw invalid(null);
        }
        String e = expression.trim();
        Matcher r = RATE.matcher(e);
        if (r.matches()) {
            long value = Long.parseLong(r.group(1));
            String unit = r.group(2);
            if (value <= 0 || (value == 1) != !unit.endsWith("s")) {
                throw invalid(expression);
            }
            Duration period = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
            return new Rate(period);
        }
        Matcher c = CRON.matcher(e);
        if (c.matches()) {
            return Cron.parse(c.group(1).trim(), expression);
        }
        throw invalid(expression);
    }

    static AwsException invalid(String expression) {
        return AwsException.validation("Parameter ScheduleExpression is not valid: '" + expression
                + "'. Use rate(<value> <minute|minutes|hour|hours|day|days>) or cron(<Minutes> <Hours>"
                + " <Day-of-month> <Month> <Day-of-week> <Year>).");
    }

    /** The first firing time strictly after {@code after}, or null if the schedule never fires again. */
    public abstract Instant next(Instant after);

    /** rate(n unit): first fires one period after it was created, then every period. */
    public static final class Rate extends Schedule {
        private final Duration period;

        Rate(Duration period) {
            this.period = period;
        }

        public Duration period() {
            return period;
        }

        @Override
        public Instant next(Instant after) {
            return after.plus(period);
        }
    }

    public static final class Cron extends Schedule {
        private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
                Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6),
                Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10),
                Map.entry("NOV", 11), Map.entry("DEC", 12));
        private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5,
                "FRI", 6, "SAT", 7);

        private final BitSet minutes;
        private final BitSet hours;
        private final BitSet months;
        private final BitSet years;
        private final String dom; // raw day-of-month field
        private final String dow; // raw day-of-week field
        private final BitSet domSet;
        private final BitSet dowSet;
        private final String expression;

        private Cron(String[] f, String expression) {
            this.expression = expression;
            this.minutes = field(f[0], 0, 59, Map.of(), expression);
            this.hours = field(f[1], 0, 23, Map.of(), expression);
            this.dom = f[2].toUpperCase(Locale.ROOT);
            this.months = field(f[3].toUpperCase(Locale.ROOT), 1, 12, MONTHS, expression);
            this.dow = f[4].toUpperCase(Locale.ROOT);
            this.years = field(f[5], 1970, 2199, Map.of(), expression);
            boolean domAny = "?".equals(dom);
            boolean dowAny = "?".equals(dow);
            if (domAny == dowAny) {
                throw invalid(expression); // exactly one of them must be '?'
            }
            this.domSet = domAny || dom.contains("L") || dom.contains("W") ? null : field(dom, 1, 31, Map.of(), expression);
            this.dowSet = dowAny || dow.contains("L") || dow.contains("#") ? null : field(dow, 1, 7, DAYS, expression);
            if (!domAny && domSet == null && !dom.matches("L|\\d{1,2}W|LW")) {
                throw invalid(expression);
            }
            if (!dowAny && dowSet == null && !dow.matches("([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5])")) {
                throw invalid(expression);
            }
        }

        static Cron parse(String body, String expression) {
            String[] f = body.split("\\s+");
            if (f.length != 6) {
                throw invalid(expression);
            }
            return new Cron(f, expression);
        }

        private static BitSet field(String spec, int min, int max, Map<String, Integer> names, String expression) {
            BitSet set = new BitSet(max + 1);
            for (String part : spec.split(",")) {
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = number(part.substring(slash + 1), names, expression);
                    range = part.substring(0, slash);
                    if (step <= 0) {
                        throw invalid(expression);
                    }
                }
                int lo;
                int hi;
                if ("*".equals(range) || "?".equals(range)) {
                    lo = min;
                    hi = max;
                } else if (range.contains("-")) {
                    String[] ab = range.split("-", 2);
                    lo = number(ab[0], names, expression);
                    hi = number(ab[1], names, expression);
                } else {
                    lo = number(range, names, expression);
                    hi = slash >= 0 ? max : lo;
                }
                if (lo < min || hi > max || lo > hi) {
                    throw invalid(expression);
                }
                for (int v = lo; v <= hi; v += step) {
                    set.set(v);
                }
            }
            return set;
        }

        private static int number(String s, Map<String, Integer> names, String expression) {
            Integer named = names.get(s.toUpperCase(Locale.ROOT));
            if (named != null) {
                return named;
            }
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw invalid(expression);
            }
        }

        private boolean dayMatches(LocalDate d) {
            if (!"?".equals(dom)) {
                if (domSet != null) {
                    return domSet.get(d.getDayOfMonth());
                }
                LocalDate last = d.with(TemporalAdjusters.lastDayOfMonth());
                if ("L".equals(dom)) {
                    return d.equals(last);
                }
                LocalDate target = "LW".equals(dom) ? last
                        : d.withDayOfMonth(Math.min(Integer.parseInt(dom.substring(0, dom.length() - 1)),
                                last.getDayOfMonth()));
                return d.equals(nearestWeekday(target));
            }
            int awsDow = d.getDayOfWeek().getValue() % 7 + 1; // SUN=1 .. SAT=7
            if (dowSet != null) {
                return dowSet.get(awsDow);
            }
            int want = number(dow.replaceAll("(L|#\\d)$", ""), DAYS, expression);
            if (want != awsDow) {
                return false;
            }
            if (dow.endsWith("L")) {
                return d.plusWeeks(1).getMonth() != d.getMonth();
            }
            int nth = Integer.parseInt(dow.substring(dow.indexOf('#') + 1));
            return (d.getDayOfMonth() - 1) / 7 + 1 == nth;
        }

        private static LocalDate nearestWeekday(LocalDate d) {
            DayOfWeek w = d.getDayOfWeek();
            if (w == DayOfWeek.SATURDAY) {
                LocalDate prev = d.minusDays(1);
                return prev.getMonth() == d.getMonth() ? prev : d.plusDays(2);
            }
            if (w == DayOfWeek.SUNDAY) {
                LocalDate next = d.plusDays(1);
                return next.getMonth() == d.getMonth() ? next : d.minusDays(2);
            }
            return d;
        }

        @Override
        public Instant next(Instant after) {
            LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            LocalDate day = t.toLocalDate();
            for (int i = 0; i < 366 * 230; i++, day = day.plusDays(1)) {
                if (day.getYear() > 2199) {
                    return null;
                }
                if (!years.get(day.getYear())) {
                    day = LocalDate.of(day.getYear(), 12, 31);
                    continue;
                }
                if (!months.get(day.getMonthValue())) {
                    day = day.with(TemporalAdjusters.lastDayOfMonth());
                    continue;
                }
                if (!dayMatches(day)) {
                    continue;
                }
                int startMinute = day.equals(t.toLocalDate()) ? t.getHour() * 60 + t.getMinute() : 0;
                for (int m = startMinute; m < 24 * 60; m++) {
                    if (hours.get(m / 60) && minutes.get(m % 60)) {
                        return day.atStartOfDay().plusMinutes(m).toInstant(ZoneOffset.UTC);
                    }
                }
            }
            return null;
        }
    }
}
