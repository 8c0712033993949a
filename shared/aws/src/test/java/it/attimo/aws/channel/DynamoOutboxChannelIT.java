package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.journey.OutboundMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoOutboxChannelIT {
    static final Instant NOW = Instant.parse("2026-06-10T07:00:00Z");
    final DynamoOutboxChannel outbox = new DynamoOutboxChannel(
            LocalDynamo.shared().client(),
            LocalDynamo.shared().freshTables("outbox"),
            it.attimo.core.journey.JourneyCatalog.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

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
                "formal",
                customer + "#exec-1#" + step,
                sendAt);
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
                        "formal",
                        NOW,
                        Map.of()));
        assertThat(outbox.all()).hasSize(3);
        assertThat(first.toString()).doesNotContain("example.it");
    }
}
