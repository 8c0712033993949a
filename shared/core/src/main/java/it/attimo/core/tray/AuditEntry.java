package it.attimo.core.tray;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a tray's append-only audit trail: its sequence number (1, 2, ...), when, which party (or
 * {@code system}), what ({@code created}, {@code changed}, {@code otp-sent}, {@code signed}, {@code submitted},
 * {@code write-refused}, ...) and the details (field names and values, hashes).
 */
public record AuditEntry(long seq, Instant at, String party, String action, Map<String, String> detail) {
    public static final String SYSTEM = "system";

    public AuditEntry {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** The entry as one line of text (the PDF's audit section). */
    public String line() {
        StringBuilder b = new StringBuilder();
        b.append(seq)
                .append("  ")
                .append(at)
                .append("  ")
                .append(party)
                .append("  ")
                .append(action);
        new java.util.TreeMap<>(detail)
                .forEach((k, v) -> b.append("  ").append(k).append('=').append(v));
        return b.toString();
    }
}
