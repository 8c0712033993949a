package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.aws.dynamo.DynamoCouponStore;
import it.attimo.core.coupon.Coupon;
import it.attimo.core.coupon.CouponCodes;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.MessageLedger;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's post-purchase, end to end over HTTP against the embedded stack on the virtual clock: the welcome within the
 * hour on the first consented channel whose window allows it, the delivery-delay apology with its single-use coupon
 * (by day and by night), the return's reassurance and next-working-day help, the holds that stop a returned or at-risk
 * order's marketing steps, the churn rule's high-risk segment and task, the December shift of the repurchase, the
 * area's magic moment for the accessories, the hand-off and detractor tasks, per-order journeys; for customers in Nord,
 * Centro, Sud e Isole, b2b and b2c.
 */
class PostPurchaseJourneysEndToEndIT {
    private static final String SECRET = "pp-journeys-secret";
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final String MILANO = "015146";
    private static final String TORINO = "001272";
    private static final String ROMA = "058091";
    private static final String NAPOLI = "063049";
    private static final String PALERMO = "082053";

    private static Path root;
    private LocalStack stack;
    private StackApi api;

    @BeforeAll
    static void findProject() {
        root = TemplateConsistency.findProjectRoot(Path.of(""));
    }

    private void start(Instant at) {
        stack = LocalStack.start(StackOptions.inMemory(root, at, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
        stack = null;
    }

    @Test
    void anAfternoonDeliveryGetsItsWelcomeWithinTheHourByPushOrSms() {
        // Tuesday 9 June 2026, 15:00 in Milan; 16:15 in Naples (after the Sud midday pause)
        Instant milan = local("2026-06-09T15:00");
        Instant naples = local("2026-06-09T16:15");
        Instant mailOnly = local("2026-06-09T16:00");
        start(milan.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("w-nord-push", "b2c", MILANO, Map.of("email", true, "sms", true, "push", true)),
                customer("w-sud-sms", "b2c", NAPOLI, Map.of("email", true, "sms", true)),
                customer("w-centro-mail", "b2b", ROMA, Map.of("email", true)),
                delivered("w-nord-push", "o-w1", milan),
                delivered("w-sud-sms", "o-w2", naples),
                delivered("w-centro-mail", "o-w3", mailOnly))));
        advanceTo(local("2026-06-10T12:00"));

        JsonNode push = only(api.outbox("w-nord-push"), "post-purchase", "welcome");
        assertThat(push.path("channel").asText()).isEqualTo("push");
        assertThat(sendAt(push)).isBetween(milan, milan.plus(Duration.ofHours(1)));
        assertThat(push.path("context").path("orderId").asText()).isEqualTo("o-w1");

        JsonNode sms = only(api.outbox("w-sud-sms"), "post-purchase", "welcome");
        assertThat(sms.path("channel").asText()).isEqualTo("sms");
        assertThat(sendAt(sms)).isBetween(naples, naples.plus(Duration.ofHours(1)));

        // no push or SMS consent, and the e-mail window (09:30-14:00) is closed at 16:00: the earliest e-mail slot
        JsonNode mail = only(api.outbox("w-centro-mail"), "post-purchase", "welcome");
        assertThat(mail.path("channel").asText()).isEqualTo("email");
        assertThat(localTime(sendAt(mail)).toLocalDate()).isEqualTo(LocalDate.parse("2026-06-10"));
        assertThat(localTime(sendAt(mail)).toLocalTime()).isBetween(LocalTime.of(9, 30), LocalTime.of(14, 0));
    }

