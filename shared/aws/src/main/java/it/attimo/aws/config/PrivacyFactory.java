package it.attimo.aws.config;

import io.micronaut.context.annotation.Factory;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.privacy.ErasureRequests;
import it.attimo.core.privacy.PersonalDataExport;
import it.attimo.core.privacy.RequestSignatures;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The personal-data routes' use cases: erasure (the ingest function, through the queue) and export (insights). */
@Factory
public class PrivacyFactory {
    @Singleton
    RequestSignatures requestSignatures(SecretProvider secrets, @Named(AttimoFactory.WALL_CLOCK) Clock wallClock) {
        return new RequestSignatures(secrets, wallClock);
    }

    /**
     * The erasure is stamped with the time the request came in (the wall clock), as HubSpot's occurredAt stamps a
     * privacy deletion: every event that happened before it is erased, and a late copy of one is dropped.
     */
    @Singleton
    ErasureRequests erasureRequests(
            EventQueue queue, RequestSignatures signatures, @Named(AttimoFactory.WALL_CLOCK) Clock wallClock) {
        return new ErasureRequests(queue, signatures, wallClock);
    }

    @Singleton
    PersonalDataExport personalDataExport(
            ProfileStore profiles,
            ContactStore contacts,
            EventLog events,
            MessageLedger ledger,
            RequestSignatures signatures,
            @Named(AttimoFactory.WALL_CLOCK) Clock wallClock) {
        return new PersonalDataExport(profiles, contacts, events, ledger, signatures, wallClock);
    }
}
