package it.attimo.core.analytics;

/**
 * One customer's purchase history as BG/NBD reads it (Fader, Hardie and Lee 2005): {@code frequency} = repeat
 * purchases (purchase periods after the first), {@code recency} = time from the first to the last purchase, {@code age}
 * (T) = time from the first purchase to the end of the observation, all in the same time unit (weeks by default).
 */
public record CustomerSummary(String id, int frequency, double recency, double age) {
    public CustomerSummary {
        if (frequency < 0) throw new IllegalArgumentException(id + ": frequency must not be negative");
        if (!(recency >= 0) || !Double.isFinite(recency))
            throw new IllegalArgumentException(id + ": recency must be a finite number >= 0");
        if (!(age >= 0) || !Double.isFinite(age))
            throw new IllegalArgumentException(id + ": T must be a finite number >= 0");
        if (recency > age + 1e-9) throw new IllegalArgumentException(id + ": recency " + recency + " exceeds T " + age);
        if (frequency == 0 && recency != 0)
            throw new IllegalArgumentException(id + ": recency must be 0 when frequency is 0");
    }
}
