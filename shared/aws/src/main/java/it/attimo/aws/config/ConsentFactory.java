package it.attimo.aws.config;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import it.attimo.core.consent.ConfirmOptOut;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.OptOutConfirmations;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The SMS STOP confirmation, sent by the score function when it folds the opt-out: through the channel gateway where
 * one exists (the local stack's outbox; a function that ships the SNS SDK), else none (the opt-out still counts).
 */
@Factory
public class ConsentFactory {
    private static final Logger LOG = Logger.getLogger(ConsentFactory.class.getName());

    @Singleton
    OptOutConfirmations optOutConfirmations(
            BeanProvider<ChannelGateway> gateway, ContactStore contacts, MessageLedger ledger, Clock clock) {
        if (!gateway.isPresent()) {
            LOG.info("no channel gateway in this function: SMS opt-outs are recorded without a confirmation");
            return OptOutConfirmations.NONE;
        }
        return new ConfirmOptOut(contacts, ledger, gateway.get(), clock);
    }
}
