package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.customer.Contact;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailchimpIngestTest {
    static final String SECRET = "mc-path-secret";
    static final String FORM = "application/x-www-form-urlencoded";
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final IngestEvents ingest =
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall);
    final MailchimpIngest mailchimp =
            new MailchimpIngest(ingest, contacts, MailchimpMapping.loadDefault(), () -> Optional.of(SECRET));

    static byte[] form(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Mailchimp's documented unsubscribe shape. */
    static final String UNSUBSCRIBE = "type=unsubscribe&fired_at=2009-03-26+21%3A40%3A57&data%5Baction%5D=unsub"
            + "&data%5Breason%5D=manual&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=a6b5da1054"
            + "&data%5Bemail%5D=api%2Bunsub%40mailchimp.com&data%5Bemail_type%5D=html"
            + "&data%5Bmerges%5D%5BEMAIL%5D=api%2Bunsub%40mailchimp.com&data%5Bmerges%5D%5BFNAME%5D=Mailchimp"
            + "&data%5Bmerges%5D%5BLNAME%5D=API&data%5Bmerges%5D%5BINTERESTS%5D=Group1%2CGroup2"
            + "&data%5Bip_opt%5D=10.20.10.30&data%5Bcampaign_id%5D=cb398d21d2";

    @Test
    void anUnsubscribeWithdrawsEmailConsentOfTheCustomerWithThatAddress() {
        contacts.put(new Contact("c-1", "API+unsub@mailchimp.com", null, null));
        IngestResult r = mailchimp.webhook(SECRET, FORM, form(UNSUBSCRIBE));
        assertThat(r.accepted()).isEqualTo(1);
        CustomerEvent e = queue.published().get(0);
        assertThat(e.customerId()).isEqualTo("c-1");
        assertThat(e.type()).isEqualTo(EventTypes.CONSENT_CHANGED);
        assertThat(e.time()).isEqualTo(Instant.parse("2009-03-26T21:40:57Z"));
        assertThat(e.data())
                .containsEntry("channel", "email")
                .containsEntry("granted", false)
                .containsEntry("source", "mailchimp:unsubscribe")
                .containsEntry("reason", "manual")
                .containsEntry("mailchimpListId", "a6b5da1054");
        assertThat(e.data().toString()).doesNotContain("@").doesNotContain("Mailchimp");
    }

    @Test
    void theAttimoIdMergeFieldWinsAndCleanedWithdrawsConsentToo() {
        mailchimp.webhook(
                SECRET,
                FORM,
                form("type=cleaned&fired_at=2009-03-26 22:01:00&data[list_id]=a6b5da1054&data[campaign_id]=4fjk2ma9xd"
                        + "&data[reason]=hard&data[email]=gone@example.com&data[merges][ATTIMOID]=c-42"));
        CustomerEvent e = queue.published().get(0);
        assertThat(e.customerId()).isEqualTo("c-42");
        assertThat(e.data()).containsEntry("granted", false).containsEntry("source", "mailchimp:cleaned");
    }

    @Test
    void subscribeProfileAndUpemailMap() {
        contacts.put(new Contact("c-1", "old@example.com", null, null));
        mailchimp.webhook(
                SECRET, FORM, form("type=subscribe&fired_at=2009-03-26 21:35:57&data[email]=old@example.com"));
        mailchimp.webhook(
                SECRET,
                FORM,
                form("type=upemail&fired_at=2009-03-26 22:15:09&data[list_id]=a6b5da1054&data[new_id]=51da8c3259"
                        + "&data[new_email]=new@example.com&data[old_email]=old@example.com"));
        mailchimp.webhook(SECRET, FORM, form("type=profile&fired_at=2009-03-26 21:31:21&data[email]=old@example.com"));
        assertThat(queue.published())
                .extracting(CustomerEvent::type)
                .containsExactly(
                        EventTypes.CONSENT_CHANGED, EventTypes.CUSTOMER_UPSERTED, EventTypes.CUSTOMER_UPSERTED);
        assertThat(queue.published().get(0).data()).containsEntry("granted", true);
        assertThat(queue.published().get(1).data()).containsEntry("email", "new@example.com");
    }

    @Test
    void anUnknownMemberOrTypeIsIgnoredAndNothingIsKept() {
        assertThat(mailchimp.webhook(SECRET, FORM, form(UNSUBSCRIBE)).ignored()).isEqualTo(1);
        assertThat(mailchimp
                        .webhook(SECRET, FORM, form("type=campaign&fired_at=2009-03-26 21:31:21"))
                        .ignored())
                .isEqualTo(1);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void theSameWebhookTwiceIsTheSameEvent() {
        contacts.put(new Contact("c-1", "api+unsub@mailchimp.com", null, null));
        mailchimp.webhook(SECRET, FORM, form(UNSUBSCRIBE));
        mailchimp.webhook(SECRET, null, form(UNSUBSCRIBE));
        assertThat(queue.published().get(0).id())
                .isEqualTo(queue.published().get(1).id());
    }

    @Test
    void aWrongOrMissingSecretIsNotFoundAndStoresNothing() {
        contacts.put(new Contact("c-1", "api+unsub@mailchimp.com", null, null));
        assertThatThrownBy(() -> mailchimp.webhook("guess", FORM, form(UNSUBSCRIBE)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> mailchimp.webhook(null, FORM, form(UNSUBSCRIBE)))
                .isInstanceOf(NotFound.class);
        MailchimpIngest unconfigured =
                new MailchimpIngest(ingest, contacts, MailchimpMapping.loadDefault(), Optional::empty);
        assertThatThrownBy(() -> unconfigured.checkSecret(SECRET)).isInstanceOf(NotFound.class);
        mailchimp.checkSecret(SECRET);
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void malformedWebhooksArePreciseBadRequests() {
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, FORM, form("fired_at=2009-03-26 21:31:21")))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, FORM, form("type=subscribe")))
                .hasMessageContaining("fired_at");
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, FORM, form("type=subscribe&fired_at=ieri")))
                .hasMessageContaining("2009-03-26");
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, FORM, form("type=%zz")))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("escape");
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, FORM, form("type=%4")))
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, FORM, form("type=%C3%28&fired_at=x")))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, "application/json", form("{}")))
                .isInstanceOf(UnsupportedMediaType.class);
        assertThatThrownBy(() -> mailchimp.webhook(SECRET, FORM, new byte[MailchimpIngest.MAX_BODY_BYTES + 1]))
                .isInstanceOf(PayloadTooLarge.class);
    }

    @Test
    void aMappingFileIsChecked() {
        assertThatThrownBy(() -> MailchimpMapping.parse("{}", "m")).hasMessageContaining("rules");
        assertThatThrownBy(() -> MailchimpMapping.parse("{\"rules\":[{\"eventType\":\"consent.changed\"}]}", "m"))
                .hasMessageContaining("type");
        assertThatThrownBy(() -> MailchimpMapping.parse("{\"rules\":[{\"type\":\"x\",\"eventType\":\"no\"}]}", "m"))
                .hasMessageContaining("vocabulary");
        assertThatThrownBy(() -> MailchimpMapping.parse("[", "m")).hasMessageContaining("not valid JSON");
        assertThat(FormBody.parse(new byte[0])).isEmpty();
        assertThat(FormBody.parse(form("a&&b=1&a=2"))).containsEntry("a", "").containsEntry("b", "1");
    }
}
