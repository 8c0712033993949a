package it.attimo.core.timing;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses command-line values with messages that say which option was wrong and what is expected. */
public final class TimingArguments {
    private TimingArguments() {}

    public static Instant instant(String option, String value) {
        if (value == null || value.isBlank())
            throw new IllegalArgumentException(option + " is required (ISO-8601 instant, e.g. 2026-11-24T09:00:00Z)");
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + ": '" + value + "' is not an ISO-8601 instant (e.g. 2026-11-24T09:00:00Z)");
        }
    }

    public static Channel channel(String value) {
        try {
            return Channel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--channel: " + e.getMessage());
        }
    }

    public static Segment segment(String value) {
        if (value == null) return Segment.B2C;
        try {
            return Segment.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--segment: " + e.getMessage());
        }
    }

    public static MessageKind kind(String value) {
        if (value == null) return MessageKind.MARKETING;
        try {
            return MessageKind.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kind: " + e.getMessage());
        }
    }

    public static int year(String value) {
        try {
            int y = Integer.parseInt(value.trim());
            if (y < 1950 || y > 2200) throw new NumberFormatException();
            return y;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--year: '" + value + "' is not a year between 1950 and 2200");
        }
    }
}
