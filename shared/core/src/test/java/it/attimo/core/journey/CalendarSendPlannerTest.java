package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.testing.EngagementHistories;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.timing.MessageKind;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.TemporalRefresh;
import it.attimo.core.timing.profile.CustomerPredictions;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarSendPlannerTest {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    final CalendarSendPlanner planner = new CalendarSendPlanner(SendWindowPlanner.defaults());
    static final Location MILANO = new Location("015146", "Milano", "MI", "Milano", "Lombardia", "Nord-ovest");

    static Profile profile(Segment segment, Location location) {
        return new Profile(
                "c-1", segment, location, null, null, null, 0, null, null, null, null, null, null, null, null, null, 0);
    }

    /** Saturday 13 June 2026, 10:00 in Rome. */
    static final Instant SATURDAY_MORNING = Instant.parse("2026-06-13T08:00:00Z");

    @Test
    void b2bWaitsForMondayB2cMayGetSaturday() {
        SendPlanner.PlannedSend b2b = planner.plan(
                profile(Segment.B2B, MILANO),
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                SATURDAY_MORNING,
                SATURDAY_MORNING.plusSeconds(86_400));
        SendPlanner.PlannedSend b2c = planner.plan(
                profile(Segment.B2C, MILANO),
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                SATURDAY_MORNING,
                SATURDAY_MORNING.plusSeconds(86_400));
        assertThat(b2b.sendAt().atZone(ROME).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(b2c.sendAt().atZone(ROME).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(b2b.localTime()).isEqualTo(b2b.sendAt().atZone(ROME).toLocalDateTime());
    }

    @Test
    void aDeadlineBeforeTheEarliestInstantIsNotAnError() {
        SendPlanner.PlannedSend p = planner.plan(
                profile(Segment.B2C, MILANO),
                Channel.EMAIL,
                MessageKind.SERVICE,
                null,
                SATURDAY_MORNING,
                SATURDAY_MORNING.minusSeconds(3600));
        assertThat(p.skipped()).isFalse();
        assertThat(p.sendAt()).isAfterOrEqualTo(SATURDAY_MORNING);
    }

    @Test
    void aProfileWithoutGeographyOrSegmentIsPlannedToo() {
        SendPlanner.PlannedSend bare =
                planner.plan(Profile.empty("c-1"), Channel.SMS, MessageKind.SERVICE, null, SATURDAY_MORNING, null);
        SendPlanner.PlannedSend unknownComune = planner.plan(
                profile(null, new Location("999999", null, null, null, null, null)),
                Channel.SMS,
                MessageKind.SERVICE,
                null,
                SATURDAY_MORNING,
                null);
        assertThat(bare.skipped()).isFalse();
        assertThat(unknownComune.sendAt()).isEqualTo(bare.sendAt());
        assertThat(bare.sendAt().atZone(ROME).toLocalTime())
                .isBetween(java.time.LocalTime.of(14, 30), java.time.LocalTime.of(17, 30));
    }

    /** Monday 23 November 2026, 07:00 in Rome; the tutorial email may go until Wednesday 07:00. */
    static final Instant MONDAY_EARLY = Instant.parse("2026-11-23T06:00:00Z");

    @Test
    void theCustomersProfileMovesAServiceEmailToTheirTuesdayMorningAndTheReasonsSaySo() {
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        InMemoryEventLog log = new InMemoryEventLog();
        InMemoryTemporalModelStore models = new InMemoryTemporalModelStore();
        MutableClock clock = new MutableClock(MONDAY_EARLY);
        CalendarSendPlanner withProfiles =
                new CalendarSendPlanner(SendWindowPlanner.defaults(), new CustomerPredictions(log, models, clock));
        EngagementHistories.tuesdayMornings("c-1", 6, MONDAY_EARLY).forEach(log::append);
        Profile customer = profile(Segment.B2C, MILANO);

        SendPlanner.PlannedSend beforeAnyModel = withProfiles.plan(
                customer,
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                MONDAY_EARLY,
                MONDAY_EARLY.plusSeconds(48 * 3600));
        EngagementHistories.seedPopulation(profiles, log, 20, MONDAY_EARLY);
        new TemporalRefresh(new InMemoryCustomerScan(profiles, log), models, clock).run();
        SendPlanner.PlannedSend withModel = withProfiles.plan(
                customer,
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                MONDAY_EARLY,
                MONDAY_EARLY.plusSeconds(48 * 3600));
        SendPlanner.PlannedSend plain = planner.plan(
                customer,
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                MONDAY_EARLY,
                MONDAY_EARLY.plusSeconds(48 * 3600));

        // nothing known: the first acceptable slot, as without profiles
        assertThat(beforeAnyModel.sendAt()).isEqualTo(plain.sendAt());
        assertThat(plain.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 23, 9, 30));
        assertThat(beforeAnyModel.reasons().get(0)).isEqualTo("profile: none (no temporal model fitted yet)");
        assertThat(plain.reasons()).noneMatch(r -> r.startsWith("profile:"));
        // the model and 12 Tuesday-morning engagements: Tuesday 10:00
        assertThat(withModel.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
        assertThat(withModel.reasons().get(0))
                .isEqualTo("profile: martedì mattina, 12 engagements (model of 2026-11-23)");
        assertThat(withModel.reasons()).anyMatch(r -> r.startsWith("prediction: martedì mattina"));
        assertThat(withModel.suitability()).isEqualTo(90);
    }

    @Test
    void theCalendarStillWinsOverTheProfile() {
        // B2B Tuesday reader, Tuesday 8 December 2026 is the Immacolata: the profile cannot open a holiday
        InMemoryEventLog log = new InMemoryEventLog();
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        InMemoryTemporalModelStore models = new InMemoryTemporalModelStore();
        Instant monday = Instant.parse("2026-12-07T06:00:00Z");
        MutableClock clock = new MutableClock(monday);
        EngagementHistories.seedPopulation(profiles, log, 20, monday);
        EngagementHistories.tuesdayMornings("c-1", 6, monday).forEach(log::append);
        new TemporalRefresh(new InMemoryCustomerScan(profiles, log), models, clock).run();
        CalendarSendPlanner withProfiles =
                new CalendarSendPlanner(SendWindowPlanner.defaults(), new CustomerPredictions(log, models, clock));

        SendPlanner.PlannedSend p = withProfiles.plan(
                profile(
                        Segment.B2B,
                        new Location("108033", "Monza", "MB", "Monza e della Brianza", "Lombardia", "Nord-ovest")),
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                monday,
                monday.plusSeconds(48 * 3600));

        assertThat(p.localTime().toLocalDate()).isNotEqualTo(java.time.LocalDate.of(2026, 12, 8));
        assertThat(p.reasons().get(0)).startsWith("profile: martedì mattina");
    }

    @Test
    void aSendAnotherJourneyAlreadyMadeMovesAServiceMessageButNotATransactionalOne() {
        Instant wednesday = Instant.parse("2026-06-10T06:00:00Z");
        Instant deadline = wednesday.plusSeconds(86_400);
        List<SendPlanner.HeldSend> sent = List.of(new SendPlanner.HeldSend(
                "onboarding-72h",
                "support-email",
                Channel.EMAIL,
                MessageKind.SERVICE,
                Instant.parse("2026-06-10T07:30:00Z"),
                true));
        SendPlanner.PlannedSend alone = planner.plan(
                profile(Segment.B2C, MILANO),
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                "tutorial",
                wednesday,
                deadline,
                List.of());
        SendPlanner.PlannedSend moved = planner.plan(
                profile(Segment.B2C, MILANO),
                Channel.EMAIL,
                MessageKind.SERVICE,
                "post-purchase",
                "tutorial",
                wednesday,
                deadline,
                sent);
        SendPlanner.PlannedSend apology = planner.plan(
                profile(Segment.B2C, MILANO),
                Channel.EMAIL,
                MessageKind.TRANSACTIONAL,
                "post-purchase",
                "apology",
                wednesday,
                deadline,
                sent);

        assertThat(alone.sendAt()).isEqualTo("2026-06-10T07:30:00Z");
        assertThat(moved.sendAt()).isEqualTo("2026-06-11T07:30:00Z");
        assertThat(moved.reasons().get(0))
                .startsWith("overlap: post-purchase tutorial moved after onboarding-72h "
                        + "support-email (already sent) at 2026-06-10 09:30");
        assertThat(moved.reasons())
                .anyMatch(r -> r.startsWith("frequency-gap: another send (email) at 2026-06-10T07:30:00Z"));
        assertThat(apology.reasons()).noneMatch(r -> r.startsWith("overlap"));
        assertThat(apology.sendAt()).as("transactional is exempt from caps").isEqualTo(wednesday);
        assertThat(planner.overlapGap()).hasHours(4);
    }
}
