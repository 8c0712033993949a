package it.attimo.aws.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import it.attimo.core.consent.OneClickUnsubscribe;
import it.attimo.core.consent.PreferenceCentre;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageContent;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.privacy.ErasureRequests;
import it.attimo.core.privacy.PersonalDataExport;
import it.attimo.core.privacy.RequestSignatures;
import it.attimo.core.privacy.RetentionSweep;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The personal-data routes' use cases: erasure, one-click unsubscribe and the preference centre (the ingest function,
 * through the queue) and
 * export (insights).
 */
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

    /**
     * One-click unsubscribe: link tokens verified with the webhook secret (read on each request, so a rotated secret is
     * picked up) against business time, the clock that signed them; the withdrawal is stamped with it too.
     */
    @Singleton
    OneClickUnsubscribe oneClickUnsubscribe(EventQueue queue, SecretProvider secrets, Clock clock) {
        return new OneClickUnsubscribe(
                queue,
                () -> secrets.webhookSecret()
                        .filter(secret -> !secret.isBlank())
                        .map(secret -> new CustomerLinkToken(secret, clock))
                        .orElse(null),
                clock);
    }

    /**
     * The preference centre: link tokens as for the unsubscribe (purpose {@code preferences}), the profile read for the
     * page, saves queued as events; interests among the catalogue's product categories (the post-purchase content's).
     */
    @Singleton
    PreferenceCentre preferenceCentre(EventQueue queue, ProfileStore profiles, SecretProvider secrets, Clock clock) {
        return new PreferenceCentre(
                queue,
                profiles,
                () -> secrets.webhookSecret()
                        .filter(secret -> !secret.isBlank())
                        .map(secret -> new CustomerLinkToken(secret, clock))
                        .orElse(null),
                MessageContent.bundled().categories(),
                clock);
    }

    /** Business time: locally the virtual clock, so a stack advanced two years erases who went quiet. */
    @Singleton
    RetentionSweep retentionSweep(
            CustomerScan scan, EventQueue queue, @Value("${attimo.retention.months:24}") int months, Clock clock) {
        return new RetentionSweep(scan, queue, months, clock);
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