    @Test
    void aDelayNoticeAtTenGetsAnApologyWithASingleUseCouponByNoon() {
        Instant notice = local("2026-06-10T10:00"); // Wednesday
        start(notice.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("d-centro", "b2c", ROMA, Map.of("email", true)),
                customer("d-short", "b2c", ROMA, Map.of("email", true)),
                delayed("d-centro", "o-d1", notice, 72),
                delayed("d-short", "o-d2", notice, 30))));
        advanceTo(local("2026-06-10T14:00"));

        JsonNode apology = only(api.outbox("d-centro"), "delivery-delay", "apology", trace("d-centro"));
        assertThat(apology.path("kind").asText()).isEqualTo("transactional");
        assertThat(sendAt(apology)).isBetween(notice, notice.plus(Duration.ofHours(2)));
        String code = apology.path("context").path("coupon").asText();
        assertThat(CouponCodes.looksLikeCode(code)).as(code).isTrue();
        assertThat(apology.path("context").path("orderId").asText()).isEqualTo("o-d1");
        // a delay of 48 h or less is not worth an apology
        assertThat(api.outbox("d-short")).isEmpty();

        Coupon issued = coupons().find(code).orElseThrow();
        assertThat(issued.customerId()).isEqualTo("d-centro");
        assertThat(issued.orderId()).isEqualTo("o-d1");
        assertThat(issued.redeemed()).isFalse();

        // the coupon redeems once: a second order naming it finds it taken and it stays with the first
        accept(api.postEvents(List.of(placed("d-centro", "o-d3", local("2026-06-11T09:00"), code))));
        advanceTo(local("2026-06-11T09:30"));
        assertThat(coupons().find(code).orElseThrow().redeemedBy()).isEqualTo("o-d3");
        accept(api.postEvents(List.of(
                placed("d-centro", "o-d4", local("2026-06-12T09:00"), code),
                placed("d-centro", "o-d3", local("2026-06-11T09:00"), code))));
        advanceTo(local("2026-06-12T09:30"));
        Coupon after = coupons().find(code).orElseThrow();
        assertThat(after.redeemedBy()).isEqualTo("o-d3");
        assertThat(after.redeemedAt()).isEqualTo(local("2026-06-11T09:00"));
    }

    @Test
    void aNightNoticeGetsItsApologyAtEightInTheMorning() {
        Instant notice = local("2026-06-10T23:30");
        start(notice.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("n-isole-sms", "b2c", PALERMO, Map.of("sms", true), false),
                delayed("n-isole-sms", "o-n1", notice, 96))));
        advanceTo(local("2026-06-11T12:00"));

        JsonNode apology = only(api.outbox("n-isole-sms"), "delivery-delay", "apology", trace("n-isole-sms"));
        assertThat(apology.path("channel").asText()).isEqualTo("sms");
        assertThat(localTime(sendAt(apology))).isEqualTo(LocalDateTime.parse("2026-06-11T08:00"));
        assertThat(apology.path("context").path("coupon").asText()).startsWith(CouponCodes.PREFIX);
    }

    @Test
    void aReturnGetsReassuranceThenHelpTheNextWorkingDayAndStopsAccessoriesAndRepurchase() {
        Instant delivered = local("2026-06-11T10:00"); // Thursday
        Instant returned = local("2026-06-12T18:00"); // Friday evening, before the accessories offer (Nord: 68 h)
        start(delivered.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("r-nord-b2b", "b2b", TORINO, Map.of("email", true)),
                customer("r-nord-kept", "b2c", TORINO, Map.of("email", true)),
                delivered("r-nord-b2b", "o-r1", delivered),
                delivered("r-nord-kept", "o-r2", delivered))));
        advanceTo(returned.minus(Duration.ofMinutes(30)));
        accept(api.postEvents(List.of(returnedOrder("r-nord-b2b", "o-r1", returned))));
        advanceTo(delivered.plus(Duration.ofDays(16)));

        List<JsonNode> outbox = api.outbox("r-nord-b2b");
        JsonNode reassurance = only(outbox, "order-return", "reassurance");
        assertThat(sendAt(reassurance)).isBetween(returned, returned.plus(Duration.ofHours(2)));
        assertThat(reassurance.path("context").path("orderId").asText()).isEqualTo("o-r1");
        JsonNode help = only(outbox, "order-return", "help");
        // the next working day after Friday is Monday 15 June
        assertThat(localTime(sendAt(help)).toLocalDate())
                .as(trace("r-nord-b2b"))
                .isEqualTo(LocalDate.parse("2026-06-15"));
        assertThat(outbox)
                .filteredOn(m -> "account-manager".equals(m.path("channel").asText()))
                .extracting(m -> m.path("step").asText())
                .containsExactly("order-return.call-back");
        assertThat(steps(outbox, "post-purchase")).doesNotContain("accessories", "repurchase");
        assertThat(ledgerReason("r-nord-b2b", "repurchase")).contains("held: order-returned");

        // the same journey for an order that was kept sends them
        assertThat(steps(api.outbox("r-nord-kept"), "post-purchase")).contains("repurchase");
    }

    @Test
    void aLongDelayAndLowInteractionPutTheCustomerAtHighRiskWithATaskAndHeldMarketing() {
        Instant notice = local("2026-06-01T11:00");
        Instant delivered = local("2026-06-05T11:00"); // Friday
        start(notice.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("c-nord-quiet", "b2c", MILANO, Map.of("email", true)),
                customer("c-sud-active", "b2c", NAPOLI, Map.of("email", true)),
                delayed("c-nord-quiet", "o-c1", notice, 96),
                delayed("c-sud-active", "o-c2", notice, 96))));
        advanceTo(delivered.minus(Duration.ofMinutes(5)));
        accept(api.postEvents(List.of(
                delivered("c-nord-quiet", "o-c1", delivered),
                delivered("c-sud-active", "o-c2", delivered),
                engagement("c-sud-active", "open-1", "email.opened", delivered.plus(Duration.ofHours(3))),
                engagement("c-sud-active", "click-1", "email.clicked", delivered.plus(Duration.ofHours(4))))));
        advanceTo(delivered.plus(Duration.ofHours(47)));
        JsonNode watched = api.get("/profiles/c-nord-quiet").body().path("churn");
        assertThat(watched.path("segment").asText()).isEqualTo("medium");

        advanceTo(delivered.plus(Duration.ofDays(15)));
        JsonNode churn = api.get("/profiles/c-nord-quiet").body().path("churn");
        assertThat(churn.path("segment").asText())
                .as(churn + trace("c-nord-quiet"))
                .isEqualTo("high");
        assertThat(churn.path("probability").asDouble()).isGreaterThan(0.65);
        assertThat(churn.path("reasons").toString()).contains("96 h").contains("interaction");
        List<JsonNode> quiet = api.outbox("c-nord-quiet");
        assertThat(quiet)
                .filteredOn(m -> "account-manager".equals(m.path("channel").asText()))
                .extracting(
                        m -> m.path("journey").asText() + "/" + m.path("step").asText())
                .containsExactly("churn-risk/churn.high-risk");
        assertThat(steps(quiet, "post-purchase")).contains("welcome").doesNotContain("accessories", "repurchase");
        assertThat(ledgerReason("c-nord-quiet", "repurchase")).contains("held: churn-high");
        assertThat(steps(quiet, "delivery-delay")).containsExactly("apology");

        JsonNode active = api.get("/profiles/c-sud-active").body().path("churn");
        assertThat(active.path("segment").asText()).isEqualTo("medium");
        assertThat(api.outbox("c-sud-active"))
                .noneMatch(m -> "account-manager".equals(m.path("channel").asText()));
    }

    @Test
    void aDecemberDeliveryGetsItsRepurchaseThreeDaysEarlierBeforeChristmas() {
        Instant november = local("2026-11-10T11:00");
        Instant december = local("2026-12-10T11:00");
        start(november.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("x-nov", "b2c", MILANO, Map.of("email", true)),
                customer("x-dec", "b2c", MILANO, Map.of("email", true)),
                delivered("x-nov", "o-x1", november))));
        advanceTo(december.minus(Duration.ofMinutes(5)));
        accept(api.postEvents(List.of(delivered("x-dec", "o-x2", december))));
        advanceTo(local("2026-12-27T12:00"));

        Instant novRepurchase = sendAt(only(api.outbox("x-nov"), "post-purchase", "repurchase"));
        assertThat(novRepurchase).isBetween(november.plus(Duration.ofDays(7)), november.plus(Duration.ofDays(14)));
        Instant decRepurchase = sendAt(only(api.outbox("x-dec"), "post-purchase", "repurchase"));
        assertThat(decRepurchase).isBetween(december.plus(Duration.ofDays(4)), december.plus(Duration.ofDays(11)));
        assertThat(localTime(decRepurchase).toLocalDate()).isBefore(LocalDate.parse("2026-12-25"));
    }

    @Test
    void theAccessoriesOfferComesAtTheAreasMagicMoment() {
        Instant delivered = local("2026-06-08T10:00"); // Monday
        start(delivered.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("m-nord", "b2c", MILANO, Map.of("email", true)),
                customer("m-centro", "b2c", ROMA, Map.of("email", true)),
                customer("m-sud", "b2c", NAPOLI, Map.of("email", true)),
                delivered("m-nord", "o-m1", delivered),
                delivered("m-centro", "o-m2", delivered),
                delivered("m-sud", "o-m3", delivered))));
        advanceTo(delivered.plus(Duration.ofDays(6)));

        Instant nord = sendAt(only(api.outbox("m-nord"), "post-purchase", "accessories"));
        Instant centro = sendAt(only(api.outbox("m-centro"), "post-purchase", "accessories"));
        Instant sud = sendAt(only(api.outbox("m-sud"), "post-purchase", "accessories"));
        assertThat(nord).isAfterOrEqualTo(delivered.plus(Duration.ofHours(68)));
        assertThat(centro).isAfterOrEqualTo(delivered.plus(Duration.ofHours(76)));
        assertThat(sud).isAfterOrEqualTo(delivered.plus(Duration.ofHours(84)));
        assertThat(nord).isBefore(sud);
        for (String c : List.of("m-nord", "m-centro", "m-sud")) {
            List<JsonNode> outbox = api.outbox(c);
            assertThat(steps(outbox, "post-purchase"))
                    .containsSubsequence("welcome", "tutorial", "contextual", "survey", "accessories");
            // contextual in 24-72 h, the survey received by 72 h
            Instant contextual = sendAt(only(outbox, "post-purchase", "contextual"));
            assertThat(contextual)
                    .isBetween(delivered.plus(Duration.ofHours(24)), delivered.plus(Duration.ofHours(72)));
            assertThat(sendAt(only(outbox, "post-purchase", "survey"))).isBefore(delivered.plus(Duration.ofHours(72)));
        }
    }

    @Test
    void twoOrdersAreTwoJourneysAndHandOffsAndDetractorsOpenTasks() {
        Instant delivered = local("2026-06-08T10:00");
        start(delivered.minus(Duration.ofMinutes(10)));
        accept(api.postEvents(List.of(
                customer("t-b2b", "b2b", TORINO, Map.of("email", true)),
                delivered("t-b2b", "o-t1", delivered),
                delivered("t-b2b", "o-t2", delivered.plus(Duration.ofMinutes(30))))));
        advanceTo(delivered.plus(Duration.ofHours(30)));
        accept(api.postEvents(List.of(
                event(
                        "t-b2b",
                        "sr-1",
                        "support.requested",
                        delivered.plus(Duration.ofHours(31)),
                        Map.of("orderId", "o-t1", "topic", "montaggio")),
                event(
                        "t-b2b",
                        "sv-1",
                        "survey.answered",
                        delivered.plus(Duration.ofHours(32)),
                        Map.of("nps", 4, "csat", 2, "orderId", "o-t1")),
                event(
                        "t-b2b",
                        "sv-2",
                        "survey.answered",
                        delivered.plus(Duration.ofHours(33)),
                        Map.of("nps", 9, "orderId", "o-t2")))));
        advanceTo(delivered.plus(Duration.ofHours(40)));

        JsonNode profile = api.get("/profiles/t-b2b").body();
        List<String> journeys = new ArrayList<>();
        profile.path("journeys").forEach(j -> journeys.add(j.path("journey").asText()));
        assertThat(journeys).filteredOn("post-purchase"::equals).hasSize(2);
        List<JsonNode> outbox = api.outbox("t-b2b");
        assertThat(outbox)
                .filteredOn(m -> "welcome".equals(m.path("step").asText()))
                .extracting(m -> m.path("context").path("orderId").asText())
                .containsExactlyInAnyOrder("o-t1", "o-t2");
        assertThat(outbox)
                .filteredOn(m -> "account-manager".equals(m.path("channel").asText()))
                .extracting(
                        m -> m.path("journey").asText() + "/" + m.path("step").asText())
                .containsExactlyInAnyOrder(
                        "support-handoff/support.talk-to-person", "survey-detractor/survey.detractor");
    }

    @Test
    void orderEventsWithoutTheirIdsAreRefusedWithAClearErrorAndQuarantined() {
        Instant at = local("2026-06-08T10:00");
        start(at);
        StackApi.Reply reply = api.postEvents(List.of(
                customer("v-1", "b2c", MILANO, Map.of("email", true)),
                event("v-1", "bad-del", "order.delivered", at, Map.of("total", 10)),
                event("v-1", "bad-delay", "delivery.delayed", at, Map.of("orderId", "o-v1")),
                event(
                        "v-1",
                        "bad-items",
                        "order.placed",
                        at,
                        Map.of(
                                "orderId",
                                "o-v1",
                                "items",
                                List.of(Map.of("sku", "A1", "name", "Trapano", "price", 10))))));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().path("accepted").asInt()).isEqualTo(1);
        JsonNode results = reply.body().path("results");
        assertThat(results.get(1).path("error").asText()).contains("orderId is required");
        assertThat(results.get(2).path("error").asText()).contains("delayHours is required");
        assertThat(results.get(3).path("error").asText()).contains("items[0].category is required");
        assertThat(api.get("/quarantine").raw())
                .contains("bad-del")
                .contains("bad-delay")
                .contains("bad-items");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private DynamoCouponStore coupons() {
        return new DynamoCouponStore(stack.dynamoDb(), LocalStack.TABLE_PREFIX);
    }

    /** What the stack did for a customer: its executions (status, error) and its ledger, for failure messages. */
    private String trace(String customer) {
        StringBuilder b = new StringBuilder("\nexecutions:");
        stack.executions().stream()
                .filter(e -> e.name().contains(customer))
                .forEach(e -> b.append("\n  ")
                        .append(e.name())
                        .append(' ')
                        .append(e.status())
                        .append(' ')
                        .append(e.error().orElse(""))
                        .append(' ')
                        .append(e.cause().orElse(""))
                        .append(failure(e.name())));
        b.append("\nledger:");
        stack.context()
                .getBean(MessageLedger.class)
                .forCustomer(customer)
                .forEach(m -> b.append("\n  ")
                        .append(m.messageId())
                        .append(' ')
                        .append(m.status())
                        .append(' ')
                        .append(m.sendAt())
                        .append(' ')
                        .append(m.reason()));
        return b.toString();
    }

    /** The last failure events of an execution's history, if any. */
    private String failure(String execution) {
        StringBuilder b = new StringBuilder();
        stack.history(execution)
                .ifPresent(events -> events.stream()
                        .filter(h -> h.type().contains("Failed"))
                        .reduce((first, second) -> second)
                        .ifPresent(h -> b.append(" <- ")
                                .append(h.stateName())
                                .append(' ')
                                .append(h.details())));
        return b.toString();
    }

    private String ledgerReason(String customer, String step) {
        MessageLedger ledger = stack.context().getBean(MessageLedger.class);
        Optional<MessageRecord> record = ledger.forCustomer(customer).stream()
                .filter(m -> step.equals(m.step()) && "post-purchase".equals(m.journey()))
                .filter(m -> m.reason() != null)
                .findFirst();
        return record.map(MessageRecord::reason).orElse("");
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ROME).toInstant();
    }

    private static LocalDateTime localTime(Instant at) {
        return LocalDateTime.ofInstant(at, ROME);
    }

    private static CustomerEvent customer(String id, String segment, String comune, Map<String, Boolean> consent) {
        return customer(id, segment, comune, consent, true);
    }

    private static CustomerEvent customer(
            String id, String segment, String comune, Map<String, Boolean> consent, boolean withEmail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", segment);
        data.put("comune", comune);
        if (withEmail) data.put("email", id + "@example.invalid");
        data.put("phone", "+39 333 0000000");
        data.put("pushToken", "token-" + id);
        data.put("locale", "it-IT");
        data.put("consent", consent);
        return new CustomerEvent(
                "up-" + id, "e2e", "customer.upserted", id, Instant.parse("2026-01-05T09:00:00Z"), data);
    }

    private static Map<String, Object> order(String orderId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId);
        data.put(
                "items", List.of(Map.of("sku", "TR-18", "name", "Trapano 18V", "category", "utensili", "price", 89.9)));
        data.put("total", 89.9);
        data.put("currency", "EUR");
        return data;
    }

    private static CustomerEvent delivered(String customer, String orderId, Instant at) {
        Map<String, Object> data = order(orderId);
        data.put("deliveredBy", "BRT");
        return new CustomerEvent("del-" + orderId, "e2e", "order.delivered", customer, at, data);
    }

    private static CustomerEvent placed(String customer, String orderId, Instant at, String coupon) {
        Map<String, Object> data = order(orderId);
        data.put("coupon", coupon);
        return new CustomerEvent(
                "placed-" + orderId + "-" + at.getEpochSecond(), "e2e", "order.placed", customer, at, data);
    }

    private static CustomerEvent delayed(String customer, String orderId, Instant at, int hours) {
        return new CustomerEvent(
                "delay-" + orderId,
                "e2e",
                "delivery.delayed",
                customer,
                at,
                Map.of("orderId", orderId, "delayHours", hours, "reason", "sciopero"));
    }

    private static CustomerEvent returnedOrder(String customer, String orderId, Instant at) {
        Map<String, Object> data = order(orderId);
        data.remove("total");
        data.remove("currency");
        data.put("reason", "non conforme");
        return new CustomerEvent("ret-" + orderId, "e2e", "order.returned", customer, at, data);
    }

    private static CustomerEvent engagement(String customer, String id, String type, Instant at) {
        return new CustomerEvent(id, "e2e", type, customer, at, Map.of("campaign", "post-purchase"));
    }

    private static CustomerEvent event(String customer, String id, String type, Instant at, Map<String, Object> data) {
        return new CustomerEvent(id, "e2e", type, customer, at, data);
    }

    private void accept(StackApi.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();
    }

    private void advanceTo(Instant at) {
        Instant target = at.isAfter(stack.now()) ? at : stack.now();
        StackApi.Reply reply = api.clockSet(target);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }

    private static JsonNode only(List<JsonNode> outbox, String journey, String step) {
        return only(outbox, journey, step, "");
    }

    private static JsonNode only(List<JsonNode> outbox, String journey, String step, String trace) {
        List<JsonNode> found = outbox.stream()
                .filter(m -> journey.equals(m.path("journey").asText())
                        && step.equals(m.path("step").asText()))
                .toList();
        assertThat(found).as(journey + "/" + step + " in " + outbox + trace).hasSize(1);
        return found.get(0);
    }

    private static List<String> steps(List<JsonNode> outbox, String journey) {
        return outbox.stream()
                .filter(m -> journey.equals(m.path("journey").asText()))
                .map(m -> m.path("step").asText())
                .toList();
    }

    private static Instant sendAt(JsonNode message) {
        return Instant.parse(message.path("sendAt").asText());
    }
}
