package it.attimo.core.timing.synthetic;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.LocalSlots;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic customer base with known ground truth, for the offline evaluation (see docs/timing.md).
 * <p>
 * Each customer has a weekly <em>habit</em>: an hourly intensity of checking messages, drawn from one of six
 * archetypes, shifted by -1/0/+1 hour, with multiplicative log-normal noise per hour and a small floor. A message
 * sent at local hour-of-week {@code h} is opened at the first "check" within 48 hours, where in hour {@code h+d}
 * a check that notices it happens with probability {@code min(1, lambda * habit(h+d) * exp(-d / 6))} (messages sink
 * in the inbox), and only if the customer cares about that message (probability {@code responsiveness}).
 * That gives the exact open probability of any send time ({@link #openProbability}), which the oracle uses.
 * History: two campaign sends a week at random hours 08-20 on random days (past practice, unrelated to habits),
 * opens and clicks they caused, spontaneous portal visits at habit times (activity varies log-normally: sparse
 * customers are common), and 10% of engagement events at uniformly random times (noise).
 */
public final class SyntheticPopulation {
    /** Monday of week 1 (local). */
    public static final LocalDate START = LocalDate.of(2026, 1, 5);

    public static final double SINK_HOURS = 6.0;
    public static final int HORIZON_HOURS = 48;

    public record Customer(
            String id, String archetype, double[] habit, double lambda, double responsiveness, double activity) {}

    /** One generated event: type, customer, instant. */
    public record Event(String type, String customerId, Instant time) {}

    private static final String[] ARCHETYPES = {
        "pendolare mattina", "ufficio", "pausa pranzo", "sera", "weekend", "martedì mattina"
    };
    private static final double[] SHARES = {0.20, 0.22, 0.16, 0.20, 0.12, 0.10};

    private final List<Customer> customers;
    private final long seed;

    private SyntheticPopulation(List<Customer> customers, long seed) {
        this.customers = customers;
        this.seed = seed;
    }

    public static SyntheticPopulation generate(int size, long seed) {
        Random r = new Random(seed);
        List<Customer> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int a = pick(r);
            double[] base = archetype(a);
            int shift = r.nextInt(3) - 1;
            double[] habit = new double[HourOfWeek.COUNT];
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                double v = base[Math.floorMod(h - shift, HourOfWeek.COUNT)] * Math.exp(0.3 * r.nextGaussian());
                habit[h] = Math.min(1.0, 0.02 + v);
            }
            double lambda = 0.25 + 0.5 * r.nextDouble();
            double responsiveness = 0.2 + 0.6 * r.nextDouble();
            double activity = Math.exp(0.9 * r.nextGaussian()) * 1.2; // spontaneous visits per week, median 1.2
            list.add(new Customer(String.format("c-%06d", i), ARCHETYPES[a], habit, lambda, responsiveness, activity));
        }
        return new SyntheticPopulation(list, seed);
    }

    public List<Customer> customers() {
        return customers;
    }

    /** Exact probability that a send at local hour-of-week {@code h} is opened (within 48 hours). */
    public static double openProbability(Customer c, int h) {
        double notYet = 1.0;
        for (int d = 0; d < HORIZON_HOURS; d++) {
            double p = Math.min(1.0, c.lambda() * c.habit()[(h + d) % HourOfWeek.COUNT] * Math.exp(-d / SINK_HOURS));
            notYet *= 1 - p;
        }
        return c.responsiveness() * (1 - notYet);
    }

    /** Every event of weeks 1..weeks for one customer, in time order (deterministic per customer and seed). */
    public List<Event> history(Customer c, int weeks) {
        Random r = new Random(seed * 31 + c.id().hashCode());
        List<Event> out = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            LocalDate monday = START.plusWeeks(w);
            for (int s = 0; s < 2; s++) {
                int day = r.nextInt(7);
                int hour = 8 + r.nextInt(13);
                int minute = r.nextInt(60);
                Instant sent = instant(monday.plusDays(day), hour, minute);
                out.add(new Event(EventTypes.EMAIL_SENT, c.id(), sent));
                if (r.nextDouble() >= c.responsiveness()) continue;
                int h = HourOfWeek.of(DayOfWeek.of(day + 1), hour);
                for (int d = 0; d < HORIZON_HOURS; d++) {
                    double p = Math.min(
                            1.0, c.lambda() * c.habit()[(h + d) % HourOfWeek.COUNT] * Math.exp(-d / SINK_HOURS));
                    if (r.nextDouble() < p) {
                        long offset = d == 0
                                ? (long) ((60 - minute) * 60 * r.nextDouble())
                                : d * 3600L - minute * 60L + r.nextInt(3600);
                        Instant opened = sent.plusSeconds(Math.max(1, offset));
                        out.add(new Event(EventTypes.EMAIL_OPENED, c.id(), opened));
                        if (r.nextDouble() < 0.3)
                            out.add(new Event(
                                    EventTypes.EMAIL_CLICKED, c.id(), opened.plusSeconds(30 + r.nextInt(300))));
                        break;
                    }
                }
            }
            int visits = poisson(r, c.activity());
            double total = 0;
            for (double v : c.habit()) total += v;
            for (int v = 0; v < visits; v++) {
                int h;
                if (r.nextDouble() < 0.10) {
                    h = r.nextInt(HourOfWeek.COUNT);
                } else {
                    double u = r.nextDouble() * total;
                    h = 0;
                    while (h < HourOfWeek.COUNT - 1 && (u -= c.habit()[h]) > 0) h++;
                }
                out.add(new Event(
                        EventTypes.PORTAL_ACCESSED, c.id(), instant(monday.plusDays(h / 24), h % 24, r.nextInt(60))));
            }
        }
        out.sort(java.util.Comparator.comparing(Event::time));
        return out;
    }

    /** First instant after all history of {@code weeks} weeks: Monday 00:00 local of week weeks+1. */
    public static Instant endOfWeek(int weeks) {
        return instant(START.plusWeeks(weeks), 0, 0);
    }

    private static Instant instant(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute))
                .atZone(LocalSlots.ROME)
                .toInstant();
    }

    private static int pick(Random r) {
        double u = r.nextDouble();
        for (int i = 0; i < SHARES.length; i++) if ((u -= SHARES[i]) < 0) return i;
        return SHARES.length - 1;
    }

    private static int poisson(Random r, double mean) {
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l && k < 200);
        return k - 1;
    }

    /** The archetype's habit without the customer's noise, averaged over the three possible shifts (-1, 0, +1 h). */
    public static double[] archetypeHabit(String name) {
        for (int a = 0; a < ARCHETYPES.length; a++) {
            if (!ARCHETYPES[a].equals(name)) continue;
            double[] b = archetype(a);
            double[] out = new double[HourOfWeek.COUNT];
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                out[h] = (b[Math.floorMod(h - 1, HourOfWeek.COUNT)] + b[h] + b[(h + 1) % HourOfWeek.COUNT]) / 3;
            }
            return out;
        }
        throw new IllegalArgumentException("unknown archetype " + name);
    }

    /** Hourly checking intensity of an archetype over the week. */
    static double[] archetype(int a) {
        double[] v = new double[HourOfWeek.COUNT];
        for (int d = 0; d < 7; d++) {
            boolean weekday = d < 5;
            for (int hour = 0; hour < 24; hour++) {
                double x = 0.03;
                switch (a) {
                    case 0 -> { // pendolare mattina
                        if (weekday && hour >= 7 && hour < 9) x = 1.0;
                        else if (weekday && hour == 12) x = 0.3;
                        else if (hour == 21) x = 0.2;
                        else if (!weekday && hour >= 10 && hour < 12) x = 0.3;
                    }
                    case 1 -> { // ufficio
                        if (weekday && hour >= 9 && hour < 12) x = 0.8;
                        else if (weekday && hour >= 14 && hour < 17) x = 0.6;
                    }
                    case 2 -> { // pausa pranzo
                        if (weekday && hour >= 12 && hour < 14) x = 1.0;
                        else if (hour >= 8 && hour < 20) x = 0.1;
                    }
                    case 3 -> { // sera
                        if (hour >= 19 && hour < 23) x = 1.0;
                    }
                    case 4 -> { // weekend
                        if (!weekday && hour >= 9 && hour < 12) x = 1.0;
                        else if (!weekday && hour >= 17 && hour < 20) x = 0.6;
                        else if (weekday && hour == 20) x = 0.2;
                    }
                    default -> { // martedì mattina
                        if (d == 1 && hour >= 9 && hour < 11) x = 1.0;
                        else if (weekday && hour == 9) x = 0.2;
                    }
                }
                v[d * 24 + hour] = x;
            }
        }
        return v;
    }
}
