package it.attimo.core.privacy;

import it.attimo.core.digest.Sha256;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.EventQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The retention job (daily): a customer with no event for {@code months} (default 24, the Garante's guidance for
 * marketing profiling data) is erased, through the same {@code customer.erased} event as a request, queued behind
 * their events. On AWS the event log and the ledger also expire item by item (DynamoDB TTL, same period); DynamoDB
 * Local never expires items, so locally this job is what enforces retention, on the virtual clock.
 */
public final class RetentionSweep {
    public static final int DEFAULT_MONTHS = 24;
    public static final String SOURCE = "attimo:retention";
    private static final int BATCH = 100;

    private final CustomerScan scan;
    private final EventQueue queue;
    private final int months;
    private final Clock clock;

    public RetentionSweep(CustomerScan scan, EventQueue queue, int months, Clock clock) {
        if (months < 1) throw new IllegalArgumentException("retention must be at least one month");
        this.scan = scan;
        this.queue = queue;
        this.months = months;
        this.clock = clock;
    }

    /** The instant before which an inactive customer is erased: {@code months} calendar months ago (UTC). */
    public static Instant cutoff(Instant now, int months) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    /** {@code months} as a TTL: days of an average month (365.25 / 12), rounded up. */
    public static java.time.Duration asDuration(int months) {
        return java.time.Duration.ofDays((long) Math.ceil(months * 365.25 / 12));
    }

    /** Whether someone last seen at {@code lastSeen} has been inactive longer than the retention period. */
    public static boolean expired(Instant lastSeen, Instant now, int months) {
        return lastSeen != null && lastSeen.isBefore(cutoff(now, months));
    }

    /** What a run did: customers looked at and erasures queued. */
    public record Result(int scanned, int erased) {
        public Map<String, Object> toMap() {
            return Map.of("scanned", scanned, "erased", erased);
        }
    }

    public Result run() {
        Instant now = clock.instant();
        List<CustomerEvent> erasures = new ArrayList<>();
        int[] scanned = {0};
        int[] erased = {0};
        scan.forEachProfile(profile -> {
            scanned[0]++;
            Instant lastSeen = profile.lastSeen();
            if (!expired(lastSeen, now, months)) return;
            String id = "retention-"
                    + Sha256.hex(profile.customerId() + "|" + lastSeen).substring(0, 32);
            erasures.add(
                    new CustomerEvent(id, SOURCE, EventTypes.CUSTOMER_ERASED, profile.customerId(), now, Map.of()));
            erased[0]++;
            if (erasures.size() >= BATCH) {
                queue.publish(List.copyOf(erasures));
                erasures.clear();
            }
        });
        if (!erasures.isEmpty()) queue.publish(erasures);
        return new Result(scanned[0], erased[0]);
    }
}
