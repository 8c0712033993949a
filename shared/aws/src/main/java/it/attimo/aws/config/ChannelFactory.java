package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.util.SupplierUtil;
import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.aws.channel.PushNotAvailable;
import it.attimo.aws.channel.RoutingChannelGateway;
import it.attimo.aws.channel.SesEmailGateway;
import it.attimo.aws.channel.SmsOnlyGateway;
import it.attimo.aws.channel.SnsAccountManagerTasks;
import it.attimo.aws.channel.SnsPushGateway;
import it.attimo.core.channel.Channel;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ChannelGateway;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Message delivery: SES email and SMS (End User Messaging with {@code attimo.sms.configuration-set}, else SNS; see
 * {@link SmsOnlyGateway}) on AWS ({@code attimo.channel.mode=aws}), or everything to the outbox table
 * ({@code outbox}); account-manager tasks likewise. Only where the SES and SNS SDKs ship (the journey function, the
 * local stack).
 */
@Factory
@Requires(classes = {SesV2Client.class, SnsClient.class})
public class ChannelFactory {
    @Singleton
    @Bean(preDestroy = "close")
    SesV2Client sesClient(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.ses.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(
                SesV2Client.builder(), AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    @Bean(preDestroy = "close")
    SnsClient snsClient(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.sns.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(
                SnsClient.builder(), AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    RoutingChannelGateway channelGateway(
            @Value("${attimo.channel.mode:aws}") String mode,
            Provider<DynamoOutboxChannel> outbox,
            Provider<SesV2Client> ses,
            Provider<SnsClient> sns,
            @Value("${attimo.ses.from-address:}") String fromAddress,
            @Value("${attimo.ses.from:}") String from,
            @Value("${attimo.ses.configuration-set:}") String configurationSet,
            @Value("${attimo.sms.sender-id:}") String senderId,
            @Value("${attimo.sms.configuration-set:}") String smsConfigurationSet,
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.sms-voice.endpoint:}") String smsVoiceEndpoint,
            @Value("${attimo.aws.endpoint:}") String shared,
            @Value("${attimo.push.platform-application-arn:}") String pushApplicationArn) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "outbox":
                return RoutingChannelGateway.allTo(outbox.get());
            case "aws":
                Map<Channel, ChannelGateway> routes = new EnumMap<>(Channel.class);
                // each client built on its route's first message, not at init (a plan step sends nothing)
                routes.put(
                        Channel.EMAIL,
                        RoutingChannelGateway.lazy(() -> new SesEmailGateway(
                                ses.get(), fromAddress.isBlank() ? from : fromAddress, configurationSet)));
                routes.put(
                        Channel.SMS,
                        RoutingChannelGateway.lazy(() -> SmsOnlyGateway.choose(
                                sns::get,
                                () -> AwsClients.build(
                                        PinpointSmsVoiceV2Client.builder(),
                                        AttimoFactory.region(region),
                                        AwsClients.endpoint(smsVoiceEndpoint, shared)),
                                senderId,
                                smsConfigurationSet)));
                routes.put(
                        Channel.PUSH,
                        pushApplicationArn.isBlank()
                                ? new PushNotAvailable()
                                : RoutingChannelGateway.lazy(() -> new SnsPushGateway(sns.get(), pushApplicationArn)));
                return new RoutingChannelGateway(routes);
            default:
                throw new IllegalStateException("attimo.channel.mode must be aws or outbox, not '" + mode + "'");
        }
    }

    @Singleton
    AccountManagerTasks accountManagerTasks(
            @Value("${attimo.channel.mode:aws}") String mode,
            Provider<DynamoOutboxChannel> outbox,
            Provider<SnsClient> snsClient,
            @Value("${attimo.account-manager.topic-arn:}") String topicArn) {
        if (mode.trim().equalsIgnoreCase("outbox")) return outbox.get();
        if (!topicArn.isBlank()) {
            // the SNS client built on the first task, not at init (SnapStart priming builds it before the snapshot)
            Supplier<AccountManagerTasks> sns =
                    SupplierUtil.memoized(() -> new SnsAccountManagerTasks(snsClient.get(), topicArn));
            return (customerId, reason, executionName) -> sns.get().open(customerId, reason, executionName);
        }
        return (customerId, reason, executionName) -> {
            throw new IllegalArgumentException(
                    "no account-manager topic is configured (attimo.account-manager.topic-arn)");
        };
    }
}
