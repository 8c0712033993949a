package it.attimo.aws.channel;

import it.attimo.aws.config.AwsClients;
import it.attimo.core.port.ChannelGateway;
import java.util.function.Supplier;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Which SMS gateway a function uses on AWS, decided once here: with an End User Messaging configuration set
 * ({@code attimo.sms.configuration-set}, template.yaml's {@code SmsEventsConfigurationSet}) SendTextMessage through it,
 * so delivery events come back to {@code POST /webhooks/sns-sms}; without one, SNS Publish to the phone number (no
 * delivery events). Also the SMS gateway of a function that has no full channel gateway (the score function, which
 * sends only the SMS STOP confirmation), built only where the SDK ships: loaded by name, so a jar without it never
 * touches it.
 */
public final class SmsOnlyGateway {
    public static final String SNS_CLIENT_CLASS = "software.amazon.awssdk.services.sns.SnsClient";
    public static final String SMS_VOICE_CLIENT_CLASS =
            "software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client";

    private SmsOnlyGateway() {}

    /** Whether the SDK the SMS gateway needs (End User Messaging with a configuration set, else SNS) is here. */
    public static boolean available(String configurationSet) {
        try {
            Class.forName(
                    blank(configurationSet) ? SNS_CLIENT_CLASS : SMS_VOICE_CLIENT_CLASS,
                    false,
                    SmsOnlyGateway.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The SMS gateway with clients of its own (the score function). */
    public static ChannelGateway create(
            String region, String snsEndpoint, String smsVoiceEndpoint, String senderId, String configurationSet) {
        return choose(
                () -> AwsClients.build(SnsClient.builder(), region, snsEndpoint),
                () -> AwsClients.build(PinpointSmsVoiceV2Client.builder(), region, smsVoiceEndpoint),
                senderId,
                configurationSet);
    }

    /** The SMS gateway for this configuration: only the client it uses is built. */
    public static ChannelGateway choose(
            Supplier<SnsClient> sns,
            Supplier<PinpointSmsVoiceV2Client> smsVoice,
            String senderId,
            String configurationSet) {
        return blank(configurationSet)
                ? new SnsSmsGateway(sns.get(), senderId)
                : new EndUserMessagingSmsGateway(smsVoice.get(), configurationSet.trim());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
