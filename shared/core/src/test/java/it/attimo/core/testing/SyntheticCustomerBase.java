package it.attimo.core.testing;

import it.attimo.core.analytics.CustomerActivity;
import it.attimo.core.analytics.Order;
import it.attimo.core.analytics.Signal;
import it.attimo.core.customer.Segment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded synthetic customer base with planted structure, for the analytics tests and the refresh benchmark: four
 * archetypes (b2b office buyers in the North, b2c fashion buyers in the South answering SMS, seasonal b2c home buyers
 * in the Centre using push, one-off buyers), a year of orders and engagement, and churn planted on long delivery
 * delays (a delay over 72 h makes a customer drop out within days with probability 0.7).
 */
public final class SyntheticCustomerBase {
    public enum Archetype {
        B2B_OFFICE,
        B2C_FASHION_SOUTH,
        B2C_HOME_SEASONAL,
        ONE_OFF
    }

    /** A generated customer and what was planted in it. */
    public record Planted(CustomerActivity activity, Archetype archetype, Instant dropOut) {}

    private static final Duration YEAR = Duration.ofDays(365);

    private SyntheticCustomerBase() {}

    public static List<Planted> generate(int customers, long seed, Instant asOf) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = asOf.minus(YEAR);
        List<Planted> out = new ArrayList<>(customers);
        String company = null;
        int contactsLeft = 0;
        for (int i = 0; i < customers; i++) {
            Archetype type = Archetype.values()[random.nextInt(4)];
            String id = "c-" + i;
            Instant joined = start.plusSeconds((long) (random.nextDouble() * YEAR.getSeconds() * 0.5));
            Instant dropOut =
                    joined.plus(Duration.ofSeconds((long) (-Math.log(1 - random.nextDouble()) * 240 * 86_400)));
            double rateDays;
            String area;
            String category;
            Signal.Kind channel;
            Segment segment = Segment.B2C;
            int employees = -1;
            String account = null;
            switch (type) {
                case B2B_OFFICE -> {
                    segment = Segment.B2B;
                    area = random.nextBoolean() ? "Nord-ovest" : "Nord-est";
                    rateDays = 12;
                    category = "Ufficio";
                    channel = Signal.Kind.EMAIL;
                    if (contactsLeft == 0) {
                        company = "az-" + i;
                        contactsLeft = 1 + random.nextInt(3);
                    }
                    account = company;
                    contactsLeft--;
                    employees = 20 + random.nextInt(400);
                }
                case B2C_FASHION_SOUTH -> {
                    area = random.nextBoolean() ? "Sud" : "Isole";
                    rateDays = 40;
                    category = "Moda";
                    channel = Signal.Kind.SMS;
                }
                case B2C_HOME_SEASONAL -> {
                    area = "Centro";
                    rateDays = 30;
                    category = "Casa";
                    channel = Signal.Kind.PUSH;
                }
                default -> {
                    area = List.of("Nord-ovest", "Centro", "Sud").get(random.nextInt(3));
                    rateDays = 10_000;
                    category = "Elettronica";
                    channel = Signal.Kind.EMAIL;
                }
            }
            List<Order> orders = new ArrayList<>();
            List<Signal> signals = new ArrayList<>();
            Instant t = joined;
            orders.add(order(id, 0, t, category, random));
            int n = 1;
            while (true) {
                double gap = -Math.log(1 - random.nextDouble()) * rateDays * 86_400;
                t = t.plusSeconds((long) gap);
                if (type == Archetype.B2C_HOME_SEASONAL) {
                    // home buyers buy in November and December
                    int month = t.atOffset(ZoneOffset.UTC).getMonthValue();
                    if (month < 11 && random.nextDouble() < 0.8) continue;
                }
                if (t.isAfter(asOf) || t.isAfter(dropOut)) break;
                orders.add(order(id, n++, t, category, random));
                if (random.nextDouble() < 0.12) {
                    Instant delayed = t.plus(Duration.ofDays(3));
                    if (delayed.isBefore(asOf)) {
                        signals.add(new Signal(delayed, Signal.Kind.DELAY, 80 + random.nextInt(60)));
                        if (random.nextDouble() < 0.7) {
                            Instant early = delayed.plus(Duration.ofHours(1 + random.nextInt(240)));
                            if (early.isBefore(dropOut)) dropOut = early;
                        }
                    }
                }
            }
            Instant e = joined;
            while (true) {
                e = e.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * 6 * 86_400));
                if (e.isAfter(asOf) || e.isAfter(dropOut)) break;
                signals.add(new Signal(e, random.nextDouble() < 0.8 ? channel : Signal.Kind.OTHER_ENGAGEMENT, 1));
            }
            out.add(new Planted(
                    new CustomerActivity(id, account, segment, area, employees, joined, orders, signals),
                    type,
                    dropOut));
        }
        return out;
    }

    public static List<CustomerActivity> activities(int customers, long seed, Instant asOf) {
        return generate(customers, seed, asOf).stream().map(Planted::activity).toList();
    }

    private static Order order(String customer, int n, Instant t, String category, SplittableRandom random) {
        double value = 20 + random.nextDouble() * 180;
        if (random.nextDouble() < 0.3) {
            return new Order(customer + "-o" + n, t, value + 25, Map.of(category, value, "Accessori", 25.0));
        }
        return new Order(customer + "-o" + n, t, value, Map.of(category, value));
    }
}
