package it.attimo.aws.channel;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.port.ChannelGateway;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SMS through SNS Publish to a phone number (the message's rendered text), as Transactional, with an alphanumeric
 * sender id when set.
 */
public final class SnsSmsGateway implements ChannelGateway {
    private final SnsClient client;
    private final String senderId;

    /** @param senderId 1-11 alphanumeric characters, or null/blank for none */
    public SnsSmsGateway(SnsClient client, String senderId) {
        this.client = client;
        this.senderId = senderId == null || senderId.isBlank() ? null : senderId;
    }

    @Override
    public String send(OutboundMessage message) {
        if (message.contact() == null || !message.contact().canReach(Channel.SMS)) {
            throw new IllegalArgumentException("message " + message.messageKey() + " has no phone number");
        }
        String text = RenderedContent.of(message).text();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", string("Transactional"));
        if (senderId != null) attributes.put("AWS.SNS.SMS.SenderID", string(senderId));
        return client.publish(b ->
                        b.phoneNumber(message.contact().phone()).message(text).messageAttributes(attributes))
                .messageId();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
