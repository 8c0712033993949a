package it.attimo.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * What each synthetic customer does over the demo's days, the same for the same seed. Every customer is first upserted;
 * B2B customers register and go through onboarding (diligent: everything within the hour; slow: an abandoned first
 * module, finished the next day; silent: nothing, so the journey's timeouts and reminders show); buyers order, get
 * the parcel shipped (about one in five late: a day, 60 h or 96 h) and delivered, which starts the post-purchase journey
 * (a delay over 48 h the delivery-delay journey); about one order in ten is returned, some customers ask to talk to a
 * person; some open and click messages and answer the survey, half of the late ones stay quiet (churn risk). About 1% of events travel in a batch with a malformed companion, about 2% are
 * delivered twice.
 */
public final class DemoScenario {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final double MALFORMED_SHARE = 0.01;
    private static final double DUPLICATE_SHARE = 0.02;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final Instant start;
    private final Instant end;
    private final List<DemoEvent> events = new ArrayList<>();

    private DemoScenario(long seed, Instant start, int days) {
        this.random = new Random(seed * 31 + 7);
        this.start = start;
        this.end = start.plus(Duration.ofDays(days));
    }

    /** Every event of every customer inside [start, start + days), ordered by time. */
    public static List<DemoEvent> events(List<DemoCustomer> customers, long seed, Instant start, int days) {
        DemoScenario scenario = new DemoScenario(seed, start, days);
        for (DemoCustomer customer : customers) {
            scenario.customer(customer);
        }
        List<DemoEvent> out = new ArrayList<>(scenario.events);
        out.sort(Comparator.comparing(DemoEvent::at).thenComparing(DemoEvent::customerId));
        return out;
    }

    private final class Timeline {
        final DemoCustomer customer;
        int sequence;

        Timeline(DemoCustomer customer) {
            this.customer = customer;
        }

        void add(Instant at, String type, ObjectNode data) {
            if (!at.isBefore(end)) {
                return;
            }
            sequence++;
            String id = customer.id() + "-e" + String.format("%03d", sequence);
            ObjectNode event = JSON.createObjectNode();
            event.put("specversion", "1.0");
            event.put("id", id);
            event.put(
                    "source",
                    type.startsWith("order.") || type.startsWith("delivery.")
                            ? "demo/shop"
                            : type.startsWith("email.") ? "demo/mailer" : "demo/portal");
            event.put("type", type);
            event.put("subject", customer.id());
            event.put("time", at.toString());
            event.put("datacontenttype", "application/json");
            event.set("data", data == null ? JSON.createObjectNode() : data);
            ObjectNode malformed = random.nextDouble() < MALFORMED_SHARE ? malformedCopy(event) : null;
            events.add(new DemoEvent(at, customer.id(), type, event, malformed, random.nextDouble() < DUPLICATE_SHARE));
        }
    }

    private ObjectNode malformedCopy(ObjectNode event) {
        ObjectNode bad = event.deepCopy();
        bad.put("id", event.path("id").asText() + "-bad");
        switch (random.nextInt(4)) {
            case 0 -> bad.remove("subject");
            case 1 -> bad.put("time", "yesterday at noon");
            case 2 -> bad.put("type", "order.teleported");
            default -> bad.remove("specversion");
        }
        return bad;
    }

    private void customer(DemoCustomer c) {
        Timeline t = new Timeline(c);
        // first contact during the first half of the demo, in Italian waking hours; a third of the buyers come in the
        // first hours and order at once, so some post-purchase journeys (72 h) finish within the demo
        boolean early = c.buyer() && random.nextDouble() < 0.35;
        double window = early ? 0.1 : 0.5;
        Instant first = daytime(
                start.plus(minutes((long) (Duration.between(start, end).toMinutes() * window * random.nextDouble()))));
        t.add(first, "customer.upserted", upsert(c));
        if (c.b2b()) {
            onboarding(t, first.plus(minutes(2 + random.nextInt(10))));
        }
        if (c.buyer()) {
            purchase(t, first.plus(minutes(30 + random.nextInt(early ? 3 * 60 : 20 * 60))), early);
        }
    }

    private ObjectNode upsert(DemoCustomer c) {
        ObjectNode data = JSON.createObjectNode();
        data.put("email", c.email());
        if (c.smsConsent()) {
            data.put("phone", c.phone());
        }
        if (c.pushConsent()) {
            data.put("pushToken", "demo-push-" + c.id());
        }
        data.put("comune", c.comune());
        data.put("segment", c.segment());
        data.put("locale", c.locale());
        ObjectNode consent = data.putObject("consent");
        consent.put("email", c.emailConsent());
        consent.put("sms", c.smsConsent());
        consent.put("push", c.pushConsent());
        return data;
    }

    private void onboarding(Timeline t, Instant registered) {
        t.add(registered, "account.registered", JSON.createObjectNode().put("plan", "business"));
        switch (t.customer.persona()) {
            case DILIGENT -> {
                Instant at = registered.plus(minutes(3 + random.nextInt(15)));
                t.add(at, "portal.accessed", null);
                at = at.plus(minutes(1 + random.nextInt(5)));
                t.add(at, "form.started", form("first-module"));
                at = at.plus(Duration.ofSeconds(30 + random.nextInt(90)));
                t.add(at, "form.completed", completed("first-module", 30 + random.nextInt(90), random.nextInt(3)));
                at = at.plus(minutes(2 + random.nextInt(30)));
                t.add(at, "form.started", form("profile"));
                at = at.plus(Duration.ofSeconds(60 + random.nextInt(240)));
                t.add(at, "form.completed", completed("profile", 60 + random.nextInt(240), random.nextInt(2)));
                at = at.plus(minutes(5 + random.nextInt(60)));
                t.add(
                        at,
                        "video.watched",
                        JSON.createObjectNode()
                                .put("videoId", "guide")
                                .put("watchedSeconds", 120 + random.nextInt(480)));
                if (random.nextBoolean()) {
                    t.add(
                            at.plus(minutes(10 + random.nextInt(120))),
                            "content.downloaded",
                            JSON.createObjectNode().put("contentId", "listino-2026"));
                }
            }
            case SLOW -> {
                Instant at = registered.plus(minutes(30 + random.nextInt(120)));
                t.add(at, "portal.accessed", null);
                at = at.plus(minutes(2 + random.nextInt(10)));
                t.add(at, "form.started", form("first-module"));
                at = at.plus(minutes(3 + random.nextInt(10)));
                t.add(at, "form.abandoned", form("first-module"));
                Instant nextDay = daytime(at.plus(Duration.ofHours(20 + random.nextInt(10))));
                t.add(nextDay, "portal.accessed", null);
                t.add(nextDay.plus(minutes(1)), "form.started", form("first-module"));
                t.add(
                        nextDay.plus(minutes(3)),
                        "form.completed",
                        completed("first-module", 90 + random.nextInt(200), 1 + random.nextInt(4)));
                if (random.nextBoolean()) {
                    t.add(
                            nextDay.plus(minutes(20)),
                            "support.contacted",
                            JSON.createObjectNode().put("topic", "profile-form"));
                }
            }
            default -> {
                // silent: registered and nothing more, so the journey's waits time out
            }
        }
    }

    /** A small catalogue: sku, name, category, price. */
    private static final String[][] CATALOGUE = {
        {"TR-18V", "Trapano avvitatore 18V", "utensili", "89.90"},
        {"MW-25", "Forno a microonde 25 l", "elettrodomestici", "129.00"},
        {"GZ-ARM", "Armadio da giardino", "giardino", "349.00"},
        {"CF-ESP", "Macchina per caffè espresso", "elettrodomestici", "199.00"},
        {"LB-SET", "Set di lame per seghetto", "utensili", "24.50"}
    };

    private void purchase(Timeline t, Instant placed, boolean express) {
        String orderId = "o-" + t.customer.id().substring(2) + "-1";
        String[] product = CATALOGUE[random.nextInt(CATALOGUE.length)];
        int quantity = 1 + random.nextInt(2);
        double total = Math.round(Double.parseDouble(product[3]) * quantity * 100) / 100.0;
        ObjectNode order = JSON.createObjectNode().put("orderId", orderId);
        order.putArray("items")
                .addObject()
                .put("sku", product[0])
                .put("name", product[1])
                .put("category", product[2])
                .put("price", Double.parseDouble(product[3]));
        order.put("total", total).put("currency", "EUR");
        t.add(placed, "order.placed", order);
        Instant shipped =
                daytime(placed.plus(Duration.ofHours(express ? 2 + random.nextInt(4) : 6 + random.nextInt(20))));
        t.add(shipped, "order.shipped", order.deepCopy().put("deliveredBy", "demo-corriere"));
        Instant delivered =
                daytime(shipped.plus(Duration.ofHours(express ? 4 + random.nextInt(8) : 18 + random.nextInt(30))));
        // about one delivery in five is late: a day (no apology), 60 h (apology and coupon) or 96 h (also a churn risk
        // when the customer then stays quiet)
        boolean late = random.nextDouble() < 0.2;
        if (late) {
            int delay = new int[] {24, 60, 96}[random.nextInt(3)];
            ObjectNode notice = JSON.createObjectNode().put("orderId", orderId).put("delayHours", delay);
            notice.put("reason", delay > 48 ? "sciopero dei trasporti" : "traffico");
            t.add(daytime(shipped.plus(Duration.ofHours(4 + random.nextInt(8)))), "delivery.delayed", notice);
            delivered = daytime(delivered.plus(Duration.ofHours(delay)));
        }
        t.add(delivered, "order.delivered", order.deepCopy().put("deliveredBy", "demo-corriere"));
        // about one order in ten comes back; some customers ask to talk to a person
        if (random.nextDouble() < 0.1) {
            ObjectNode returned =
                    JSON.createObjectNode().put("orderId", orderId).put("reason", "non conforme");
            returned.set("items", order.get("items").deepCopy());
            t.add(delivered.plus(Duration.ofHours(20 + random.nextInt(48))), "order.returned", returned);
        }
        if (random.nextDouble() < 0.06) {
            t.add(
                    delivered.plus(Duration.ofHours(26 + random.nextInt(40))),
                    "support.requested",
                    JSON.createObjectNode().put("orderId", orderId).put("topic", product[2]));
        }
        if (late && random.nextDouble() < 0.5) {
            // the late customers who stay quiet are the churn rule's high risk: no opens, no clicks
            return;
        }
        if (t.customer.emailConsent() && random.nextDouble() < 0.45) {
            Instant opened = delivered.plus(minutes(40 + random.nextInt(240)));
            t.add(opened, "email.opened", JSON.createObjectNode().put("campaign", "post-purchase"));
            if (random.nextDouble() < 0.4) {
                t.add(
                        opened.plus(minutes(1 + random.nextInt(5))),
                        "email.clicked",
                        JSON.createObjectNode().put("campaign", "post-purchase"));
            }
        }
        if (random.nextDouble() < 0.3) {
            Instant answered = delivered.plus(Duration.ofHours(72)).plus(minutes(30 + random.nextInt(600)));
            t.add(
                    answered,
                    "survey.answered",
                    JSON.createObjectNode()
                            .put("nps", random.nextInt(11))
                            .put("csat", 1 + random.nextInt(5))
                            .put("orderId", orderId));
        }
    }

    private static ObjectNode form(String formId) {
        return JSON.createObjectNode().put("formId", formId);
    }

    private static ObjectNode completed(String formId, int durationSeconds, int errors) {
        return form(formId).put("durationSeconds", durationSeconds).put("errors", errors);
    }

    /** The same instant if it falls 8:00-21:59 in Rome, else the next 8:xx there. */
    private Instant daytime(Instant at) {
        ZonedDateTime local = at.atZone(ROME);
        if (local.getHour() >= 8 && local.getHour() < 22) {
            return at;
        }
        ZonedDateTime morning = local.getHour() >= 22 ? local.plusDays(1) : local;
        return morning.withHour(8)
                .withMinute(random.nextInt(60))
                .withSecond(random.nextInt(60))
                .withNano(0)
                .toInstant();
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }
}
