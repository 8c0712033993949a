package it.attimo.core.timing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The planner's answer.
 *
 * @param sendAt      when to send (UTC), null when skipped
 * @param localTime   the same moment in Europe/Rome, null when skipped
 * @param suitability 0–100 score of the chosen slot (of the best slot seen when skipped)
 * @param reasons     what raised or lowered the score and why the send moved, e.g. {@code email golden hour 10:00-12:00 +20}
 * @param skipped     why nothing is sent, null when planned
 * @param belowThreshold planned although no slot reached the kind's threshold (a recommendation never skips; the first
 *                    reason says so)
 */
public record SendPlan(
        Instant sendAt,
        LocalDateTime localTime,
        int suitability,
        List<String> reasons,
        String skipped,
        boolean belowThreshold) {

    public SendPlan {
        reasons = List.copyOf(reasons);
    }

    public SendPlan(Instant sendAt, LocalDateTime localTime, int suitability, List<String> reasons, String skipped) {
        this(sendAt, localTime, suitability, reasons, skipped, false);
    }

    public boolean isSkipped() {
        return skipped != null;
    }

    /** Whether a reason starts with the given machine-friendly prefix, e.g. {@code deadline-missed}. */
    public boolean hasReason(String prefix) {
        return reasons.stream().anyMatch(r -> r.startsWith(prefix));
    }
}
