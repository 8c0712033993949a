package it.attimo.core.timing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Candidate send slots built from a local date and a local time of day in Europe/Rome, every {@code step} minutes.
 * DST: a local time that does not exist (the spring-forward hour, 02:00–02:59 on the last Sunday of March) yields no
 * slot; a local time that happens twice (the autumn hour) yields one slot, at its first occurrence (summer offset).
 */
public final class LocalSlots {
    public static final ZoneId ROME = ZoneId.of("Europe/Rome");

    private LocalSlots() {}

    /** The slot for a local date-time, or null when that local time does not exist on that day. */
    public static ZonedDateTime at(LocalDateTime local) {
        List<ZoneOffset> offsets = ROME.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) return null;
        // offsets are ordered earlier-instant first: in the repeated hour that is the first occurrence (CEST)
        return ZonedDateTime.ofStrict(local, offsets.get(0), ROME);
    }

    private record DayKey(LocalDate day, int step) {}

    private static final java.util.Map<DayKey, List<ZonedDateTime>> DAYS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 20_000;

    /** All slots of one local day, in order (immutable; cached, the zone rules do not change at run time). */
    public static List<ZonedDateTime> ofDay(LocalDate day, int stepMinutes) {
        DayKey key = new DayKey(day, stepMinutes);
        List<ZonedDateTime> cached = DAYS.get(key);
        if (cached != null) return cached;
        List<ZonedDateTime> slots = List.copyOf(buildDay(day, stepMinutes));
        if (DAYS.size() < CACHE_LIMIT) DAYS.put(key, slots);
        return slots;
    }

    private static List<ZonedDateTime> buildDay(LocalDate day, int stepMinutes) {
        List<ZonedDateTime> slots = new ArrayList<>(24 * 60 / stepMinutes);
        for (int m = 0; m < 24 * 60; m += stepMinutes) {
            ZonedDateTime z = at(day.atTime(LocalTime.of(m / 60, m % 60)));
            if (z != null) slots.add(z);
        }
        return slots;
    }

    /**
     * Visits slots with {@code from <= instant < to} in time order until the visitor returns false.
     */
    public static void visit(Instant from, Instant to, int stepMinutes, Predicate<ZonedDateTime> visitor) {
        LocalDate day = from.atZone(ROME).toLocalDate();
        LocalDate last = to.atZone(ROME).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (ZonedDateTime z : ofDay(day, stepMinutes)) {
                Instant i = z.toInstant();
                if (i.isBefore(from)) continue;
                if (!i.isBefore(to)) return;
                if (!visitor.test(z)) return;
            }
        }
    }
}
