package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingHistoriesTest {
    private static final Instant UNTIL = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void profilesMatchAccumulatingTheEventsDirectlyAtAnyInstantAndHalfLife() {
        TimingHistories histories = new TimingHistories(UNTIL);
        histories.register("quiet");
        Instant[] times = {
            UNTIL.minus(Duration.ofDays(20)), UNTIL.minus(Duration.ofDays(9)), UNTIL.minus(Duration.ofHours(30))
        };
        histories.add("a", EventTypes.EMAIL_SENT, times[0].minusSeconds(3600));
        for (Instant t : times) histories.add("a", EventTypes.EMAIL_OPENED, t);
        histories.add("a", "customer.upserted", times[1]); // says nothing about timing: not kept
        histories.add("a", EventTypes.PORTAL_ACCESSED, UNTIL.plusSeconds(1)); // after until: not kept
        histories.addIfRegistered("stranger", EventTypes.EMAIL_OPENED, times[0]);

        Instant asOf = UNTIL.minus(Duration.ofDays(7));
        List<TemporalProfile> profiles = histories.profiles(asOf, Duration.ofDays(21));

        ProfileAccumulator direct = new ProfileAccumulator("a", asOf, Duration.ofDays(21));
        direct.add(EventTypes.EMAIL_SENT, times[0].minusSeconds(3600));
        for (Instant t : times) direct.add(EventTypes.EMAIL_OPENED, t);
        TemporalProfile expected = direct.finish();
        assertThat(profiles).extracting(TemporalProfile::customerId).containsExactly("quiet", "a");
        assertThat(profiles.get(1).reads()).containsExactly(expected.reads());
        assertThat(profiles.get(1).engagements()).isEqualTo(2);
        assertThat(histories.earliest()).isEqualTo(times[0].minusSeconds(3600));
        assertThat(histories.engagedBeforeAndAfter(asOf, UNTIL)).isEqualTo(1);
    }

    @Test
    void theSampleDependsOnTheIdsNotOnTheirOrder() {
        TimingHistories forward = new TimingHistories(UNTIL), backward = new TimingHistories(UNTIL);
        for (int i = 0; i < 500; i++) forward.register("c-" + i);
        for (int i = 499; i >= 0; i--) backward.register("c-" + i);

        List<String> a = ids(forward.sample(100)), b = ids(backward.sample(100));

        assertThat(a).hasSize(100).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(b);
        assertThat(a).isNotEqualTo(ids(forward).subList(0, 100)); // not simply the first ones
        assertThat(forward.sample(500)).isSameAs(forward);
    }

    private static List<String> ids(TimingHistories h) {
        return h.profiles(UNTIL, Duration.ofDays(42)).stream()
                .map(TemporalProfile::customerId)
                .toList();
    }
}
