package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileAccumulatorTest {
    private static final Instant AS_OF = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void binsByLocalHourOfWeekAcrossDst() {
        ProfileAccumulator acc = new ProfileAccumulator("c-1", AS_OF, Duration.ofDays(10_000));
        // Tuesday 2026-07-07 08:30Z is 10:30 CEST; Tuesday 2026-11-10 09:30Z is 10:30 CET
        acc.add(EventTypes.EMAIL_OPENED, Instant.parse("2026-07-07T08:30:00Z"));
        acc.add(EventTypes.PORTAL_ACCESSED, Instant.parse("2026-11-10T09:30:00Z"));
        TemporalProfile p = acc.finish();
        int tuesday10 = HourOfWeek.of(DayOfWeek.TUESDAY, 10);
        assertThat(p.reads()[tuesday10])
                .isCloseTo(p.readWeight(), within(1e-12))
                .isGreaterThan(1.9);
        assertThat(p.engagements()).isEqualTo(2);
    }

    @Test
    void purchasesCountAsPresenceAndResponsesAndRecentDaysAreKeptApart() {
        ProfileAccumulator acc = new ProfileAccumulator("c-1", AS_OF, Duration.ofDays(10_000));
        Instant monday = Instant.parse("2026-11-30T19:10:00Z"); // Monday 20:10 CET, a day before AS_OF
        Instant old = Instant.parse("2026-11-02T19:10:00Z"); // Monday 20:10, four weeks earlier
        acc.add(EventTypes.ORDER_PLACED, monday);
        acc.add(EventTypes.EMAIL_OPENED, old);
        acc.add(EventTypes.SUPPORT_CONTACTED, old.plusSeconds(60));
        TemporalProfile p = acc.finish();
        int monday20 = HourOfWeek.of(DayOfWeek.MONDAY, 20);
        assertThat(p.engagements()).isEqualTo(3);
        assertThat(p.reads()[monday20]).isCloseTo(3, within(0.01));
        assertThat(p.responseReads()[monday20]).isCloseTo(1, within(0.01)); // the open only
        assertThat(p.recentReads()[monday20]).isCloseTo(1, within(0.01)); // the purchase only (last 14 days)
        assertThat(ProfileAccumulator.ACTIVITY)
                .contains(EventTypes.ORDER_PLACED, EventTypes.PORTAL_ACCESSED, EventTypes.SUPPORT_CONTACTED)
                .doesNotContain(EventTypes.ORDER_SHIPPED, EventTypes.EMAIL_SENT);
    }

    @Test
    void olderEventsWeighLess() {
        ProfileAccumulator acc = new ProfileAccumulator("c-1", AS_OF, Duration.ofDays(28));
        acc.add(EventTypes.EMAIL_CLICKED, AS_OF.minus(Duration.ofDays(28)));
        acc.add(EventTypes.EMAIL_CLICKED, AS_OF.minus(Duration.ofDays(56)));
        assertThat(acc.finish().readWeight()).isCloseTo(0.5 + 0.25, within(1e-9));
    }

    @Test
    void ignoresNonEngagementAndFutureEvents() {
        ProfileAccumulator acc = new ProfileAccumulator("c-1", AS_OF, Duration.ofDays(28));
        acc.add(EventTypes.ORDER_SHIPPED, AS_OF.minusSeconds(3600));
        acc.add(EventTypes.EMAIL_OPENED, AS_OF.plusSeconds(3600));
        TemporalProfile p = acc.finish();
        assertThat(p.engagements()).isZero();
        assertThat(p.readWeight()).isZero();
    }

    @Test
    void measuresResponseDelayFromTheLatestSendBefore() {
        ProfileAccumulator acc = new ProfileAccumulator("c-1", AS_OF, Duration.ofDays(28));
        Instant sent = Instant.parse("2026-11-20T09:00:00Z");
        // out of order on purpose
        acc.add(EventTypes.EMAIL_OPENED, sent.plus(Duration.ofMinutes(150)));
        acc.add(EventTypes.EMAIL_SENT, sent);
        acc.add(EventTypes.EMAIL_SENT, sent.minus(Duration.ofDays(2)));
        acc.add(EventTypes.EMAIL_OPENED, sent.minus(Duration.ofDays(3))); // before any send: not a response
        acc.add(EventTypes.PORTAL_ACCESSED, sent.plus(Duration.ofMinutes(10))); // engagement, not a response
        TemporalProfile p = acc.finish();
        assertThat(p.responses()).isEqualTo(1);
        assertThat(p.delays()[2]).isEqualTo(1.0);
        assertThat(p.engagements()).isEqualTo(3);
    }
}
