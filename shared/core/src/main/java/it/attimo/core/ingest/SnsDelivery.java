package it.attimo.core.ingest;

/**
 * What Amazon SNS answered to, or the confirmation it asked for: the message type, and for a Notification the ingest
 * result of the event it carried; for a SubscriptionConfirmation whether the subscription was confirmed.
 */
public record SnsDelivery(String type, String topicArn, boolean confirmed, IngestResult result) {
    public boolean isNotification() {
        return SnsMessage.NOTIFICATION.equals(type);
    }
}
