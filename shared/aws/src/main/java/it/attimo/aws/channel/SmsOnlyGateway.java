package it.attimo.aws.channel;

import it.attimo.aws.config.AwsClients;
import it.attimo.core.port.ChannelGateway;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SMS gateway of a function that has no full channel gateway (the score function, which sends only the SMS STOP
 * confirmation): SNS SMS, built only where the SNS SDK ships. Loaded by name, so a jar without SNS never touches it.
 */
public final class SmsOnlyGateway {
    public static final String SNS_CLIENT_CLASS = "software.amazon.awssdk.services.sns.SnsClient";

    private SmsOnlyGateway() {}

    /** Whether the SNS SDK is on this function's classpath. */
    public static boolean available() {
        try {
            Class.forName(SNS_CLIENT_CLASS, false, SmsOnlyGateway.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static ChannelGateway create(String region, String endpoint, String senderId) {
        SnsClient sns = AwsClients.build(SnsClient.builder(), region, endpoint);
        return new SnsSmsGateway(sns, senderId);
    }
}
