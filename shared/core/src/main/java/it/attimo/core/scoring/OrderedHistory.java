package it.attimo.core.scoring;

import it.attimo.core.event.CustomerEvent;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * Puts an event log in fold order: events after the evaluation instant dropped, sorted by (time, id), one event
 * per id (the earliest in that order wins). Logs that are already in order are not sorted again.
 */
final class OrderedHistory {
    static final Comparator<CustomerEvent> FOLD_ORDER = (a, b) -> {
        int c = a.time().compareTo(b.time());
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    private OrderedHistory() {}

    /** Fills {@code out} (at least {@code history.size()} long) and returns how many events it holds. */
    static int order(List<CustomerEvent> history, Instant at, CustomerEvent[] out) {
        int n = 0;
        boolean sorted = true;
        CustomerEvent previous = null;
        if (history instanceof RandomAccess) {
            for (int i = 0, size = history.size(); i < size; i++) {
                CustomerEvent e = history.get(i);
                if (e.time().isAfter(at)) continue;
                if (previous != null && sorted && FOLD_ORDER.compare(previous, e) > 0) sorted = false;
                out[n++] = e;
                previous = e;
            }
        } else {
            for (CustomerEvent e : history) {
                if (e.time().isAfter(at)) continue;
                if (previous != null && sorted && FOLD_ORDER.compare(previous, e) > 0) sorted = false;
                out[n++] = e;
                previous = e;
            }
        }
        if (!sorted) Arrays.sort(out, 0, n, FOLD_ORDER);
        return dropDuplicateIds(out, n);
    }

    private static int dropDuplicateIds(CustomerEvent[] events, int n) {
        if (n < 2) return n;
        int capacity = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
        String[] seen = new String[capacity];
        int mask = capacity - 1;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            CustomerEvent e = events[i];
            String id = e.id();
            int slot = mix(id.hashCode()) & mask;
            boolean duplicate = false;
            while (seen[slot] != null) {
                if (seen[slot].equals(id)) {
                    duplicate = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (duplicate) continue;
            seen[slot] = id;
            events[kept++] = e;
        }
        for (int i = kept; i < n; i++) events[i] = null;
        return kept;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
