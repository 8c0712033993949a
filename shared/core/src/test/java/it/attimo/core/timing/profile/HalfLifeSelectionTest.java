package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import it.attimo.core.channel.Channel;
import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfLifeSelectionTest {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant AS_OF = START.plus(Duration.ofDays(7 * 8));
    private static final int[] HABIT_HOURS = {
        9, 24 + 18, 2 * 24 + 13, 3 * 24 + 8, 4 * 24 + 20, 5 * 24 + 10, 6 * 24 + 11, 6 * 24 + 21
    };

    @Test
    void stableHabitsChooseALongHalfLife() {
        List<List<Instant>> reads = population(false);
        HalfLifeSelection.Choice choice = HalfLifeSelection.choose(
                source(reads), AS_OF, Duration.ofDays(7), HalfLifeSelection.GRID, TemporalModel.Settings.defaults());
        assertThat(choice.halfLife()).isGreaterThan(Duration.ofDays(42));
        assertThat(choice.heldOutLogLikelihood()).containsOnlyKeys(HalfLifeSelection.GRID);
        assertThat(TemporalModel.Tuning.GRID).contains(choice.tuning());
    }

    @Test
    void aTuningMustClearlyBeatASimplerOneOnTheHeldOutWeek() {
        List<TemporalModel.Tuning> grid =
                List.of(TemporalModel.Tuning.NONE, new TemporalModel.Tuning(0, 0.1), new TemporalModel.Tuning(0, 1));
        // the richest tuning is best by a hair (noise-sized differences): the plain model is kept
        double[][] noisy = {{-10, -12, -9, -11}, {-10.1, -11.8, -9.2, -10.9}, {-9.95, -12.1, -8.9, -10.95}};
        assertThat(HalfLifeSelection.simplestWithinOneStandardError(grid, noisy, 2))
                .isEqualTo(TemporalModel.Tuning.NONE);
        // every customer gains clearly with odds 0.1; odds 1 is no clearer: odds 0.1
        double[][] clear = {{-10, -12, -9, -11}, {-8.0, -9.6, -7.3, -8.9}, {-7.9, -9.9, -7, -9}};
        assertThat(HalfLifeSelection.simplestWithinOneStandardError(grid, clear, 2))
                .isEqualTo(new TemporalModel.Tuning(0, 0.1));
        // a clear winner stays
        double[][] strong = {{-10, -12, -9, -11}, {-9, -11, -8, -10}, {-5, -6, -4, -5}};
        assertThat(HalfLifeSelection.simplestWithinOneStandardError(grid, strong, 2))
                .isEqualTo(new TemporalModel.Tuning(0, 1));
        assertThat(HalfLifeSelection.complexity(new TemporalModel.Tuning(0, 0, false, 1)))
                .isZero();
        assertThat(HalfLifeSelection.complexity(TemporalModel.Tuning.NONE)).isEqualTo(1); // send outcomes used
        assertThat(HalfLifeSelection.complexity(new TemporalModel.Tuning(0, 0, false, 0.25)))
                .isCloseTo(1, within(1e-12));
        assertThat(HalfLifeSelection.complexity(new TemporalModel.Tuning(0, 0, false, 0.0625)))
                .isCloseTo(2, within(1e-12));
        assertThat(HalfLifeSelection.complexity(new TemporalModel.Tuning(0, 1)))
                .isGreaterThan(HalfLifeSelection.complexity(new TemporalModel.Tuning(0, 0.03)));
        assertThat(HalfLifeSelection.complexity(new TemporalModel.Tuning(1, 0)))
                .isGreaterThan(HalfLifeSelection.complexity(new TemporalModel.Tuning(0.5, 0)));
    }

    @Test
    void habitsThatChangedChooseAShortHalfLife() {
        List<List<Instant>> reads = population(true);
        HalfLifeSelection.Choice choice = HalfLifeSelection.choose(
                source(reads), AS_OF, Duration.ofDays(7), HalfLifeSelection.GRID, TemporalModel.Settings.defaults());
        assertThat(choice.halfLife()).isLessThanOrEqualTo(Duration.ofDays(42));
        assertThat(choice.heldOutLogLikelihood().get(choice.halfLife()))
                .isGreaterThan(choice.heldOutLogLikelihood().get(Duration.ofDays(336)));
    }

    @Test
    void aChannelWindowCoversItsHoursEveryDay() {
        boolean[] email = HalfLifeSelection.hoursOf(TimeWindow.of("09:30", "14:00"));
        for (int d = 0; d < 7; d++) {
            for (int hour = 0; hour < 24; hour++)
                assertThat(email[d * 24 + hour]).as("day %d hour %d", d, hour).isEqualTo(hour >= 9 && hour <= 13);
        }
        assertThat(HalfLifeSelection.EVERY_CHANNEL).hasSize(Channel.values().length);
    }

    @Test
    void aTuningIsCreditedWithTheHeldOutActivityAfterTheSlotItChooses() {
        List<TemporalProfile> profiles = source(population(false)).profiles(AS_OF, Duration.ofDays(168));
        TemporalModel model = TemporalModel.fit(profiles, TemporalModel.Settings.defaults());
        int tuesday10 = 24 + 10, friday20 = 4 * 24 + 20;
        boolean[] onlyTuesday10 = new boolean[HourOfWeek.COUNT], onlyFriday20 = new boolean[HourOfWeek.COUNT];
        onlyTuesday10[tuesday10] = true;
        onlyFriday20[friday20] = true;
        double[] held = new double[HourOfWeek.COUNT];
        held[tuesday10] = 1; // at the slot: full credit
        held[tuesday10 + 2] = 2; // two hours later: less
        held[tuesday10 - 1] = 5; // before the slot: none
        Map<String, double[]> counts = Map.of(profiles.get(3).customerId(), held);
        double[] rewards = HalfLifeSelection.rewards(model, profiles, counts, List.of(onlyTuesday10, onlyFriday20));
        assertThat(rewards).hasSize(1); // only customers with held-out activity are scored
        // Friday 20:00 looks 47 hours ahead, to Sunday 19:00: none of the held-out events
        assertThat(rewards[0]).isCloseTo(1 + 2 * Math.exp(-2 / model.sinkHours()), within(1e-9));
    }

    @Test
    void theTuningIsChosenByTheDecisionsItMakesOnTheHeldOutWeek() {
        HalfLifeSelection.Choice choice = HalfLifeSelection.choose(
                source(population(true)),
                AS_OF,
                Duration.ofDays(7),
                HalfLifeSelection.GRID,
                TemporalModel.Settings.defaults(),
                List.of(HalfLifeSelection.hoursOf(TimeWindow.of("08:00", "21:00"))));
        assertThat(choice.heldOutReward()).containsOnlyKeys(TemporalModel.Tuning.GRID);
        // habits changed three weeks before: watching for a change meets more of the held-out week
        assertThat(choice.tuning().changeOdds()).isPositive();
        TemporalModel.Tuning blind = new TemporalModel.Tuning(
                choice.tuning().responseCorrection(),
                0,
                choice.tuning().sendOutcomes(),
                choice.tuning().priorScale());
        assertThat(choice.heldOutReward().get(choice.tuning()))
                .isGreaterThan(choice.heldOutReward().get(blind));
    }

    /**
     * 400 customers reading twice a week, each time at one of their two personal hours (of eight common ones) or, one
     * time in five, at a random hour; drifting customers swap both hours for others after week 5.
     */
    private static List<List<Instant>> population(boolean drifting) {
        Random random = new Random(5);
        List<List<Instant>> out = new ArrayList<>();
        for (int c = 0; c < 400; c++) {
            int[] before = {HABIT_HOURS[random.nextInt(8)], HABIT_HOURS[random.nextInt(8)]};
            int shift = 1 + random.nextInt(7);
            int[] after =
                    drifting ? new int[] {shiftedHabit(before[0], shift), shiftedHabit(before[1], shift)} : before;
            List<Instant> reads = new ArrayList<>();
            for (int week = 0; week < 8; week++) {
                for (int i = 0; i < 2; i++) {
                    int[] habit = week < 5 ? before : after;
                    int hour = random.nextDouble() < 0.2 ? random.nextInt(168) : habit[random.nextInt(2)];
                    reads.add(START.plus(Duration.ofDays(7L * week))
                            .plus(Duration.ofHours(hour))
                            .plusSeconds(random.nextInt(3600)));
                }
            }
            out.add(reads);
        }
        return out;
    }

    private static int shiftedHabit(int hour, int shift) {
        for (int i = 0; i < HABIT_HOURS.length; i++)
            if (HABIT_HOURS[i] == hour) return HABIT_HOURS[(i + shift) % HABIT_HOURS.length];
        throw new IllegalArgumentException("not a habit hour");
    }

    private static HalfLifeSelection.ProfileSource source(List<List<Instant>> reads) {
        return (asOf, halfLife) -> {
            List<TemporalProfile> profiles = new ArrayList<>();
            for (int c = 0; c < reads.size(); c++) {
                ProfileAccumulator acc = new ProfileAccumulator("c-" + c, asOf, halfLife);
                for (Instant t : reads.get(c)) acc.add(EventTypes.PORTAL_ACCESSED, t);
                profiles.add(acc.finish());
            }
            return profiles;
        };
    }
}
