package it.attimo.sfn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A thread-safe UTC clock that moves only forward and only when told to: the virtual clock of the executor's tests,
 * the {@code sfn} CLI and the local stack (moved by {@code POST /admin/clock}, the demo or the realtime ticker).
 * Signature freshness never reads it: that is judged against the wall clock.
 */
public final class MutableClock extends Clock implements VirtualTimeDriver {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: zoned views belong to the code that needs them (business rules use Europe/Rome explicitly). */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the virtual clock is UTC only");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Moves to {@code target}; a target in the past changes nothing (time never goes backwards). */
    @Override
    public synchronized void advanceTo(Instant target) {
        if (target.isAfter(now)) {
            now = target;
        }
    }

    /**
     * Sets the clock to any instant, earlier ones included. Only for whoever made sure nothing is waiting on this clock
     * (an earlier instant would reorder it); {@link #advanceTo} is the normal way time moves.
     */
    public synchronized void rewindTo(Instant target) {
        now = target;
    }

    /** Moves forward by a non-negative duration and answers the new instant. */
    public synchronized Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the virtual clock only moves forward, not by " + duration);
        }
        now = now.plus(duration);
        return now;
    }
}
