package it.attimo.core.timing.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The production policy for the profiles' half-life: {@link HalfLifeSelection} over {@link HalfLifeSelection#GRID},
 * holding out the last week before {@code asOf}, on a deterministic sample of at most {@link #SAMPLE} customers (the
 * size the offline evaluation selected on; more customers barely change a choice between five candidates but cost
 * five model fits each). The evidence tuning ({@link TemporalModel.Tuning}) is chosen on the same held-out week.
 * Falls back to {@link ProfileSettings#HALF_LIFE} with less than {@link #MIN_HISTORY} of
 * history or fewer than {@link #MIN_ENGAGED} sampled customers engaged both before and during the held-out week.
 */
public final class AdaptiveHalfLife {
    public static final Duration HOLDOUT = Duration.ofDays(7);
    public static final Duration MIN_HISTORY = Duration.ofDays(14);
    public static final int MIN_ENGAGED = 50;
    public static final int SAMPLE = 20_000;

    /**
     * @param halfLife              the half-life to build profiles with
     * @param basis                 why: chosen on which week and how many customers, or why the default
     * @param heldOutLogLikelihood  each candidate's score when chosen, else empty
     */
    public record Decision(
            Duration halfLife, String basis, Map<Duration, Double> heldOutLogLikelihood, TemporalModel.Tuning tuning) {
        /** A decision with the default evidence tuning (nothing held out to choose it on). */
        public Decision(Duration halfLife, String basis, Map<Duration, Double> heldOutLogLikelihood) {
            this(halfLife, basis, heldOutLogLikelihood, TemporalModel.Tuning.DEFAULT);
        }

        public boolean chosen() {
            return !heldOutLogLikelihood.isEmpty();
        }
    }

    private AdaptiveHalfLife() {}

    public static Decision decide(TimingHistories histories, Instant asOf, TemporalModel.Settings settings) {
        return decide(histories, asOf, settings, HalfLifeSelection.EVERY_CHANNEL);
    }

    /**
     * @param decisions the hours a slot will be chosen in (see {@link HalfLifeSelection#choose(HalfLifeSelection.ProfileSource,
     *                  Instant, Duration, java.util.List, TemporalModel.Settings, java.util.List)}): {@code recommend}
     *                  passes its channel's window, the refresh every channel's
     */
    public static Decision decide(
            TimingHistories histories, Instant asOf, TemporalModel.Settings settings, List<boolean[]> decisions) {
        Instant earliest = histories.earliest();
        if (earliest == null || earliest.isAfter(asOf.minus(MIN_HISTORY))) {
            return fallback("less than " + MIN_HISTORY.toDays() + " days of history");
        }
        TimingHistories sample = histories.sample(SAMPLE);
        Instant cut = asOf.minus(HOLDOUT);
        int engaged = sample.engagedBeforeAndAfter(cut, asOf);
        if (engaged < MIN_ENGAGED) {
            return fallback(engaged + " customers engaged both before and in the last week, fewer than " + MIN_ENGAGED);
        }
        HalfLifeSelection.Choice choice =
                HalfLifeSelection.choose(sample, asOf, HOLDOUT, HalfLifeSelection.GRID, settings, decisions);
        return new Decision(
                choice.halfLife(),
                "chosen on the week from " + cut + " held out, " + sample.customers() + " customers (" + engaged
                        + " engaged)",
                Map.copyOf(choice.heldOutLogLikelihood()),
                choice.tuning());
    }

    private static Decision fallback(String why) {
        return new Decision(
                ProfileSettings.HALF_LIFE, "default " + ProfileSettings.HALF_LIFE.toDays() + " days: " + why, Map.of());
    }
}
