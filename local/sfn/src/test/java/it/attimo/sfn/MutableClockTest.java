package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advancesByADurationAndToAnInstant() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.advance(Duration.ofHours(24))).isEqualTo(START.plus(Duration.ofHours(24)));
        clock.advanceTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
    }

    @Test
    void neverMovesBackwards() {
        MutableClock clock = new MutableClock(START);
        clock.advanceTo(START.minusSeconds(1));
        assertThat(clock.instant()).isEqualTo(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void staysUtc() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Rome")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentAdvancesAreAllCounted() throws InterruptedException {
        MutableClock clock = new MutableClock(START);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    clock.advance(Duration.ofSeconds(1));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(4000));
    }
}
