package it.attimo.aws.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.privacy.ErasureRequests;
import it.attimo.core.privacy.PersonalData;
import it.attimo.core.privacy.PersonalDataExport;
import it.attimo.core.privacy.SignedCall;
import it.attimo.core.profile.ProfileView;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The personal-data routes over HTTP: {@code DELETE /profiles/{customerId}} answers 202
 * {@code {"customerId","status":"erasure_queued","eventId","requestedAt"}}; {@code GET /profiles/{customerId}/export}
 * answers 200 with {@code {"customerId","exportedAt","profile","contact","events","messages"}}. Both are signed like
 * {@code POST /events} over {@code timestamp + "." + method + " " + path}.
 */
public final class PrivacyHttp {
    private PrivacyHttp() {}

    public static HttpApiResponse erase(ErasureRequests erasures, HttpApiRequest request) {
        ErasureRequests.Erasure e = erasures.erase(request.pathParameter("customerId"), signedCall(request));
        ObjectNode body = Json.object();
        body.put("customerId", e.customerId());
        body.put("status", "erasure_queued");
        body.put("eventId", e.eventId());
        body.put("requestedAt", e.requestedAt().toString());
        return HttpApiResponse.json(202, body.toString());
    }

    public static HttpApiResponse export(PersonalDataExport export, HttpApiRequest request) {
        PersonalData data = export.export(request.pathParameter("customerId"), signedCall(request));
        return HttpApiResponse.json(200, toJson(data).toString());
    }

    static SignedCall signedCall(HttpApiRequest request) {
        return new SignedCall(
                request.method(),
                request.path(),
                request.header(AttimoSignatureVerifier.TIMESTAMP_HEADER),
                request.header(AttimoSignatureVerifier.SIGNATURE_HEADER));
    }

    static ObjectNode toJson(PersonalData data) {
        ObjectNode n = Json.object();
        n.put("customerId", data.customerId());
        n.put("exportedAt", data.exportedAt().toString());
        Contact contact = data.contact();
        if (data.profile() == null) {
            n.putNull("profile");
        } else {
            Set<Channel> reachable = EnumSet.noneOf(Channel.class);
            for (Channel ch : Channel.values()) if (contact != null && contact.canReach(ch)) reachable.add(ch);
            n.set("profile", ProfileViewJson.toJson(new ProfileView(data.profile(), reachable)));
        }
        if (contact == null) {
            n.putNull("contact");
        } else {
            ObjectNode c = n.putObject("contact");
            c.put("email", contact.email());
            c.put("phone", contact.phone());
            c.put("pushToken", contact.pushToken());
            ArrayNode dead = c.putArray("unreachable");
            contact.unreachable().stream().map(Channel::id).sorted().forEach(dead::add);
        }
        ArrayNode events = n.putArray("events");
        for (CustomerEvent e : data.events()) events.add(CloudEventJson.toNode(e));
        ArrayNode messages = n.putArray("messages");
        for (MessageRecord m : data.messages()) messages.add(message(m));
        return n;
    }

    static ObjectNode message(MessageRecord m) {
        ObjectNode o = Json.object();
        o.put("messageId", m.messageId());
        o.put("journey", m.journey());
        o.put("executionName", m.executionName());
        o.put("step", m.step());
        o.put("channel", m.channel() == null ? null : m.channel().id());
        o.put("kind", m.kind());
        o.put("sendAt", str(m.sendAt()));
        o.put("status", m.status());
        o.put("reason", m.reason());
        o.put("providerMessageId", m.providerMessageId());
        o.put("legalBasis", m.legalBasis());
        o.put("updatedAt", str(m.updatedAt()));
        ObjectNode outcomes = o.putObject("outcomes");
        m.outcomes().forEach((type, at) -> outcomes.put(type, at.toString()));
        return o;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
