package it.attimo.bench.chaos;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's customers and their events, in rounds of virtual time. Even customers are B2B and register (the
 * onboarding journey), odd ones are B2C and get an order delivered (post-purchase); each then browses. A customer's
 * events start at round {@code c % stagger}, one per round, so every round holds a mix of first and later events.
 */
final class ChaosWorkload {
    static final Duration ROUND = Duration.ofHours(1);
    static final String[] COMUNI = {"058091", "015146", "001272", "063049", "082053", "021008"};

    /** One event of the run: its customer, id and the structured CloudEvent. */
    record Event(String customerId, String id, String json) {}

    private final int customers;
    private final int eventsPerCustomer;
    private final int stagger;
    private final Instant start;

    ChaosWorkload(int customers, int events, Instant start) {
        if (customers < 1) throw new IllegalArgumentException("--customers must be at least 1");
        this.customers = customers;
        this.eventsPerCustomer = Math.max(5, Math.round((float) events / customers));
        this.stagger = Math.max(1, Math.min(10, eventsPerCustomer));
        this.start = start;
    }

    int rounds() {
        return stagger - 1 + eventsPerCustomer;
    }

    int totalEvents() {
        return customers * eventsPerCustomer;
    }

    int customers() {
        return customers;
    }

    static String customerId(int c) {
        return String.format("c-chaos-%05d", c);
    }

    Instant roundTime(int round) {
        return start.plus(ROUND.multipliedBy(round));
    }

    /** The events of one round, in customer order. */
    List<Event> round(int round) {
        List<Event> out = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            int index = round - c % stagger;
            if (index < 0 || index >= eventsPerCustomer) continue;
            out.add(event(c, index, roundTime(round).plusSeconds(c % 3000)));
        }
        return out;
    }

    private Event event(int c, int index, Instant time) {
        String customer = customerId(c);
        boolean b2b = c % 2 == 0;
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        String type;
        if (index == 0) {
            type = "customer.upserted";
            data.put("email", customer + "@example.invalid");
            data.put("comune", COMUNI[c % COMUNI.length]);
            data.put("segment", b2b ? "b2b" : "b2c");
            data.put("locale", "it-IT");
            ObjectNode consent = data.putObject("consent");
            consent.put("email", true);
            consent.put("sms", false);
            consent.put("push", false);
        } else if (b2b && index == 1) {
            type = "account.registered";
            data.put("plan", "business");
        } else if (b2b && (index == 2 || index == 3)) {
            type = index == 2 ? "form.started" : "form.completed";
            data.put("formId", "first-module");
        } else if (!b2b && index <= 3) {
            type = index == 1 ? "order.placed" : index == 2 ? "order.shipped" : "order.delivered";
            data.put("orderId", "o-" + customer);
        } else {
            type = "portal.accessed";
            data.put("page", "/page/" + index);
        }
        String id = customer + "-e" + index;
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", "bench/chaos");
        e.put("type", type);
        e.put("subject", customer);
        e.put("time", time.toString());
        e.set("data", data);
        return new Event(customer, id, e.toString());
    }
}
