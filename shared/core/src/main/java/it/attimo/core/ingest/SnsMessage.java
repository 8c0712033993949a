package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One message Amazon SNS posts to an HTTPS subscription: a {@code Notification}, a {@code SubscriptionConfirmation}
 * or an {@code UnsubscribeConfirmation}, with the fields its signature covers.
 */
public record SnsMessage(
        String type,
        String messageId,
        String token,
        String topicArn,
        String subject,
        String message,
        String timestamp,
        String signatureVersion,
        String signature,
        String signingCertUrl,
        String subscribeUrl) {
    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /** The header SNS sets to the message type. */
    public static final String TYPE_HEADER = "x-amz-sns-message-type";

    /** @throws IllegalArgumentException naming the first field that is missing or not a string */
    public static SnsMessage parse(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("an SNS message is a JSON object");
        String type = text(n, "Type", true);
        if (!List.of(NOTIFICATION, SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION)
                .contains(type)) {
            throw new IllegalArgumentException(
                    "Type must be Notification, SubscriptionConfirmation or " + "UnsubscribeConfirmation");
        }
        boolean confirmation = !type.equals(NOTIFICATION);
        return new SnsMessage(
                type,
                text(n, "MessageId", true),
                text(n, "Token", confirmation),
                text(n, "TopicArn", true),
                text(n, "Subject", false),
                text(n, "Message", true),
                text(n, "Timestamp", true),
                text(n, "SignatureVersion", true),
                text(n, "Signature", true),
                text(n, "SigningCertURL", true),
                text(n, "SubscribeURL", confirmation));
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException(field + " is required");
            return null;
        }
        if (!v.isTextual()) throw new IllegalArgumentException(field + " must be a string");
        return v.asText();
    }

    /**
     * The string SNS signs: name and value lines of the covered fields, in byte order of their names. A Notification
     * covers Message, MessageId, Subject (when present), Timestamp, TopicArn and Type; the confirmations cover Message,
     * MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type.
     */
    public String stringToSign() {
        StringBuilder s = new StringBuilder();
        line(s, "Message", message);
        line(s, "MessageId", messageId);
        if (type.equals(NOTIFICATION)) {
            if (subject != null) line(s, "Subject", subject);
            line(s, "Timestamp", timestamp);
            line(s, "TopicArn", topicArn);
            line(s, "Type", type);
        } else {
            line(s, "SubscribeURL", subscribeUrl);
            line(s, "Timestamp", timestamp);
            line(s, "Token", token);
            line(s, "TopicArn", topicArn);
            line(s, "Type", type);
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(name).append('\n').append(value).append('\n');
    }
}
