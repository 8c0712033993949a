package it.attimo.core.scoring;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * Puts an event log in fold order: events after the evaluation instant dropped, sorted by (time, id), one event
 * per id (the earliest in that order wins). Logs that are already in order are not sorted again. An instance
 * reuses its buffers from one log to the next (one per thread), so ordering allocates nothing in steady state.
 */
final class OrderedHistory {
    static final Comparator<CustomerEvent> FOLD_ORDER = (a, b) -> {
        int c = a.time().compareTo(b.time());
        return c != 0 ? c : a.id().compareTo(b.id());
    };
    /** Buffers above this many slots are not kept between logs, so one huge log does not pin memory. */
    private static final int MAX_RETAINED = 1 << 16;

    private CustomerEvent[] events = new CustomerEvent[64];
    private String[] seen = new String[128];
    private int[] seenHashes = new int[128];
    private int count;

    /** Orders {@code history} as of {@code at}; read the result with {@link #events()} and {@link #count()}. */
    void order(List<CustomerEvent> history, Instant at) {
        int size = history.size();
        if (events.length < size) events = new CustomerEvent[Math.max(size, events.length * 2)];
        CustomerEvent[] out = events;
        int n = 0;
        boolean sorted = true;
        CustomerEvent previous = null;
        if (history instanceof RandomAccess) {
            for (int i = 0; i < size; i++) {
                CustomerEvent e = history.get(i);
                if (e.time().isAfter(at)) continue;
                if (sorted && previous != null && FOLD_ORDER.compare(previous, e) > 0) sorted = false;
                out[n++] = e;
                previous = e;
            }
        } else {
            for (CustomerEvent e : history) {
                if (e.time().isAfter(at)) continue;
                if (sorted && previous != null && FOLD_ORDER.compare(previous, e) > 0) sorted = false;
                out[n++] = e;
                previous = e;
            }
        }
        if (!sorted) Arrays.sort(out, 0, n, FOLD_ORDER);
        count = dropDuplicateIds(out, n);
    }

    CustomerEvent[] events() {
        return events;
    }

    int count() {
        return count;
    }

    /** Drops the references to the last log's events (and oversized buffers). */
    void release() {
        if (events.length > MAX_RETAINED) events = new CustomerEvent[64];
        else Arrays.fill(events, 0, count, null);
        if (seen.length > 2 * MAX_RETAINED) {
            seen = new String[128];
            seenHashes = new int[128];
        }
        count = 0;
    }

    private int dropDuplicateIds(CustomerEvent[] in, int n) {
        if (n < 2) return n;
        int capacity = Integer.highestOneBit(n * 2 - 1) << 1;
        if (seen.length < capacity) {
            seen = new String[capacity];
            seenHashes = new int[capacity];
        }
        String[] table = seen;
        int[] hashes = seenHashes;
        int mask = capacity - 1;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            CustomerEvent e = in[i];
            String id = e.id();
            int hash = id.hashCode();
            int slot = mix(hash) & mask;
            boolean duplicate = false;
            while (table[slot] != null) {
                if (hashes[slot] == hash && table[slot].equals(id)) {
                    duplicate = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (duplicate) continue;
            table[slot] = id;
            hashes[slot] = hash;
            in[kept++] = e;
        }
        Arrays.fill(table, 0, capacity, null);
        for (int i = kept; i < n; i++) in[i] = null;
        return kept;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
