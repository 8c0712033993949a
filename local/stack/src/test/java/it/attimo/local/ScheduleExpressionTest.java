package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    @Test
    void dailyCronInRomeTimeFollowsDaylightSaving() {
        ScheduleExpression daily = ScheduleExpression.parse("cron(30 3 * * ? *)", ROME);
        // summer: 03:30 CEST = 01:30 UTC
        assertThat(daily.nextAfter(Instant.parse("2026-06-08T06:00:00Z")))
                .contains(Instant.parse("2026-06-09T01:30:00Z"));
        // winter: 03:30 CET = 02:30 UTC
        assertThat(daily.nextAfter(Instant.parse("2026-11-22T10:00:00Z")))
                .contains(Instant.parse("2026-11-23T02:30:00Z"));
        // strictly after: an occurrence at the instant itself is not next
        assertThat(daily.nextAfter(Instant.parse("2026-06-09T01:30:00Z")))
                .contains(Instant.parse("2026-06-10T01:30:00Z"));
    }

    @Test
    void aLocalTimeInTheSpringGapMovesForward() {
        ScheduleExpression inGap = ScheduleExpression.parse("cron(30 2 29 3 ? 2026)", ROME);
        // 29 March 2026, 02:30 does not exist in Rome: 03:30 CEST = 01:30 UTC
        assertThat(inGap.nextAfter(Instant.parse("2026-03-28T00:00:00Z")))
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void weekdaysRangesListsAndSteps() {
        ScheduleExpression weekdays = ScheduleExpression.parse("cron(0/30 9-10 ? * MON-FRI *)", ZoneId.of("UTC"));
        // Saturday 2026-06-13 → Monday 09:00
        assertThat(weekdays.nextAfter(Instant.parse("2026-06-13T12:00:00Z")))
                .contains(Instant.parse("2026-06-15T09:00:00Z"));
        assertThat(weekdays.nextAfter(Instant.parse("2026-06-15T09:00:00Z")))
                .contains(Instant.parse("2026-06-15T09:30:00Z"));
        assertThat(weekdays.nextAfter(Instant.parse("2026-06-15T10:30:00Z")))
                .contains(Instant.parse("2026-06-16T09:00:00Z"));
        ScheduleExpression firstOfMonth = ScheduleExpression.parse("cron(0 8 1 JAN,JUL ? *)", ZoneId.of("UTC"));
        assertThat(firstOfMonth.nextAfter(Instant.parse("2026-02-01T00:00:00Z")))
                .contains(Instant.parse("2026-07-01T08:00:00Z"));
    }

    @Test
    void ratesAndOneTimeSchedules() {
        assertThat(ScheduleExpression.parse("rate(6 hours)", ROME).nextAfter(Instant.parse("2026-06-08T06:00:00Z")))
                .contains(Instant.parse("2026-06-08T12:00:00Z"));
        ScheduleExpression once = ScheduleExpression.parse("at(2026-06-10T09:00:00)", ROME);
        assertThat(once.nextAfter(Instant.parse("2026-06-08T00:00:00Z")))
                .contains(Instant.parse("2026-06-10T07:00:00Z"));
        assertThat(once.nextAfter(Instant.parse("2026-06-10T07:00:00Z"))).isEqualTo(Optional.empty());
    }

    @Test
    void eventBridgeNumbersSundayOne() {
        assertThat(ScheduleExpression.awsDayOfWeek(DayOfWeek.SUNDAY)).isEqualTo(1);
        assertThat(ScheduleExpression.awsDayOfWeek(DayOfWeek.MONDAY)).isEqualTo(2);
        assertThat(ScheduleExpression.awsDayOfWeek(DayOfWeek.SATURDAY)).isEqualTo(7);
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 8 * *)", ROME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 8 LW * ? *)", ROME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 25 * * ? *)", ROME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 days)", ROME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("every day", ROME))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
