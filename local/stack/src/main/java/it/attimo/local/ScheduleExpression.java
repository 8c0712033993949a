package it.attimo.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An EventBridge Scheduler expression in a time zone: {@code cron(min hour day-of-month month day-of-week year)},
 * {@code rate(n minute|minutes|hour|hours|day|days)} or {@code at(yyyy-mm-ddThh:mm:ss)}. Cron fields take numbers,
 * names (JAN-DEC, SUN-SAT; day of week 1 = Sunday), {@code *}, {@code ?}, ranges, lists and steps; {@code L},
 * {@code W} and {@code #} are not supported. Local times in a DST gap move forward, as the scheduler does.
 */
public final class ScheduleExpression {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int SEARCH_DAYS = 366 * 5;

    private final String text;
    private final ZoneId zone;
    private final Duration rate;
    private final LocalDateTime at;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;

    private ScheduleExpression(String text, ZoneId zone, Duration rate, LocalDateTime at, BitSet[] cron) {
        this.text = text;
        this.zone = zone;
        this.rate = rate;
        this.at = at;
        this.minutes = cron == null ? null : cron[0];
        this.hours = cron == null ? null : cron[1];
        this.daysOfMonth = cron == null ? null : cron[2];
        this.months = cron == null ? null : cron[3];
        this.daysOfWeek = cron == null ? null : cron[4];
        this.years = cron == null ? null : cron[5];
    }

    public static ScheduleExpression parse(String expression, ZoneId zone) {
        String e = expression.trim();
        if (e.startsWith("rate(") && e.endsWith(")")) {
            String[] parts = e.substring(5, e.length() - 1).trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("rate needs a value and a unit: " + expression);
            }
            long value = Long.parseLong(parts[0]);
            ChronoUnit unit = switch (parts[1].toLowerCase(Locale.ROOT)) {
                case "minute", "minutes" -> ChronoUnit.MINUTES;
                case "hour", "hours" -> ChronoUnit.HOURS;
                case "day", "days" -> ChronoUnit.DAYS;
                default -> throw new IllegalArgumentException("unknown rate unit in " + expression);
            };
            if (value < 1) {
                throw new IllegalArgumentException("a rate must be positive: " + expression);
            }
            return new ScheduleExpression(e, zone, Duration.of(value, unit), null, null);
        }
        if (e.startsWith("at(") && e.endsWith(")")) {
            return new ScheduleExpression(
                    e,
                    zone,
                    null,
                    LocalDateTime.parse(e.substring(3, e.length() - 1).trim()),
                    null);
        }
        if (e.startsWith("cron(") && e.endsWith(")")) {
            String[] f = e.substring(5, e.length() - 1).trim().split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException(
                        "cron needs 6 fields (min hour day-of-month month day-of-week year): " + expression);
            }
            BitSet[] cron = {
                field(f[0], 0, 59, null, 0), field(f[1], 0, 23, null, 0), field(f[2], 1, 31, null, 0),
                field(f[3], 1, 12, MONTHS, 1), field(f[4], 1, 7, DAYS, 1), field(f[5], 1970, 2199, null, 0)
            };
            return new ScheduleExpression(e, zone, null, null, cron);
        }
        throw new IllegalArgumentException("not a schedule expression (cron, rate or at): " + expression);
    }

    /** The first firing strictly after {@code after} (for a rate: one period after it), if there is one. */
    public Optional<Instant> nextAfter(Instant after) {
        if (rate != null) {
            return Optional.of(after.plus(rate));
        }
        if (at != null) {
            Instant once = at.atZone(zone).toInstant();
            return once.isAfter(after) ? Optional.of(once) : Optional.empty();
        }
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!matches(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    Instant candidate = day.atTime(h, m).atZone(zone).toInstant();
                    if (candidate.isAfter(after)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean matches(LocalDate day) {
        int awsDayOfWeek = awsDayOfWeek(day.getDayOfWeek());
        return (years == null || years.get(day.getYear()))
                && (months == null || months.get(day.getMonthValue()))
                && (daysOfMonth == null || daysOfMonth.get(day.getDayOfMonth()))
                && (daysOfWeek == null || daysOfWeek.get(awsDayOfWeek));
    }

    /** EventBridge numbers days 1 = Sunday ... 7 = Saturday. */
    static int awsDayOfWeek(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    /** @return the allowed values, or null for "any" ({@code *} or {@code ?}) */
    private static BitSet field(String spec, int min, int max, List<String> names, int nameBase) {
        if (spec.equals("*") || spec.equals("?")) {
            return null;
        }
        BitSet allowed = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            if (part.contains("L") && names == null || part.contains("W") || part.contains("#")) {
                throw new IllegalArgumentException("cron field '" + spec + "': L, W and # are not supported locally");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-");
                from = value(ends[0], names, nameBase);
                to = value(ends[1], names, nameBase);
            } else {
                from = value(range, names, nameBase);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to || step < 1) {
                throw new IllegalArgumentException("cron field '" + spec + "' is out of range " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                allowed.set(v);
            }
        }
        return allowed;
    }

    private static int value(String token, List<String> names, int nameBase) {
        if (names != null) {
            int index = names.indexOf(token.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return index + nameBase;
            }
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return text + " (" + zone + ")";
    }
}
