package it.attimo.core.analytics;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a customer's profile and event log into a {@link CustomerActivity}, tolerantly: a field that is missing or of
 * the wrong type is left out, never an error (the refresh must not stop on one odd event).
 *
 * <p>Orders: {@code order.placed} and {@code order.delivered} with the same {@code orderId} are one order, at the
 * earlier time; its value is {@code total} (or {@code amount}), else the sum of {@code items[].price} (times {@code quantity} when given);
 * its categories are {@code items[].category} ("altro" when absent). Without an {@code orderId} each
 * {@code order.placed} is its own order, and an {@code order.delivered} counts only for a customer with no
 * {@code order.placed} at all (a shop that reports deliveries only). Amounts are taken as given (one currency assumed).
 */
public final class CustomerActivities {
    static final String OTHER_CATEGORY = "altro";

    private CustomerActivities() {}

    public static CustomerActivity from(Profile profile, List<CustomerEvent> history) {
        String accountId = null;
        int employees = -1;
        boolean anyPlaced = false;
        for (CustomerEvent e : history) {
            if (EventTypes.ORDER_PLACED.equals(e.type())) anyPlaced = true;
        }
        Map<String, OrderBuilder> orders = new LinkedHashMap<>();
        List<Signal> signals = new ArrayList<>();
        Instant customerUpsertedAt = null;
        for (CustomerEvent e : history) {
            switch (e.type()) {
                case EventTypes.CUSTOMER_UPSERTED -> {
                    if (customerUpsertedAt == null || !e.time().isBefore(customerUpsertedAt)) {
                        customerUpsertedAt = e.time();
                        String company = e.text("companyId");
                        if (company != null && !company.isBlank()) accountId = company.trim();
                        Double size = e.number("employees");
                        if (size != null && size >= 0 && size < Integer.MAX_VALUE) employees = size.intValue();
                    }
                }
                case EventTypes.ORDER_PLACED, EventTypes.ORDER_DELIVERED -> {
                    String orderId = e.text("orderId");
                    boolean placed = EventTypes.ORDER_PLACED.equals(e.type());
                    if (orderId == null || orderId.isBlank()) {
                        if (!placed && anyPlaced) continue;
                        orderId = "event:" + e.id();
                    }
                    orders.computeIfAbsent(orderId, OrderBuilder::new).add(e);
                }
                case EventTypes.EMAIL_OPENED, EventTypes.EMAIL_CLICKED ->
                    signals.add(new Signal(e.time(), Signal.Kind.EMAIL, 1));
                case EventTypes.SMS_CLICKED -> signals.add(new Signal(e.time(), Signal.Kind.SMS, 1));
                case EventTypes.PUSH_OPENED -> signals.add(new Signal(e.time(), Signal.Kind.PUSH, 1));
                case EventTypes.DELIVERY_DELAYED -> {
                    Double hours = e.number("delayHours");
                    signals.add(new Signal(e.time(), Signal.Kind.DELAY, hours == null || hours < 0 ? 0 : hours));
                }
                case EventTypes.ORDER_RETURNED -> signals.add(new Signal(e.time(), Signal.Kind.RETURN, 1));
                case EventTypes.SUPPORT_CONTACTED -> signals.add(new Signal(e.time(), Signal.Kind.SUPPORT, 1));
                case EventTypes.SURVEY_ANSWERED -> {
                    Double nps = e.number("nps");
                    if (nps != null && nps >= 0 && nps <= 10) signals.add(new Signal(e.time(), Signal.Kind.NPS, nps));
                    signals.add(new Signal(e.time(), Signal.Kind.OTHER_ENGAGEMENT, 1));
                }
                default -> {
                    if (EventTypes.ENGAGEMENT.contains(e.type()))
                        signals.add(new Signal(e.time(), Signal.Kind.OTHER_ENGAGEMENT, 1));
                }
            }
        }
        String macroArea = profile == null || profile.location() == null
                ? null
                : profile.location().macroArea();
        String customerId = profile != null
                ? profile.customerId()
                : history.isEmpty() ? null : history.get(0).customerId();
        Instant firstSeen = profile == null ? null : profile.firstSeen();
        return new CustomerActivity(
                customerId,
                accountId,
                profile == null ? null : profile.segment(),
                macroArea,
                employees,
                firstSeen,
                orders.values().stream().map(OrderBuilder::build).toList(),
                signals);
    }

    private static final class OrderBuilder {
        final String orderId;
        Instant time;
        Double total;
        Map<String, Double> categories;

        OrderBuilder(String orderId) {
            this.orderId = orderId;
        }

        void add(CustomerEvent e) {
            if (time == null || e.time().isBefore(time)) time = e.time();
            if (total == null) {
                // "total" is the vocabulary's field; "amount" is what some shops (and the demo) send
                Double t = e.number("total");
                if (t == null) t = e.number("amount");
                if (t != null && Double.isFinite(t) && t >= 0) total = t;
            }
            if (categories == null) categories = items(e.data().get("items"));
        }

        Order build() {
            Map<String, Double> spend = categories == null ? Map.of() : categories;
            double itemsTotal =
                    spend.values().stream().mapToDouble(Double::doubleValue).sum();
            return new Order(orderId, time, total != null ? total : itemsTotal, spend);
        }

        /** category → value, or null when the event lists no items. */
        private static Map<String, Double> items(Object items) {
            if (!(items instanceof List<?> list) || list.isEmpty()) return null;
            Map<String, Double> spend = new LinkedHashMap<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m)) continue;
                Object c = m.get("category");
                String category = c instanceof String s && !s.isBlank() ? s.trim() : OTHER_CATEGORY;
                double price = number(m.get("price"));
                Object q = m.get("quantity");
                double quantity = q == null ? 1 : number(q);
                spend.merge(category, Math.max(0, price) * Math.max(0, quantity), Double::sum);
            }
            return spend.isEmpty() ? null : spend;
        }

        private static double number(Object v) {
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
            if (v instanceof String s) {
                try {
                    double d = Double.parseDouble(s.trim());
                    return Double.isFinite(d) ? d : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            return 0;
        }
    }
}
