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
 * @param sendHours    local hour of week of each of our sends (email/sms) in the profile
 * @param sendWeights  decay weight of each send
 * @param sendOpened   whether each send got a response (open/click) within 48 hours
 * @param responseReads the part of {@code reads} that came from responses to our sends (opens, clicks): presence seen
 *                     only where we had mailed shortly before, so the model can correct that selection
 * @param recentReads  the part of {@code reads} from the last {@link #RECENT_DAYS} days before the profile's instant,
 *                     to notice a change of habits
 */
public record TemporalProfile(
        String customerId,
        double[] reads,
        double readWeight,
        int engagements,
        double[] delays,
        int responses,
        short[] sendHours,
        float[] sendWeights,
        boolean[] sendOpened,
        double[] responseReads,
        double[] recentReads) {
    public static final int DELAY_HOURS = 48;
    public static final int RECENT_DAYS = 14;

    public TemporalProfile {
        if (reads.length != HourOfWeek.COUNT
                || responseReads.length != HourOfWeek.COUNT
                || recentReads.length != HourOfWeek.COUNT)
            throw new IllegalArgumentException("reads must have 168 bins");
        if (delays.length != DELAY_HOURS)
            throw new IllegalArgumentException("delays must have " + DELAY_HOURS + " bins");
        if (sendHours.length != sendWeights.length || sendHours.length != sendOpened.length) {
            throw new IllegalArgumentException("send arrays differ in length");
        }
    }

    public int sends() {
        return sendHours.length;
    }

    public static TemporalProfile empty(String customerId) {
        return new TemporalProfile(
                customerId,
                new double[HourOfWeek.COUNT],
                0,
                0,
                new double[DELAY_HOURS],
                0,
                new short[0],
                new float[0],
                new boolean[0],
                new double[HourOfWeek.COUNT],
                new double[HourOfWeek.COUNT]);
    }
}
