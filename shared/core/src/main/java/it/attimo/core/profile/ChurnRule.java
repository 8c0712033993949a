package it.attimo.core.profile;

import it.attimo.core.customer.ChurnRisk;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 001's churn rule, a pure fold of the customer's log at an instant. Per order:
 *
 * <ul>
 *   <li><b>high</b> (probability {@value #HIGH_PROBABILITY}): delivery delayed over {@value #DELAY_HOURS_HIGH} h, and
 *       at most {@value #LOW_INTERACTIONS} interaction (opens, clicks, portal, video, survey...) in the
 *       {@value #WATCH_HOURS} h after it was delivered, once those hours are over;
 *   <li><b>medium</b> ({@value #MEDIUM_PROBABILITY}): a delay over {@value #DELAY_HOURS_HIGH} h still being watched
 *       (not delivered, or delivered less than {@value #WATCH_HOURS} h ago), a delay over {@value #DELAY_HOURS_MEDIUM}
 *       h, or a delivery followed by low interaction;
 *   <li><b>low</b> ({@value #LOW_PROBABILITY}) otherwise.
 * </ul>
 *
 * The customer's risk is their riskiest order's. {@link #nextDeadline} is when a watched order's 48 hours end, so the
 * score function folds the log again then (the rule turns high without a new event).
 */
public final class ChurnRule {
    public static final int DELAY_HOURS_HIGH = 72;
    public static final int DELAY_HOURS_MEDIUM = 48;
    public static final int WATCH_HOURS = 48;
    public static final int LOW_INTERACTIONS = 1;
    public static final double HIGH_PROBABILITY = 0.7;
    public static final double MEDIUM_PROBABILITY = 0.35;
    public static final double LOW_PROBABILITY = 0.1;

    private ChurnRule() {}

    /** What the rule says of this log at {@code at}, and when it should look again. */
    public record Assessment(ChurnRisk risk, String orderId, Optional<Instant> nextDeadline) {}

    public static Assessment assess(List<CustomerEvent> canonicalLog, Instant at) {
        Map<String, Order> orders = new LinkedHashMap<>();
        // every event in the log counts, also one stamped after {@code at}: the log is what happened (a source's clock
        // may run ahead of ours), and a watch not yet over stays medium until its deadline re-folds the log
        for (CustomerEvent e : canonicalLog) {
            String orderId = e.text("orderId");
            switch (e.type()) {
                case EventTypes.DELIVERY_DELAYED -> {
                    if (orderId == null) continue;
                    Order o = orders.computeIfAbsent(orderId, Order::new);
                    if (e.data().get("delayHours") instanceof Number n)
                        o.maxDelay = Math.max(o.maxDelay, n.doubleValue());
                }
                case EventTypes.ORDER_DELIVERED -> {
                    if (orderId == null) continue;
                    Order o = orders.computeIfAbsent(orderId, Order::new);
                    if (o.delivered == null) o.delivered = e.time();
                }
                default -> {}
            }
        }
        ChurnRisk worst = new ChurnRisk(ChurnRisk.LOW, LOW_PROBABILITY, List.of());
        String worstOrder = null;
        Instant next = null;
        for (Order o : orders.values()) {
            List<String> reasons = new ArrayList<>();
            String segment = ChurnRisk.LOW;
            boolean longDelay = o.maxDelay > DELAY_HOURS_HIGH;
            if (o.delivered == null) {
                if (longDelay) {
                    segment = ChurnRisk.MEDIUM;
                    reasons.add("order " + o.id + ": delivery delayed " + hours(o.maxDelay) + " h (over "
                            + DELAY_HOURS_HIGH + " h), not yet delivered");
                } else if (o.maxDelay > DELAY_HOURS_MEDIUM) {
                    segment = ChurnRisk.MEDIUM;
                    reasons.add("order " + o.id + ": delivery delayed " + hours(o.maxDelay) + " h (over "
                            + DELAY_HOURS_MEDIUM + " h)");
                }
            } else {
                Instant watchEnd = o.delivered.plus(Duration.ofHours(WATCH_HOURS));
                long interactions = canonicalLog.stream()
                        .filter(e -> EventTypes.ENGAGEMENT.contains(e.type()))
                        .filter(e -> e.time().isAfter(o.delivered) && !e.time().isAfter(watchEnd))
                        .count();
                boolean watched = at.isBefore(watchEnd);
                boolean low = interactions <= LOW_INTERACTIONS;
                String interaction = interactions + " interaction" + (interactions == 1 ? "" : "s") + " in the "
                        + WATCH_HOURS + " h after delivery";
                if (longDelay && !watched && low) {
                    segment = ChurnRisk.HIGH;
                    reasons.add("order " + o.id + ": delivery delayed " + hours(o.maxDelay) + " h (over "
                            + DELAY_HOURS_HIGH + " h)");
                    reasons.add("low interaction: " + interaction + " (at most " + LOW_INTERACTIONS + ")");
                } else if (longDelay && watched) {
                    segment = ChurnRisk.MEDIUM;
                    reasons.add("order " + o.id + ": delivery delayed " + hours(o.maxDelay) + " h (over "
                            + DELAY_HOURS_HIGH + " h), interaction watched until " + watchEnd);
                    if (next == null || watchEnd.isBefore(next)) next = watchEnd;
                } else if (o.maxDelay > DELAY_HOURS_MEDIUM) {
                    segment = ChurnRisk.MEDIUM;
                    reasons.add("order " + o.id + ": delivery delayed " + hours(o.maxDelay) + " h (over "
                            + DELAY_HOURS_MEDIUM + " h)");
                } else if (!watched && low) {
                    segment = ChurnRisk.MEDIUM;
                    reasons.add("order " + o.id + ": low interaction: " + interaction);
                }
            }
            ChurnRisk risk = new ChurnRisk(segment, probability(segment), reasons);
            if (rank(risk) > rank(worst)) {
                worst = risk;
                worstOrder = o.id;
            }
        }
        return new Assessment(worst, worstOrder, Optional.ofNullable(next));
    }

    private static double probability(String segment) {
        return switch (segment) {
            case ChurnRisk.HIGH -> HIGH_PROBABILITY;
            case ChurnRisk.MEDIUM -> MEDIUM_PROBABILITY;
            default -> LOW_PROBABILITY;
        };
    }

    private static int rank(ChurnRisk r) {
        return switch (r.segment()) {
            case ChurnRisk.HIGH -> 2;
            case ChurnRisk.MEDIUM -> 1;
            default -> 0;
        };
    }

    private static String hours(double h) {
        return h == Math.rint(h) ? Long.toString((long) h) : Double.toString(h);
    }

    private static final class Order {
        final String id;
        double maxDelay;
        Instant delivered;

        Order(String id) {
            this.id = id;
        }
    }
}
