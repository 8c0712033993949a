package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Amazon SNS mobile push application event, as SNS publishes it to the topics named by the platform application's
 * {@code EventEndpointCreated}, {@code EventEndpointUpdated}, {@code EventEndpointDeleted} and
 * {@code EventDeliveryFailure} attributes: {@code EventType}, {@code EndpointArn}, {@code Resource} (the application),
 * {@code Time}, and for a delivery failure {@code FailureType}, {@code FailureMessage}, {@code MessageId}. Only the
 * fields Attimo reads are kept; what the event means for the customer is decided by {@link SnsIngest} against the
 * endpoint's current state.
 */
public record PushEndpointEvent(String eventType, String endpointArn, String failureType, Instant time) {
    public static final String CREATED = "EndpointCreated";
    public static final String UPDATED = "EndpointUpdated";
    public static final String DELETED = "EndpointDeleted";
    public static final String DELIVERY_FAILURE = "DeliveryFailure";
    private static final Set<String> TYPES = Set.of(CREATED, UPDATED, DELETED, DELIVERY_FAILURE);
    private static final Pattern ENDPOINT_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:endpoint/[A-Za-z0-9_]+/[^/\\s]+/[A-Za-z0-9-]+");

    /**
     * @param fallbackTime the SNS message's timestamp, used when the event has no usable {@code Time}
     * @throws IllegalArgumentException naming what is missing or unusable
     */
    public static PushEndpointEvent parse(JsonNode n, Instant fallbackTime) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("a push application event is a JSON object");
        String type = n.path("EventType").asText("");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    "EventType must be EndpointCreated, EndpointUpdated, EndpointDeleted or DeliveryFailure");
        }
        String arn = n.path("EndpointArn").asText("");
        if (!ENDPOINT_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("EndpointArn is not an SNS platform endpoint ARN");
        }
        String failure =
                n.path("FailureType").isTextual() ? n.get("FailureType").asText() : null;
        Instant time = fallbackTime;
        if (n.path("Time").isTextual()) {
            try {
                time = Instant.parse(n.get("Time").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Time is not an ISO-8601 instant");
            }
        }
        if (time == null) throw new IllegalArgumentException("Time is required");
        return new PushEndpointEvent(type, arn, failure, time);
    }
}
