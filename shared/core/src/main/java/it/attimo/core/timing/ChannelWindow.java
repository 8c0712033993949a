package it.attimo.core.timing;

import java.util.Objects;

/** When a channel may send (allowed) and when it works best (best, inside allowed), in Europe/Rome local time. */
public record ChannelWindow(TimeWindow allowed, TimeWindow best) {
    public ChannelWindow {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(best, "best");
    }
}
