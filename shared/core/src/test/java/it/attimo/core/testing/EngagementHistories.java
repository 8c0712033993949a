package it.attimo.core.testing;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Engagement histories with a known rhythm, in Europe/Rome local time, for the temporal refresh and the planner:
 * a reader who opens on Tuesday mornings, one who reads every evening.
 */
public final class EngagementHistories {
    public static final ZoneId ROME = ZoneId.of("Europe/Rome");

    private EngagementHistories() {}

    /** Two engagements (an open at 10:10, a portal visit at 10:40 local) on each of the {@code weeks} Tuesdays before {@code before}. */
    public static List<CustomerEvent> tuesdayMornings(String customerId, int weeks, Instant before) {
        List<CustomerEvent> out = new ArrayList<>();
        LocalDate tuesday = before.atZone(ROME).toLocalDate().with(TemporalAdjusters.previous(DayOfWeek.TUESDAY));
        for (int w = 0; w < weeks; w++, tuesday = tuesday.minusWeeks(1)) {
            out.add(at(EventTypes.EMAIL_OPENED, customerId, tuesday, LocalTime.of(10, 10)));
            out.add(at(EventTypes.PORTAL_ACCESSED, customerId, tuesday, LocalTime.of(10, 40)));
        }
        return out;
    }

    /** One engagement at 20:30 local on each of the {@code days} days before {@code before}. */
    public static List<CustomerEvent> everyEvening(String customerId, int days, Instant before) {
        List<CustomerEvent> out = new ArrayList<>();
        LocalDate day = before.atZone(ROME).toLocalDate().minusDays(1);
        for (int d = 0; d < days; d++, day = day.minusDays(1)) {
            out.add(at(EventTypes.PORTAL_ACCESSED, customerId, day, LocalTime.of(20, 30)));
        }
        return out;
    }

    /** A population of {@code each} Tuesday-morning readers ({@code tue-N}) and {@code each} evening readers ({@code eve-N}). */
    public static void seedPopulation(InMemoryProfileStore profiles, InMemoryEventLog log, int each, Instant before) {
        for (int i = 0; i < each; i++) {
            String tue = "tue-" + i, eve = "eve-" + i;
            profiles.put(Profile.empty(tue));
            profiles.put(Profile.empty(eve));
            tuesdayMornings(tue, 8, before).forEach(log::append);
            everyEvening(eve, 28, before).forEach(log::append);
        }
    }

    private static CustomerEvent at(String type, String customerId, LocalDate day, LocalTime time) {
        Instant instant = day.atTime(time).atZone(ROME).toInstant();
        return Events.event(type, customerId)
                .id(type + "-" + customerId + "-" + instant)
                .at(instant)
                .build();
    }
}
