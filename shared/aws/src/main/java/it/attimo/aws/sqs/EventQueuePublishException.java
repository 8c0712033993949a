package it.attimo.aws.sqs;

/** Some events could not be put on the queue even after a retry; the caller must not report them as accepted. */
public final class EventQueuePublishException extends RuntimeException {
    public EventQueuePublishException(String message) {
        super(message);
    }
}
