package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.timing.SendWindowPlanner;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarSendPlannerTest {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    final CalendarSendPlanner planner = new CalendarSendPlanner(SendWindowPlanner.defaults());
    static final Location MILANO = new Location("015146", "Milano", "MI", "Milano", "Lombardia", "Nord-ovest");

    static Profile profile(Segment segment, Location location) {
        return new Profile("c-1", segment, location, null, null, null, 0, null, null, null, null, null, null, null, null, null, 0);
    }

    /** Saturday 13 June 2026, 10:00 in Rome. */
    static final Instant SATURDAY_MORNING = Instant.parse("2026-06-13T08:00:00Z");

    @Test
    void b2bWaitsForMondayB2cMayGetSaturday() {
        SendPlanner.PlannedSend b2b = planner.plan(profile(Segment.B2B, MILANO), Channel.EMAIL, MessageKind.SERVICE,
                "post-purchase", SATURDAY_MORNING, SATURDAY_MORNING.plusSeconds(86_400));
        SendPlanner.PlannedSend b2c = planner.plan(profile(Segment.B2C, MILANO), Channel.EMAIL, MessageKind.SERVICE,
                "post-purchase", SATURDAY_MORNING, SATURDAY_MORNING.plusSeconds(86_400));
        assertThat(b2b.sendAt().atZone(ROME).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(b2c.sendAt().atZone(ROME).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(b2b.localTime()).isEqualTo(b2b.sendAt().atZone(ROME).toLocalDateTime());
    }

    @Test
    void aDeadlineBeforeTheEarliestInstantIsNotAnError() {
        SendPlanner.PlannedSend p = planner.plan(profile(Segment.B2C, MILANO), Channel.EMAIL, MessageKind.SERVICE, null,
                SATURDAY_MORNING, SATURDAY_MORNING.minusSeconds(3600));
        assertThat(p.skipped()).isFalse();
        assertThat(p.sendAt()).isAfterOrEqualTo(SATURDAY_MORNING);
    }

    @Test
    void aProfileWithoutGeographyOrSegmentIsPlannedToo() {
        SendPlanner.PlannedSend bare = planner.plan(Profile.empty("c-1"), Channel.SMS, MessageKind.SERVICE, null,
                SATURDAY_MORNING, null);
        SendPlanner.PlannedSend unknownComune = planner.plan(profile(null, new Location("999999", null, null, null, null, null)),
                Channel.SMS, MessageKind.SERVICE, null, SATURDAY_MORNING, null);
        assertThat(bare.skipped()).isFalse();
        assertThat(unknownComune.sendAt()).isEqualTo(bare.sendAt());
        assertThat(bare.sendAt().atZone(ROME).toLocalTime()).isBetween(java.time.LocalTime.of(14, 30), java.time.LocalTime.of(17, 30));
    }

    @Test
    void surveysAreTimedLikeServiceMessages() {
        assertThat(CalendarSendPlanner.timingKind(MessageKind.SURVEY)).isEqualTo(it.attimo.core.timing.MessageKind.SERVICE);
        assertThat(CalendarSendPlanner.timingKind(MessageKind.TRANSACTIONAL)).isEqualTo(it.attimo.core.timing.MessageKind.TRANSACTIONAL);
        assertThat(CalendarSendPlanner.timingKind(MessageKind.MARKETING)).isEqualTo(it.attimo.core.timing.MessageKind.MARKETING);
    }
}
