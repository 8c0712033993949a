package it.attimo.bench.sendtime;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.LocalSlots;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Synthetic customers for the send-time harness, written independently of core's {@code SyntheticPopulation} and
 * with different mechanics.
 * <p>
 * <b>Presence.</b> Each customer has a latent probability {@code presence[h]} of being around (looking at the inbox,
 * the portal, the app) in each local hour of the week; each hour of the history is independently "active" with that
 * probability, at one uniformly random minute. <b>Opens.</b> A message is seen at the first active moment after it
 * was sent (the open is logged then, not at the send) and opened then with probability
 * {@code interest · exp(-delay / sink)}: mail that waited is buried under newer mail. {@link #response} is the exact
 * probability of that for a send at a given hour and minute: the latent truth the harness scores with, and nothing
 * else. <b>Other evidence.</b> Active moments also leave portal visits (with a personal rate), rarer purchases and
 * replies (support contacts); a click follows 30% of opens by a few minutes.
 * <p>
 * Families change one mechanic each (see {@link Family}); every family keeps 25% of customers with 1–4 sends in the
 * whole history.
 */
public final class BenchPopulation {
    /** Monday of the first history week (local); no national holiday in the ten weeks after it. */
    public static final LocalDate START = LocalDate.of(2026, 1, 5);

    static final int HORIZON = 72;

    public enum Family {
        /** People who look rarely and mail that keeps for a day or more: opens lag sends by hours. */
        LAG,
        /** Few sends and opens; presence shows mainly through frequent portal visits. */
        VISITS,
        /** Most customers have little of everything: 1-4 sends, a visit every few weeks. */
        SPARSE,
        /** The sender mails only on Tuesday and Thursday 10:00 and Saturday 11:00: selection bias. */
        CONCENTRATED,
        /** No archetypes: each person's presence is a few random personal bumps the model has no cluster for. */
        NOVEL,
        /** Half the customers change habits two weeks before the target week. */
        DRIFT,
        /** A B2C population that is mostly around in the evening and at night. */
        EVENING;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param presence      latent presence per hour of week during the target week (and the history after a drift)
     * @param earlyPresence presence before {@code changeWeek} (the same array when there is no drift)
     * @param changeWeek    first history week (0-based) with {@code presence}; {@code weeks} when no drift
     */
    public record Customer(
            String id,
            String comune,
            double[] presence,
            double[] earlyPresence,
            int changeWeek,
            double interest,
            double sink,
            double visitRate,
            int sends) {}

    public record Event(String type, String customerId, Instant time) {}

    private static final String[] COMUNI = {"058091", "015146", "001272", "037006", "048017"};

    private final Family family;
    private final long seed;
    private final int weeks;
    private final List<Customer> customers;

    private BenchPopulation(Family family, long seed, int weeks, List<Customer> customers) {
        this.family = family;
        this.seed = seed;
        this.weeks = weeks;
        this.customers = customers;
    }

    public static BenchPopulation generate(Family family, int size, int weeks, long seed) {
        Random r = new Random(seed * 1_000_003L + family.ordinal());
        List<Customer> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double[] presence = presence(family, r);
            double[] early = presence;
            int change = weeks;
            if (family == Family.DRIFT && r.nextDouble() < 0.5) {
                early = presence(Family.LAG, r);
                change = Math.max(0, weeks - 2);
            }
            double interest = 0.25 + 0.6 * r.nextDouble();
            double sink = family == Family.LAG ? 6 + 30 * r.nextDouble() : 4 + 20 * r.nextDouble();
            if (family == Family.LAG) {
                // people who look rarely: each look is an hour's chance of 0.1-0.3, so opens come hours later
                for (int h = 0; h < HourOfWeek.COUNT; h++) presence[h] *= 0.45;
            }
            double visitRate = Math.min(0.9, 0.12 * Math.exp(0.8 * r.nextGaussian()));
            int sends = weeks * 2;
            boolean sparse = r.nextDouble() < 0.25 || (family == Family.SPARSE && r.nextDouble() < 0.5);
            if (sparse) sends = 1 + r.nextInt(4);
            if (family == Family.VISITS) {
                visitRate = Math.min(0.9, 0.45 * Math.exp(0.5 * r.nextGaussian()));
                interest *= 0.5;
                if (!sparse) sends = weeks;
            }
            if (family == Family.SPARSE) visitRate *= sparse ? 0.15 : 0.5;
            list.add(new Customer(
                    String.format("b-%06d", i),
                    COMUNI[r.nextInt(COMUNI.length)],
                    presence,
                    early,
                    change,
                    interest,
                    sink,
                    visitRate,
                    sends));
        }
        return new BenchPopulation(family, seed, weeks, list);
    }

    public Family family() {
        return family;
    }

    public long seed() {
        return seed;
    }

    public int weeks() {
        return weeks;
    }

    public List<Customer> customers() {
        return customers;
    }

    /** First instant after the history: Monday 00:00 local of the target week. */
    public Instant targetStart() {
        return at(START.plusWeeks(weeks), 0, 0);
    }

    public Instant targetEnd() {
        return at(START.plusWeeks(weeks + 1), 0, 0);
    }

    /**
     * Probability that a send at local hour-of-week {@code h}, minute {@code minute}, of the target week is
     * opened: the first active moment after it, within {@value #HORIZON} hours, and the interest left by then (exact
     * for the generator's mechanics, minutes taken as continuous).
     */
    public static double response(Customer c, int h, int minute) {
        double[] p = c.presence();
        double s = c.sink();
        double left = (60 - minute) / 60.0;
        // d = 0: around in the send's own hour at a minute after the send (uniform), delay uniform on (0, left)
        double expected = p[h] * s * (1 - Math.exp(-left / s));
        double alive = 1 - p[h] * left;
        double withinHour = s * (1 - Math.exp(-1 / s)); // E[exp(-U/s)], U uniform on (0, 1) hours
        for (int d = 1; d < HORIZON; d++) {
            double q = p[(h + d) % HourOfWeek.COUNT];
            expected += alive * q * Math.exp(-(d - minute / 60.0) / s) * withinHour;
            alive *= 1 - q;
        }
        return c.interest() * expected;
    }

    /** Every event of the history (weeks 0..weeks-1) of one customer, in time order; deterministic. */
    public List<Event> history(Customer c) {
        Random r = new Random(seed * 7_919L + c.id().hashCode() * 31L + family.ordinal());
        int hours = weeks * HourOfWeek.COUNT;
        // one active moment (minute of the hour) per active hour, -1 when not around
        int[] moment = new int[hours + HORIZON];
        for (int t = 0; t < moment.length; t++) {
            int week = t / HourOfWeek.COUNT;
            double[] p = week < c.changeWeek() ? c.earlyPresence() : c.presence();
            moment[t] = r.nextDouble() < p[t % HourOfWeek.COUNT] ? r.nextInt(60) : -1;
        }
        List<Event> out = new ArrayList<>();
        for (int t = 0; t < hours; t++) {
            if (moment[t] < 0) continue;
            Instant when = hourStart(t).plusSeconds(moment[t] * 60L + r.nextInt(60));
            if (r.nextDouble() < c.visitRate()) out.add(new Event(EventTypes.PORTAL_ACCESSED, c.id(), when));
            if (r.nextDouble() < 0.012) out.add(new Event(EventTypes.ORDER_PLACED, c.id(), when.plusSeconds(120)));
            if (r.nextDouble() < 0.006) out.add(new Event(EventTypes.SUPPORT_CONTACTED, c.id(), when.plusSeconds(60)));
        }
        for (int s : sendHours(c, r)) {
            int minute = r.nextInt(4) * 15;
            Instant sent = hourStart(s).plusSeconds(minute * 60L);
            out.add(new Event(EventTypes.EMAIL_SENT, c.id(), sent));
            for (int d = 0; d < HORIZON; d++) {
                int m = moment[s + d];
                if (m < 0 || (d == 0 && m <= minute)) continue;
                double delay = d + (m - minute) / 60.0;
                if (r.nextDouble() < c.interest() * Math.exp(-delay / c.sink())) {
                    // the open is logged when the person looks, which may be after the history ends: then not at all
                    if (s + d < hours) {
                        Instant opened = hourStart(s + d).plusSeconds(m * 60L + r.nextInt(60));
                        out.add(new Event(EventTypes.EMAIL_OPENED, c.id(), opened));
                        if (r.nextDouble() < 0.3)
                            out.add(new Event(
                                    EventTypes.EMAIL_CLICKED, c.id(), opened.plusSeconds(20 + r.nextInt(400))));
                    }
                }
                break;
            }
        }
        out.sort(Comparator.comparing(Event::time));
        return out;
    }

    /** Hour indices (from the start of the history) of this customer's sends. */
    private int[] sendHours(Customer c, Random r) {
        int[] out = new int[c.sends()];
        for (int i = 0; i < out.length; i++) {
            int week = c.sends() >= weeks ? (i * weeks) / c.sends() : r.nextInt(weeks);
            int h;
            if (family == Family.CONCENTRATED) {
                int[] fixed = {
                    HourOfWeek.of(java.time.DayOfWeek.TUESDAY, 10),
                    HourOfWeek.of(java.time.DayOfWeek.THURSDAY, 10),
                    HourOfWeek.of(java.time.DayOfWeek.SATURDAY, 11)
                };
                h = fixed[r.nextDouble() < 0.8 ? r.nextInt(2) : 2];
            } else {
                h = r.nextInt(7) * 24 + 8 + r.nextInt(13);
            }
            out[i] = week * HourOfWeek.COUNT + h;
        }
        java.util.Arrays.sort(out);
        return out;
    }

    private Instant hourStart(int t) {
        LocalDate day = START.plusDays(t / 24);
        return at(day, t % 24, 0);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute))
                .atZone(LocalSlots.ROME)
                .toInstant();
    }

    // ---- presence shapes ----

    private static final String[] ARCHETYPES = {
        "alba", "scrivania", "pranzo", "pomeriggio", "sera", "weekend", "nottambulo", "metà mattina"
    };

    private static double[] presence(Family family, Random r) {
        double[] v = new double[HourOfWeek.COUNT];
        double floor = 0.005 + 0.02 * r.nextDouble();
        java.util.Arrays.fill(v, floor);
        if (family == Family.NOVEL) {
            int bumps = 2 + r.nextInt(3);
            for (int b = 0; b < bumps; b++) {
                int hour = r.nextInt(24);
                int width = 1 + r.nextInt(3);
                double height = 0.25 + 0.5 * r.nextDouble();
                boolean[] days = new boolean[7];
                int kind = r.nextInt(3);
                for (int d = 0; d < 7; d++)
                    days[d] = kind == 0 ? true : kind == 1 ? r.nextDouble() < 0.4 : d == r.nextInt(7);
                for (int d = 0; d < 7; d++) if (days[d]) bump(v, d, hour, width, height);
            }
            return noisy(v, r);
        }
        int a;
        if (family == Family.EVENING) {
            double u = r.nextDouble();
            a = u < 0.45 ? 4 : u < 0.65 ? 6 : u < 0.8 ? 3 : r.nextInt(ARCHETYPES.length);
        } else {
            a = r.nextInt(ARCHETYPES.length);
        }
        int shift = r.nextInt(5) - 2;
        for (int d = 0; d < 7; d++) {
            boolean weekday = d < 5;
            switch (a) {
                case 0 -> {
                    if (weekday) bump(v, d, 6 + shift / 2, 2, 0.6);
                    else bump(v, d, 9, 2, 0.3);
                }
                case 1 -> {
                    if (weekday) {
                        bump(v, d, 9 + shift / 2, 4, 0.3);
                        bump(v, d, 14 + shift / 2, 4, 0.3);
                    }
                }
                case 2 -> {
                    if (weekday) bump(v, d, 12 + shift / 2, 2, 0.6);
                    bump(v, d, 20, 1, 0.15);
                }
                case 3 -> bump(v, d, 15 + shift / 2, 3, 0.4);
                case 4 -> bump(v, d, 19 + shift / 2, 4, 0.45);
                case 5 -> {
                    if (!weekday) {
                        bump(v, d, 10 + shift / 2, 3, 0.55);
                        bump(v, d, 17, 3, 0.4);
                    } else bump(v, d, 21, 1, 0.2);
                }
                case 6 -> bump(v, d, 22 + shift / 2, 4, 0.5);
                default -> {
                    if (d == 0 || d == 2 || d == 4) bump(v, d, 10 + shift / 2, 2, 0.65);
                }
            }
        }
        if (r.nextDouble() < 0.5) bump(v, r.nextInt(7), r.nextInt(24), 1 + r.nextInt(2), 0.2 + 0.4 * r.nextDouble());
        return noisy(v, r);
    }

    private static void bump(double[] v, int day, int hour, int width, double height) {
        for (int k = 0; k < width; k++) {
            int h = Math.floorMod(day * 24 + hour + k, HourOfWeek.COUNT);
            v[h] = Math.max(v[h], height);
        }
    }

    private static double[] noisy(double[] v, Random r) {
        double[] dayScale = new double[7];
        for (int d = 0; d < 7; d++) dayScale[d] = Math.exp(0.3 * r.nextGaussian());
        for (int h = 0; h < HourOfWeek.COUNT; h++)
            v[h] = Math.min(0.95, v[h] * dayScale[h / 24] * Math.exp(0.25 * r.nextGaussian()));
        return v;
    }
}
