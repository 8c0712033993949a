package it.attimo.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import it.attimo.core.timing.OverlapArbiter.Contender;
import it.attimo.core.timing.OverlapArbiter.Decision;
import it.attimo.core.timing.OverlapArbiter.Outcome;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapArbiterTest {
    private static final OverlapArbiter ARBITER = new OverlapArbiter(SendWindowPlanner.defaults());
    private static final Instant TUESDAY_8 = Instant.parse("2026-11-24T07:00:00Z");

    private static PlanRequest.Builder email() {
        return PlanRequest.builder(Channel.EMAIL, TUESDAY_8).comune("015146");
    }

    @Test
    void higherPriorityGoesLowerMoves() {
        List<Decision> d = ARBITER.arbitrate(
                List.of(new Contender("promo", 1, email().build()), new Contender("post-purchase", 5, email().build())),
                List.of());
        assertThat(d).extracting(Decision::journey).containsExactly("post-purchase", "promo");
        assertThat(d.get(0).outcome()).isEqualTo(Outcome.GOES);
        assertThat(d.get(0).plan().localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
        assertThat(d.get(1).outcome()).isEqualTo(Outcome.MOVED);
        assertThat(d.get(1).plan().localTime()).isEqualTo(LocalDateTime.of(2026, 11, 25, 10, 0));
        assertThat(d.get(1).plan().reasons().get(0)).startsWith("overlap: post-purchase (priority 5)");
    }

    @Test
    void lowerPriorityWithoutRoomIsDropped() {
        List<Decision> d = ARBITER.arbitrate(
                List.of(
                        new Contender(
                                "promo",
                                1,
                                email().deadline(Instant.parse("2026-11-24T20:00:00Z"))
                                        .build()),
                        new Contender("post-purchase", 5, email().build())),
                List.of());
        assertThat(d.get(1).journey()).isEqualTo("promo");
        assertThat(d.get(1).outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(d.get(1).plan().sendAt()).isNull();
        assertThat(d.get(1).reason()).contains("dropped");
    }

    @Test
    void sendsFarEnoughApartBothGo() {
        List<Decision> d = ARBITER.arbitrate(
                List.of(
                        new Contender("newsletter", 2, email().build()),
                        new Contender(
                                "app-nudge",
                                1,
                                PlanRequest.builder(Channel.PUSH, TUESDAY_8)
                                        .comune("015146")
                                        .build())),
                List.of());
        assertThat(d).extracting(Decision::outcome).containsExactly(Outcome.GOES, Outcome.GOES);
        assertThat(d.get(1).plan().localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 16, 0));
    }
}
