package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.json.Json;
import it.attimo.core.port.ContactLookup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code POST /webhooks/mailchimp/{secret}}: Mailchimp list webhooks (form-encoded {@code type}, {@code fired_at},
 * {@code data[...]}). Mailchimp signs nothing, so the URL carries a secret, compared in constant time with the
 * configured one; a wrong or unconfigured secret is a 404 (the endpoint does not reveal that it exists) and nothing is
 * stored. {@code GET} on the same URL is Mailchimp's validation and answers 200 under the same check. Each webhook
 * becomes one event per customer ({@link MailchimpMapping}): the member's Attimo id in the {@code ATTIMOID} merge
 * field when the list has it, else every customer whose e-mail is the member's (for {@code upemail}, the old one).
 * A member Attimo does not know is ignored and nothing of it (an address) is kept.
 */
public final class MailchimpIngest {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Logger LOG = Logger.getLogger(MailchimpIngest.class.getName());

    private final IngestEvents ingest;
    private final ContactLookup contacts;
    private final MailchimpMapping mapping;
    private final Supplier<Optional<String>> secret;

    public MailchimpIngest(
            IngestEvents ingest, ContactLookup contacts, MailchimpMapping mapping, Supplier<Optional<String>> secret) {
        this.ingest = ingest;
        this.contacts = contacts;
        this.mapping = mapping;
        this.secret = secret;
    }

    /** @throws NotFound when {@code pathSecret} is not the configured secret (or none is configured) */
    public void checkSecret(String pathSecret) {
        Optional<String> expected = secret.get();
        boolean same = expected.isPresent()
                && pathSecret != null
                && MessageDigest.isEqual(
                        expected.get().getBytes(StandardCharsets.UTF_8), pathSecret.getBytes(StandardCharsets.UTF_8));
        if (!same) {
            LOG.info("Mailchimp webhook with a wrong or unconfigured secret refused");
            throw new NotFound("no such route");
        }
    }

    public IngestResult webhook(String pathSecret, String contentType, byte[] body) {
        checkSecret(pathSecret);
        if (body.length > MAX_BODY_BYTES) throw new PayloadTooLarge("body is larger than " + MAX_BODY_BYTES + " bytes");
        if (contentType != null
                && !BinaryModeEvent.mediaType(contentType).equals("application/x-www-form-urlencoded")) {
            throw new UnsupportedMediaType("Mailchimp webhooks are application/x-www-form-urlencoded");
        }
        Map<String, String> form = FormBody.parse(body);
        String type = form.get("type");
        if (type == null || type.isBlank()) throw new BadRequest("type is required");
        String firedAt = form.get("fired_at");
        if (firedAt == null) throw new BadRequest("fired_at is required");
        String time;
        try {
            time = LocalDateTime.parse(firedAt.trim(), FIRED_AT)
                    .toInstant(ZoneOffset.UTC)
                    .toString();
        } catch (DateTimeParseException e) {
            throw new BadRequest("fired_at must look like 2009-03-26 21:40:57");
        }
        String id = SnsIngest.eventId("mc-", new String(body, StandardCharsets.ISO_8859_1));
        Optional<MailchimpMapping.Rule> rule = mapping.rule(type);
        if (rule.isEmpty()) {
            return ingest.accept(
                    List.of(EventOutcome.ignored(0, id, "no mapping rule for Mailchimp " + type, null)), "mailchimp");
        }
        List<String> customers = customers(type, form);
        if (customers.isEmpty()) {
            return ingest.accept(
                    List.of(EventOutcome.ignored(0, id, "no customer matches the Mailchimp member", null)),
                    "mailchimp");
        }
        Map<String, Object> data = MailchimpMapping.data(rule.get(), form);
        String list = form.get("data[list_id]");
        if (list != null) data.put("mailchimpListId", list);
        List<EventOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            ObjectNode event = Json.object();
            event.put("specversion", "1.0");
            event.put("id", customers.size() == 1 ? id : SnsIngest.eventId("mc-", id + "|" + customers.get(i)));
            event.put("source", "mailchimp" + (list == null ? "" : ":list/" + list));
            event.put("type", rule.get().eventType());
            event.put("subject", customers.get(i));
            event.put("time", time);
            event.set("data", Json.valueToTree(data));
            EventOutcome checked = ingest.validate(i, event);
            // a rejected event would be kept whole in quarantine: keep it without the member's address
            outcomes.add(
                    checked.status() == EventOutcome.Status.REJECTED
                            ? EventOutcome.rejected(
                                    i, checked.eventId(), checked.error(), "{\"type\":\"" + type + "\"}")
                            : checked);
        }
        return ingest.accept(outcomes, "mailchimp");
    }

    private List<String> customers(String type, Map<String, String> form) {
        String attimoId = form.get(mapping.customerIdField());
        if (attimoId != null && !attimoId.isBlank()) return List.of(attimoId.trim());
        String email = type.equals("upemail") ? form.get("data[old_email]") : form.get("data[email]");
        return email == null ? List.of() : contacts.customersByEmail(email);
    }
}
