package it.attimo.core.analytics;

import it.attimo.core.customer.Segment;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the customer-base analysis knows about one customer: who (segment, macro-area, account and company size for
 * b2b) and what they did (orders and other signals, each sorted by time). {@code accountId} is the company the
 * customer belongs to ({@code companyId} of {@code customer.upserted}), else the customer itself; {@code employees} is
 * the company's size when given, else -1.
 */
public record CustomerActivity(
        String customerId,
        String accountId,
        Segment segment,
        String macroArea,
        int employees,
        Instant firstSeen,
        List<Order> orders,
        List<Signal> signals) {

    public CustomerActivity {
        accountId = accountId == null || accountId.isBlank() ? customerId : accountId;
        orders = orders.stream().sorted(Comparator.comparing(Order::time)).toList();
        signals = signals.stream().sorted(Comparator.comparing(Signal::time)).toList();
        if (firstSeen == null) {
            Instant first = null;
            if (!orders.isEmpty()) first = orders.get(0).time();
            if (!signals.isEmpty() && (first == null || signals.get(0).time().isBefore(first)))
                first = signals.get(0).time();
            firstSeen = first;
        }
    }

    public boolean b2b() {
        return segment == Segment.B2B;
    }

    /** Company size band (seed 003's "size"): micro < 10, piccola < 50, media < 250, grande; null when unknown. */
    public String sizeBand() {
        if (employees < 0) return null;
        if (employees < 10) return "micro";
        if (employees < 50) return "piccola";
        if (employees < 250) return "media";
        return "grande";
    }

    /** The orders placed before {@code cutoff}. */
    public List<Order> ordersBefore(Instant cutoff) {
        int n = 0;
        while (n < orders.size() && orders.get(n).time().isBefore(cutoff)) n++;
        return orders.subList(0, n);
    }
}
