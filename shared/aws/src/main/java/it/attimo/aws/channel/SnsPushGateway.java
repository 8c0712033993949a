package it.attimo.aws.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.json.Json;
import it.attimo.core.message.RenderedMessage;
import it.attimo.core.port.ChannelGateway;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;

/**
 * Push through SNS mobile push (platform endpoints), the way AWS recommends: create the endpoint from the customer's
 * push token (CreatePlatformEndpoint is idempotent for the same token and attributes; when the token exists with
 * other attributes, the ARN in the error is used), refresh it when its token differs or it was disabled, then publish
 * a JSON message with a payload per platform (FCM v1 {@code GCM}, {@code APNS}, {@code APNS_SANDBOX}, {@code default}).
 * A disabled endpoint refuses the message ({@link PushEndpointDisabledException}, not retried).
 */
public final class SnsPushGateway implements ChannelGateway {
    private static final Pattern EXISTING_ARN = Pattern.compile("(arn:aws[a-z-]*:sns:\\S+?endpoint/\\S+?)\\s");

    private final SnsClient client;
    private final String platformApplicationArn;

    public SnsPushGateway(SnsClient client, String platformApplicationArn) {
        this.client = client;
        this.platformApplicationArn = platformApplicationArn;
    }

    @Override
    public String send(OutboundMessage message) {
        if (message.contact() == null || !message.contact().canReach(Channel.PUSH)) {
            throw new IllegalArgumentException("message " + message.messageKey() + " has no push token");
        }
        String token = message.contact().pushToken();
        String endpoint = endpoint(token, message.customerId());
        RenderedMessage r = RenderedContent.of(message);
        String payload = payload(r.subject(), r.text(), message.messageKey());
        try {
            return client.publish(
                            b -> b.targetArn(endpoint).messageStructure("json").message(payload))
                    .messageId();
        } catch (EndpointDisabledException disabled) {
            throw new PushEndpointDisabledException(message.messageKey());
        }
    }

    /** The endpoint ARN for this token, created or refreshed (token changed, or disabled) as needed. */
    String endpoint(String token, String customerId) {
        String arn;
        try {
            arn = client.createPlatformEndpoint(b -> b.platformApplicationArn(platformApplicationArn)
                            .token(token)
                            .customUserData(customerId))
                    .endpointArn();
        } catch (InvalidParameterException exists) {
            Matcher m = EXISTING_ARN.matcher(exists.getMessage() + " ");
            if (!m.find()) throw exists;
            arn = m.group(1);
        }
        String endpoint = arn;
        Map<String, String> attributes =
                client.getEndpointAttributes(b -> b.endpointArn(endpoint)).attributes();
        if (!token.equals(attributes.get("Token")) || !"true".equalsIgnoreCase(attributes.get("Enabled"))) {
            client.setEndpointAttributes(b -> b.endpointArn(endpoint)
                    .attributes(Map.of("Token", token, "Enabled", "true", "CustomUserData", customerId)));
        }
        return endpoint;
    }

    /** The message per platform; {@code messageKey} rides along so an opened push can come back as push.opened. */
    static String payload(String title, String body, String messageKey) {
        ObjectNode fcm = Json.object();
        ObjectNode fcmMessage = fcm.putObject("fcmV1Message").putObject("message");
        fcmMessage.putObject("notification").put("title", title).put("body", body);
        fcmMessage.putObject("data").put("attimoMessageKey", messageKey);
        ObjectNode apns = Json.object();
        apns.putObject("aps").putObject("alert").put("title", title).put("body", body);
        apns.put("attimoMessageKey", messageKey);
        ObjectNode out = Json.object();
        out.put("default", body);
        out.put("GCM", fcm.toString());
        out.put("APNS", apns.toString());
        out.put("APNS_SANDBOX", apns.toString());
        return out.toString();
    }
}
