package it.attimo.aws.channel;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.port.ChannelGateway;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;

/**
 * SMS through AWS End User Messaging SMS ({@code SendTextMessage}), transactional, with a configuration set: the set's
 * event destination publishes the delivery events ({@code TEXT_DELIVERED}, {@code TEXT_INVALID}…) whose
 * {@code messageId} is the id returned here, so {@code POST /webhooks/sns-sms} finds the message in the ledger. The
 * sender id is the configuration set's default ({@code DefaultSenderId} in template.yaml), so an unregistered id is
 * never named in a request. SNS {@code Publish} to a phone number has no configuration set, hence this gateway on AWS.
 */
public final class EndUserMessagingSmsGateway implements ChannelGateway {
    private final PinpointSmsVoiceV2Client client;
    private final String configurationSet;

    public EndUserMessagingSmsGateway(PinpointSmsVoiceV2Client client, String configurationSet) {
        if (configurationSet == null || configurationSet.isBlank()) {
            throw new IllegalArgumentException("an End User Messaging configuration set is required");
        }
        this.client = client;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(OutboundMessage message) {
        if (message.contact() == null || !message.contact().canReach(Channel.SMS)) {
            throw new IllegalArgumentException("message " + message.messageKey() + " has no phone number");
        }
        String text = RenderedContent.of(message).text();
        return client.sendTextMessage(
                        b -> b.destinationPhoneNumber(message.contact().phone())
                                .messageBody(text)
                                .messageType(MessageType.TRANSACTIONAL)
                                .configurationSetName(configurationSet))
                .messageId();
    }
}
