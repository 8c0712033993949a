package it.attimo.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequencyCapsTest {
    private static final SendWindowPlanner PLANNER = SendWindowPlanner.defaults();
    private static final String MILANO = "015146";

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static PastSend sent(Channel c, String at) {
        return new PastSend("c-1", c, t(at), "earlier");
    }

    @Test
    void oneEmailPerLocalDay() {
        SendPlan p = PLANNER.plan(PlanRequest.builder(Channel.EMAIL, t("2026-11-24T07:00:00Z"))
                .comune(MILANO)
                .history(List.of(sent(Channel.EMAIL, "2026-11-24T02:00:00Z")))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 25, 10, 0));
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("frequency-cap: email 1/day reached on 2026-11-24"));
    }

    @Test
    void rollingWeekCapCountsAnySevenDayWindow() {
        List<PastSend> three = List.of(
                sent(Channel.EMAIL, "2026-11-23T09:00:00Z"),
                sent(Channel.EMAIL, "2026-11-24T09:00:00Z"),
                sent(Channel.EMAIL, "2026-11-25T09:00:00Z"));
        SendPlan p = PLANNER.plan(PlanRequest.builder(Channel.EMAIL, t("2026-11-26T07:00:00Z"))
                .comune(MILANO)
                .history(three)
                .build());
        // 26..29 Nov lie in a 7-day window with 23, 24, 25; Monday 30 does not
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 30, 10, 0));
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("frequency-cap: email 3/7 days"));
    }

    @Test
    void minimumGapAcrossChannels() {
        // an SMS went at 15:00 local; push's golden hour 16-18 is within 4 hours, and 19:00 closes the push window
        SendPlan p = PLANNER.plan(PlanRequest.builder(Channel.PUSH, t("2026-11-24T13:00:00Z"))
                .comune(MILANO)
                .history(List.of(sent(Channel.SMS, "2026-11-24T14:00:00Z")))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 25, 16, 0));
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("frequency-gap:"));
    }

    @Test
    void transactionalIsExemptByDefault() {
        SendPlan p = PLANNER.plan(PlanRequest.builder(Channel.EMAIL, t("2026-11-24T09:00:00Z"))
                .comune(MILANO)
                .kind(MessageKind.TRANSACTIONAL)
                .history(List.of(sent(Channel.EMAIL, "2026-11-24T08:30:00Z")))
                .build());
        assertThat(p.sendAt()).isEqualTo(t("2026-11-24T09:00:00Z"));
    }

    @Test
    void noCapsMeansNoEffect() {
        SendWindowPlanner uncapped =
                new SendWindowPlanner(PLANNER.calendar(), SendWindows.defaults(), FrequencyCaps.none());
        SendPlan p = uncapped.plan(PlanRequest.builder(Channel.EMAIL, t("2026-11-24T07:00:00Z"))
                .comune(MILANO)
                .history(List.of(sent(Channel.EMAIL, "2026-11-24T08:00:00Z")))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
    }
}
