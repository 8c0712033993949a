package it.attimo.core.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;

/**
 * A customer's orders as BG/NBD's (x, t_x, T) in weeks, counted on Europe/Rome calendar days as lifetimes'
 * {@code summary_data_from_transaction_data} does with daily periods: x = days with an order after the first,
 * t_x = first to last such day, T = first such day to the day of {@code asOf}.
 */
public final class PurchaseSummaries {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    public static final double DAYS_PER_PERIOD = 7;

    private PurchaseSummaries() {}

    /** @return null when the customer placed no order before {@code asOf} */
    public static CustomerSummary of(CustomerActivity c, Instant asOf) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Order o : c.ordersBefore(asOf.plusNanos(1)))
            days.add(o.time().atZone(ROME).toLocalDate());
        if (days.isEmpty()) return null;
        LocalDate today = asOf.atZone(ROME).toLocalDate();
        double recency = ChronoUnit.DAYS.between(days.first(), days.last()) / DAYS_PER_PERIOD;
        double age = Math.max(ChronoUnit.DAYS.between(days.first(), today) / DAYS_PER_PERIOD, recency);
        return new CustomerSummary(c.customerId(), days.size() - 1, recency, age);
    }
}
