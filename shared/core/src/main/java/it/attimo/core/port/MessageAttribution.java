package it.attimo.core.port;

import it.attimo.core.journey.MessageRecord;
import java.util.Optional;

/** Finds the ledger record of a message from the id its provider gave it (SES MessageId, SNS MessageId). */
public interface MessageAttribution {
    Optional<MessageRecord> byProviderMessageId(String providerMessageId);
}
