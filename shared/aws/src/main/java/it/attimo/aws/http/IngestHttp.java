package it.attimo.aws.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.ingest.CloudEventsDelivery;
import it.attimo.core.ingest.HubSpotDelivery;
import it.attimo.core.ingest.HubSpotSignature;
import it.attimo.core.ingest.HubSpotSignatureVerifier;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.ingest.IngestResult;
import it.attimo.core.ingest.MailchimpIngest;
import it.attimo.core.ingest.SalesforceIngest;
import it.attimo.core.ingest.SnsDelivery;
import it.attimo.core.ingest.SnsIngest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ingest routes over HTTP: a request becomes the delivery {@link IngestEvents} takes, its result the 202 body
 * {@code {"accepted", "rejected", "ignored", "results": [{index, id?, status, error?, quarantineId?, reason?}]}}.
 * Refusals are left to {@link HttpErrorMapper}.
 */
public final class IngestHttp {
    private IngestHttp() {}

    /** {@code POST /events}. */
    public static HttpApiResponse cloudEvents(IngestEvents ingest, HttpApiRequest request) {
        return accepted(ingest.cloudEvents(new CloudEventsDelivery(
                request.body(),
                request.header(HttpApiResponse.CONTENT_TYPE),
                request.header(AttimoSignatureVerifier.TIMESTAMP_HEADER),
                request.header(AttimoSignatureVerifier.SIGNATURE_HEADER),
                cloudEventHeaders(request))));
    }

    /** The {@code ce-*} headers (the delivery puts their names in lower case): a binary-mode event's attributes. */
    static Map<String, String> cloudEventHeaders(HttpApiRequest request) {
        Map<String, String> out = new HashMap<>();
        request.headers().forEach((name, value) -> {
            if (name.regionMatches(true, 0, "ce-", 0, 3)) out.put(name, value);
        });
        return out;
    }

    /** {@code POST /webhooks/hubspot}. */
    public static HttpApiResponse hubSpot(IngestEvents ingest, HttpApiRequest request) {
        return accepted(ingest.hubSpot(new HubSpotDelivery(
                request.method(),
                request.url(),
                request.body(),
                request.header(HttpApiResponse.CONTENT_TYPE),
                new HubSpotSignature(
                        request.header(HubSpotSignatureVerifier.V3_HEADER),
                        request.header(HubSpotSignatureVerifier.V3_TIMESTAMP),
                        request.header(HubSpotSignatureVerifier.LEGACY_HEADER),
                        request.header(HubSpotSignatureVerifier.LEGACY_VERSION)))));
    }

    /**
     * {@code POST /webhooks/ses}: an SNS message. A Notification is answered 202 with the ingest result of the event
     * it carried; a SubscriptionConfirmation 200 {@code {"type", "topicArn", "confirmed": true}} once confirmed; an
     * UnsubscribeConfirmation 200 {@code {"type", "topicArn", "confirmed": false}}.
     */
    public static HttpApiResponse ses(SnsIngest sns, HttpApiRequest request) {
        return snsAnswer(sns.sesEvents(request.body()));
    }

    /**
     * {@code POST /webhooks/sns-sms}: an SNS message carrying an inbound SMS (two-way SMS) or an SMS delivery event
     * (End User Messaging configuration set); answered like /webhooks/ses.
     */
    public static HttpApiResponse smsInbound(SnsIngest sns, HttpApiRequest request) {
        return snsAnswer(sns.smsInbound(request.body()));
    }

    /** {@code POST /webhooks/sns-push}: an SNS message carrying a push platform application event; like /webhooks/ses. */
    public static HttpApiResponse pushEvents(SnsIngest sns, HttpApiRequest request) {
        return snsAnswer(sns.pushEvents(request.body()));
    }

    /** {@code POST /webhooks/mailchimp/{secret}}: 202 with the ingest result; a wrong secret is a 404. */
    public static HttpApiResponse mailchimp(MailchimpIngest mailchimp, HttpApiRequest request) {
        return accepted(mailchimp.webhook(
                request.pathParameter("secret"), request.header(HttpApiResponse.CONTENT_TYPE), request.body()));
    }

    /** {@code GET /webhooks/mailchimp/{secret}}: Mailchimp checks the URL answers before it saves the webhook. */
    public static HttpApiResponse mailchimpValidation(MailchimpIngest mailchimp, HttpApiRequest request) {
        mailchimp.checkSecret(request.pathParameter("secret"));
        return HttpApiResponse.json(200, "{\"ok\":true}");
    }

    /**
     * {@code POST /webhooks/salesforce}: the Outbound Message is queued (unusable notifications quarantined), then
     * answered 200 with the SOAP {@code <Ack>true</Ack>} as {@code text/xml}; without it Salesforce retries for 24 h.
     */
    public static HttpApiResponse salesforce(SalesforceIngest salesforce, HttpApiRequest request) {
        salesforce.outboundMessage(request.body());
        return new HttpApiResponse(
                200, SalesforceIngest.ACK, Map.of(HttpApiResponse.CONTENT_TYPE, "text/xml; charset=utf-8"));
    }

    static HttpApiResponse snsAnswer(SnsDelivery delivery) {
        if (delivery.isNotification()) return accepted(delivery.result());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", delivery.type());
        body.put("topicArn", delivery.topicArn());
        body.put("confirmed", delivery.confirmed());
        return HttpApiResponse.json(200, body.toString());
    }

    static HttpApiResponse accepted(IngestResult result) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("accepted", result.accepted());
        body.put("rejected", result.rejected());
        body.put("ignored", result.ignored());
        body.set("results", results(result.results()));
        return HttpApiResponse.json(202, body.toString());
    }

    static ArrayNode results(List<IngestResult.EventResult> results) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (IngestResult.EventResult r : results) {
            ObjectNode n = out.addObject();
            n.put("index", r.index());
            if (r.id() != null) n.put("id", r.id());
            n.put("status", r.status().name().toLowerCase(Locale.ROOT));
            if (r.error() != null) n.put("error", r.error());
            if (r.quarantineId() != null) n.put("quarantineId", r.quarantineId());
            if (r.reason() != null) n.put("reason", r.reason());
        }
        return out;
    }
}
