package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.RenderedMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoOutboxChannelIT {
    static final Instant NOW = Instant.parse("2026-06-10T07:00:00Z");
    final String tables = LocalDynamo.shared().freshTables("outbox");
    final DynamoOutboxChannel outbox = at(NOW);

    DynamoOutboxChannel at(Instant now) {
        return new DynamoOutboxChannel(
                LocalDynamo.shared().client(),
                tables,
                it.attimo.core.journey.JourneyCatalog.defaults(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    static OutboundMessage message(String customer, String step, Instant sendAt) {
        return new OutboundMessage(
                customer,
                new Contact(customer, "x@example.it", null, null),
                Channel.EMAIL,
                "post-purchase",
                step,
                "service",
                "post-purchase." + step,
                "it-IT",
                "formale",
                customer + "#exec-1#" + step,
                sendAt);
    }

    @Test
    void findsByJourneyStepAndRecordedSinceInsideTheTable() {
        outbox.send(message("c-1", "welcome", NOW));
        at(NOW.plusMillis(500)).send(message("c-1", "tutorial", NOW));
        at(NOW.plusSeconds(3600)).send(message("c-2", "tutorial", NOW));
        at(NOW.plusSeconds(3600)).send(message("c-2", "survey", NOW));

        assertThat(outbox.find(new OutboxQuery(
                        java.util.Optional.empty(),
                        java.util.Optional.of("post-purchase"),
                        java.util.Optional.of("tutorial"),
                        java.util.Optional.of(NOW))))
                .extracting(OutboxMessage::customerId)
                .containsExactly("c-1", "c-2");
        // a fraction of a second after the bound still counts; a whole second before does not
        assertThat(outbox.find(new OutboxQuery(
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.of(NOW.plusMillis(400)))))
                .extracting(OutboxMessage::step)
                .containsExactlyInAnyOrder("tutorial", "tutorial", "survey");
        assertThat(outbox.find(new OutboxQuery(
                        java.util.Optional.of("c-2"),
                        java.util.Optional.empty(),
                        java.util.Optional.of("survey"),
                        java.util.Optional.empty())))
                .extracting(OutboxMessage::step)
                .containsExactly("survey");
        assertThat(outbox.find(OutboxQuery.ALL)).hasSize(4);
    }

    @Test
    void findsOneJourneysMessagesThroughItsIndexWithTheSameBoundsAsTheScan() {
        outbox.send(message("c-1", "welcome", NOW));
        at(NOW.plusMillis(500)).send(message("c-1", "tutorial", NOW));
        at(NOW.plusSeconds(3600)).send(message("c-2", "tutorial", NOW));
        OutboundMessage otherJourney = new OutboundMessage(
                "c-3",
                new Contact("c-3", "y@example.it", null, null),
                Channel.EMAIL,
                "delivery-delay",
                "tutorial",
                "service",
                "delivery-delay.apology",
                "it-IT",
                "formale",
                "c-3#exec-9#tutorial",
                NOW);
        at(NOW.plusSeconds(60)).send(otherJourney);

        assertThat(outbox.find(query("post-purchase", null, null)))
                .extracting(OutboxMessage::step)
                .containsExactlyInAnyOrder("welcome", "tutorial", "tutorial");
        // 400 ms after the first second: the one recorded at +500 ms counts, the one at +0 ms does not
        assertThat(outbox.find(query("post-purchase", null, NOW.plusMillis(400))))
                .extracting(OutboxMessage::customerId)
                .containsExactly("c-1", "c-2");
        assertThat(outbox.find(query("post-purchase", "tutorial", NOW.plusSeconds(1))))
                .extracting(OutboxMessage::customerId)
                .containsExactly("c-2");
        assertThat(outbox.find(query("delivery-delay", "tutorial", NOW)))
                .extracting(OutboxMessage::customerId)
                .containsExactly("c-3");
        assertThat(outbox.find(query("order-return", null, null))).isEmpty();
    }

    static OutboxQuery query(String journey, String step, Instant since) {
        return new OutboxQuery(
                java.util.Optional.empty(),
                java.util.Optional.of(journey),
                java.util.Optional.ofNullable(step),
                java.util.Optional.ofNullable(since));
    }

    @Test
    void keepsTheDispatchContext() {
        OutboundMessage base = message("c-9", "apology", NOW);
        outbox.send(new OutboundMessage(
                base.customerId(),
                base.contact(),
                base.channel(),
                "delivery-delay",
                base.step(),
                base.kind(),
                base.template(),
                base.locale(),
                base.tone(),
                base.messageKey(),
                base.sendAt(),
                Map.of("orderId", "o-7", "coupon", "SCUSA-AB12")));
        outbox.send(message("c-9", "welcome", NOW));

        assertThat(outbox.forCustomer("c-9"))
                .extracting(OutboxMessage::step, OutboxMessage::context)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "apology", Map.of("orderId", "o-7", "coupon", "SCUSA-AB12")),
                        org.assertj.core.groups.Tuple.tuple("welcome", Map.of()));
    }

    @Test
    void keepsWhatTheCustomerReadsWithItsLinksInOrderAndTheExperimentArm() {
        Map<String, String> links = new java.util.LinkedHashMap<>();
        links.put("video", "https://shop.example/v?m=1");
        links.put("guide", "https://shop.example/g?m=1");
        links.put("unsubscribe", "https://shop.example/unsubscribe/v1.abc");
        OutboundMessage rendered = message("c-5", "tutorial", NOW)
                .withRendered(new RenderedMessage(
                        "Un breve video",
                        "Ciao Anna,\n\nguarda il video.",
                        "<p>Ciao Anna,</p>",
                        links,
                        "informale",
                        "SCUSA-1",
                        new RenderedMessage.ExperimentArm("tutorial-timing", "tutorial-24h"),
                        RenderedMessage.oneClickHeaders("https://shop.example/unsubscribe/v1.abc")));
        outbox.send(rendered);
        OutboxMessage stored = outbox.forCustomer("c-5").get(0);
        assertThat(stored.subject()).isEqualTo("Un breve video");
        assertThat(stored.text()).isEqualTo("Ciao Anna,\n\nguarda il video.");
        assertThat(stored.links()).containsExactlyEntriesOf(links);
        assertThat(stored.headers())
                .containsExactly(
                        Map.entry("List-Unsubscribe", "<https://shop.example/unsubscribe/v1.abc>"),
                        Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        assertThat(stored.tone()).isEqualTo("informale");
        assertThat(stored.coupon()).isEqualTo("SCUSA-1");
        assertThat(stored.experiment()).isEqualTo(new RenderedMessage.ExperimentArm("tutorial-timing", "tutorial-24h"));
        assertThat(stored.toString()).doesNotContain("x@example.it");
    }

    @Test
    void recordsEachMessageOnceWithoutContactDetails() {
        OutboundMessage tutorial = message("c-1", "tutorial", NOW.plusSeconds(86_400));
        OutboundMessage welcome = message("c-1", "welcome", NOW.plusSeconds(600));
        outbox.send(tutorial);
        outbox.send(welcome);
        outbox.send(welcome); // a retried dispatch overwrites, never duplicates
        outbox.send(message("c-2", "welcome", NOW));

        assertThat(outbox.forCustomer("c-1")).extracting(OutboxMessage::step).containsExactly("welcome", "tutorial");
        OutboxMessage first = outbox.forCustomer("c-1").get(0);
        assertThat(first)
                .isEqualTo(new OutboxMessage(
                        "c-1",
                        "c-1#exec-1#welcome",
                        "email",
                        "service",
                        "post-purchase",
                        "welcome",
                        NOW.plusSeconds(600),
                        "post-purchase.welcome",
                        "it-IT",
                        "formale",
                        NOW,
                        Map.of()));
        assertThat(outbox.all()).hasSize(3);
        assertThat(first.toString()).doesNotContain("example.it");
    }
}
