package it.attimo.bench.sendtime;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.LocalSlots;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/** The harness's reference methods: fixed Tuesday 10:00, population best hour, smoothed per-person histogram. */
final class Baselines {
    /** Each hour's first slot in the email window: 09:30, then 10:00 … 13:00, every day. */
    static final int[] SLOT_HOURS = {9, 10, 11, 12, 13};

    static final double KERNEL_HOURS = 6;
    static final int KERNEL_SPAN = 48;

    private Baselines() {}

    static SendTimeHarness.Method fixedTuesday() {
        return named("fixed Tuesday 10:00", (pop, histories) -> {
            SendTimeHarness.Choice[] out = new SendTimeHarness.Choice[histories.size()];
            Arrays.fill(out, new SendTimeHarness.Choice(HourOfWeek.of(DayOfWeek.TUESDAY, 10), 0));
            return out;
        });
    }

    /** Everyone gets the slot where the pooled activity of all customers, looking ahead, is highest. */
    static SendTimeHarness.Method populationBestHour() {
        return named("population best hour", (pop, histories) -> {
            double[] pooled = new double[HourOfWeek.COUNT];
            for (List<BenchPopulation.Event> h : histories) add(pooled, h, 1);
            SendTimeHarness.Choice best = argmax(lookAhead(pooled));
            SendTimeHarness.Choice[] out = new SendTimeHarness.Choice[histories.size()];
            Arrays.fill(out, best);
            return out;
        });
    }

    /**
     * A plain smoothed histogram of each person's activity (opens, clicks, visits, purchases, replies), ±1 hour
     * smoothing, plus 5 pseudo-events of the population's histogram, looking ahead with an exponential of 6 hours.
     */
    static SendTimeHarness.Method smoothedHistogram() {
        return named("smoothed histogram", (pop, histories) -> {
            double[] pooled = new double[HourOfWeek.COUNT];
            for (List<BenchPopulation.Event> h : histories) add(pooled, h, 1);
            double total = Arrays.stream(pooled).sum();
            SendTimeHarness.Choice[] out = new SendTimeHarness.Choice[histories.size()];
            for (int i = 0; i < histories.size(); i++) {
                double[] own = new double[HourOfWeek.COUNT];
                add(own, histories.get(i), 1);
                double[] smooth = new double[HourOfWeek.COUNT];
                for (int h = 0; h < HourOfWeek.COUNT; h++) {
                    smooth[h] = 0.5 * own[h]
                            + 0.25 * own[(h + 1) % HourOfWeek.COUNT]
                            + 0.25 * own[(h + HourOfWeek.COUNT - 1) % HourOfWeek.COUNT]
                            + 5 * pooled[h] / total;
                }
                out[i] = argmax(lookAhead(smooth));
            }
            return out;
        });
    }

    /**
     * The smoothed histogram with the shipped method's within-the-hour rule ({@code CustomerPrediction.probability(h,
     * minute)}, 6-hour look-ahead) over every 15-minute slot of the window: how much of {@code recommend}'s lead comes
     * from choosing the minute rather than from the model.
     */
    static SendTimeHarness.Method smoothedHistogramByMinute() {
        return named("smoothed histogram, by minute", (pop, histories) -> {
            double[] pooled = new double[HourOfWeek.COUNT];
            for (List<BenchPopulation.Event> h : histories) add(pooled, h, 1);
            double total = Arrays.stream(pooled).sum();
            SendTimeHarness.Choice[] out = new SendTimeHarness.Choice[histories.size()];
            for (int i = 0; i < histories.size(); i++) {
                double[] own = new double[HourOfWeek.COUNT];
                add(own, histories.get(i), 1);
                double[] smooth = new double[HourOfWeek.COUNT];
                for (int h = 0; h < HourOfWeek.COUNT; h++) {
                    smooth[h] = 0.5 * own[h]
                            + 0.25 * own[(h + 1) % HourOfWeek.COUNT]
                            + 0.25 * own[(h + HourOfWeek.COUNT - 1) % HourOfWeek.COUNT]
                            + 5 * pooled[h] / total;
                }
                it.attimo.core.timing.profile.CustomerPrediction p =
                        new it.attimo.core.timing.profile.CustomerPrediction(
                                "", lookAhead(smooth), smooth, "", 0, KERNEL_HOURS);
                SendTimeHarness.Choice best = null;
                double bestValue = -1;
                for (int d = 0; d < 7; d++) {
                    for (java.time.LocalTime t = SendTimeHarness.WINDOW_FROM;
                            t.isBefore(SendTimeHarness.WINDOW_TO);
                            t = t.plusMinutes(15)) {
                        int h = d * 24 + t.getHour();
                        double v = p.probability(h, t.getMinute());
                        if (v > bestValue) {
                            bestValue = v;
                            best = new SendTimeHarness.Choice(h, t.getMinute());
                        }
                    }
                }
                out[i] = best;
            }
            return out;
        });
    }

    static void add(double[] bins, List<BenchPopulation.Event> events, double weight) {
        for (BenchPopulation.Event e : events) {
            if (!EventTypes.ENGAGEMENT.contains(e.type()) && !EventTypes.ORDER_PLACED.equals(e.type())) continue;
            bins[HourOfWeek.of(LocalDateTime.ofInstant(e.time(), LocalSlots.ROME))] += weight;
        }
    }

    /** score(h) = Σ_d activity(h + d) · exp(-d / 6), d < 48: the activity a send at h is likely to meet. */
    static double[] lookAhead(double[] activity) {
        double[] s = new double[HourOfWeek.COUNT];
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            for (int d = 0; d < KERNEL_SPAN; d++)
                s[h] += activity[(h + d) % HourOfWeek.COUNT] * Math.exp(-d / KERNEL_HOURS);
        }
        return s;
    }

    static SendTimeHarness.Choice argmax(double[] score) {
        int best = -1;
        for (int d = 0; d < 7; d++) {
            for (int hour : SLOT_HOURS) {
                int h = d * 24 + hour;
                if (best < 0 || score[h] > score[best]) best = h;
            }
        }
        return new SendTimeHarness.Choice(best, HourOfWeek.hour(best) == 9 ? 30 : 0);
    }

    interface Chooser {
        SendTimeHarness.Choice[] choose(BenchPopulation pop, List<List<BenchPopulation.Event>> histories);
    }

    static SendTimeHarness.Method named(String name, Chooser chooser) {
        return new SendTimeHarness.Method() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SendTimeHarness.Choice[] choose(BenchPopulation pop, List<List<BenchPopulation.Event>> histories) {
                return chooser.choose(pop, histories);
            }
        };
    }
}
