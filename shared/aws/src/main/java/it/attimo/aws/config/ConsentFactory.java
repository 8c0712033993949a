package it.attimo.aws.config;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.channel.SmsOnlyGateway;
import it.attimo.core.consent.ConfirmOptOut;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.OptOutConfirmations;
import it.attimo.core.port.ProfileStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The SMS STOP confirmation, sent by the score function when it folds the opt-out: through the channel gateway where
 * one exists (the local stack's outbox), else, on AWS, through SNS SMS (the score jar ships the SNS SDK for it), else
 * none (the opt-out still counts).
 */
@Factory
public class ConsentFactory {
    private static final Logger LOG = Logger.getLogger(ConsentFactory.class.getName());

    @Singleton
    OptOutConfirmations optOutConfirmations(
            BeanProvider<ChannelGateway> gateway,
            ContactStore contacts,
            MessageLedger ledger,
            Clock clock,
            MessageRenderer renderer,
            ProfileStore profiles,
            @Value("${attimo.channel.mode:aws}") String mode,
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.sns.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared,
            @Value("${attimo.aws.sms-voice.endpoint:}") String smsVoiceEndpoint,
            @Value("${attimo.sms.sender-id:}") String senderId,
            @Value("${attimo.sms.configuration-set:}") String configurationSet) {
        if (gateway.isPresent()) return new ConfirmOptOut(contacts, ledger, gateway.get(), clock, renderer, profiles);
        // the score function on AWS: the SMS SDK ships in its jar for this one SMS
        if ("aws".equalsIgnoreCase(mode.trim()) && SmsOnlyGateway.available(configurationSet)) {
            ChannelGateway sms = SmsOnlyGateway.create(
                    AttimoFactory.region(region),
                    AwsClients.endpoint(endpoint, shared),
                    AwsClients.endpoint(smsVoiceEndpoint, shared),
                    senderId,
                    configurationSet);
            return new ConfirmOptOut(contacts, ledger, sms, clock, renderer, profiles);
        }
        LOG.info("no channel gateway in this function: SMS opt-outs are recorded without a confirmation");
        return OptOutConfirmations.NONE;
    }
}
