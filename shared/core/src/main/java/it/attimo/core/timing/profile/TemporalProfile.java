package it.attimo.core.timing.profile;

import it.attimo.core.timing.HourOfWeek;

/**
 * One customer's observed rhythm, as of some instant.
 *
 * @param customerId   the customer (id only)
 * @param reads        168 exponentially decayed weights of engagement events by local hour of week: when they read
 * @param readWeight   sum of {@code reads}
 * @param engagements  number of engagement events seen (undecayed)
 * @param delays       response delays after our sends, counted per whole hour (index 0 = within the first hour)
 * @param responses    number of responses matched to a send
 */
public record TemporalProfile(String customerId, double[] reads, double readWeight, int engagements, double[] delays,
                              int responses) {
    public static final int DELAY_HOURS = 48;

    public TemporalProfile {
        if (reads.length != HourOfWeek.COUNT) throw new IllegalArgumentException("reads must have 168 bins");
        if (delays.length != DELAY_HOURS) throw new IllegalArgumentException("delays must have " + DELAY_HOURS + " bins");
    }

    public static TemporalProfile empty(String customerId) {
        return new TemporalProfile(customerId, new double[HourOfWeek.COUNT], 0, 0, new double[DELAY_HOURS], 0);
    }
}
