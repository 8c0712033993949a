package it.attimo.core.timing.profile;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Streams an NDJSON file of CloudEvents (one per line), handing {@code (type, subject, time)} to a sink without
 * building JSON trees (nested {@code data} is skipped; see {@link NdjsonRows}). Errors name the line number only:
 * lines may hold personal data.
 */
public final class NdjsonEvents {
    private static final String[] FIELDS = {"type", "subject", "time"};

    /** Receives one event's timing fields. */
    @FunctionalInterface
    public interface Sink {
        void accept(String type, String subject, Instant time);
    }

    private NdjsonEvents() {}

    /** @return number of events read */
    public static long read(InputStream input, Sink sink) {
        return NdjsonRows.read(input, "events", FIELDS, (lineNo, values) -> {
            String type = values[0], subject = values[1], time = values[2];
            if (type == null || subject == null || time == null) {
                throw new IllegalArgumentException("events line " + lineNo + ": missing type, subject or time");
            }
            Instant at;
            try {
                at = parseInstant(time);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("events line " + lineNo + ": time is not an ISO-8601 instant");
            }
            sink.accept(type, subject, at);
        });
    }

    /** Fast path for the common {@code yyyy-MM-ddTHH:mm:ssZ} form; anything else goes through {@link Instant#parse}. */
    static Instant parseInstant(String s) {
        if (s.length() == 20
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && s.charAt(19) == 'Z') {
            int y = digits(s, 0, 4), mo = digits(s, 5, 7), d = digits(s, 8, 10);
            int h = digits(s, 11, 13), mi = digits(s, 14, 16), se = digits(s, 17, 19);
            if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0
                    && se < 60) {
                long day = java.time.LocalDate.of(y, mo, d).toEpochDay();
                return Instant.ofEpochSecond(day * 86400L + h * 3600L + mi * 60L + se);
            }
        }
        return Instant.parse(s);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
