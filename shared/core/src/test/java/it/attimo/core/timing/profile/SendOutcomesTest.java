package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SendOutcomesTest {
    private static final Instant AS_OF = Instant.parse("2026-03-02T00:00:00Z");

    /** Four Tuesday 10:00 (local) sends, never opened; four Thursday 10:00 sends, all opened. */
    private static TemporalProfile profile() {
        ProfileAccumulator acc = new ProfileAccumulator("c", AS_OF, Duration.ofDays(10_000));
        Instant tuesday = Instant.parse("2026-02-03T09:00:00Z");
        for (int w = 0; w < 4; w++) {
            Instant t = tuesday.plus(Duration.ofDays(7L * w));
            acc.add(EventTypes.EMAIL_SENT, t);
            Instant th = t.plus(Duration.ofDays(2));
            acc.add(EventTypes.EMAIL_SENT, th);
            acc.add(EventTypes.EMAIL_OPENED, th.plus(Duration.ofMinutes(20)));
        }
        return acc.finish();
    }

    @Test
    void accumulatorMarksWhichSendsWereOpened() {
        TemporalProfile p = profile();
        assertThat(p.sends()).isEqualTo(8);
        int opened = 0;
        for (int j = 0; j < p.sends(); j++) {
            if (p.sendOpened()[j]) {
                opened++;
                assertThat(HourOfWeek.day(p.sendHours()[j])).isEqualTo(DayOfWeek.THURSDAY);
            }
        }
        assertThat(opened).isEqualTo(4);
    }

    @Test
    void unopenedSendsLowerTheirHourAndOpenedOnesRaiseIt() {
        TemporalProfile p = profile();
        double[] flat = new double[HourOfWeek.COUNT];
        Arrays.fill(flat, 1.0 / HourOfWeek.COUNT);
        double[] calibrated = SendOutcomes.calibrate(flat, p, 0.3, 1.0, 4.0);
        int tue10 = HourOfWeek.of(DayOfWeek.TUESDAY, 10);
        int thu10 = HourOfWeek.of(DayOfWeek.THURSDAY, 10);
        int sun03 = HourOfWeek.of(DayOfWeek.SUNDAY, 3);
        assertThat(calibrated[tue10]).isLessThan(calibrated[sun03]);
        assertThat(calibrated[thu10]).isGreaterThan(calibrated[sun03]);
        // with an overwhelming prior the outcomes do not matter
        double[] prior = SendOutcomes.calibrate(flat, p, 0.3, 1e9, 4.0);
        assertThat(prior[tue10]).isCloseTo(prior[thu10], org.assertj.core.data.Offset.offset(1e-6));
    }
}
