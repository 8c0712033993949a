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

    /** The erasure's time is business time (the virtual clock locally), like every event's. */
    @Singleton
    ErasureRequests erasureRequests(EventQueue queue, RequestSignatures signatures, Clock clock) {
        return new ErasureRequests(queue, signatures, clock);
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
