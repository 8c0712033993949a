package it.attimo.sfn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A thread-safe UTC clock that only moves when told to: the virtual clock for tests and the CLI. */
public final class MutableClock extends Clock implements VirtualTimeDriver {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("MutableClock is always UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public synchronized void advanceTo(Instant instant) {
    if (instant.isAfter(now)) {
      now = instant;
    }
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }
}
