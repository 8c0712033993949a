package it.attimo.function.trays;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.config.AttimoFactory;
import it.attimo.aws.config.AwsClients;
import it.attimo.aws.dynamo.DynamoTrayAuditLog;
import it.attimo.aws.dynamo.DynamoTrayDocumentStore;
import it.attimo.aws.dynamo.DynamoTrayStore;
import it.attimo.aws.hubspot.HubSpotClient;
import it.attimo.aws.hubspot.HubSpotTrayCrm;
import it.attimo.aws.s3.S3TrayDocumentStore;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CreditCheck;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.port.TrayAuditLog;
import it.attimo.core.port.TrayCrm;
import it.attimo.core.port.TrayDocumentRenderer;
import it.attimo.core.port.TrayDocumentStore;
import it.attimo.core.port.TrayStore;
import it.attimo.core.tray.CreateTray;
import it.attimo.core.tray.PartyTurns;
import it.attimo.core.tray.RuleCreditCheck;
import it.attimo.core.tray.StoredTrays;
import it.attimo.core.tray.TrayEvents;
import it.attimo.core.tray.TrayFlow;
import it.attimo.core.tray.TrayMessages;
import it.attimo.core.tray.TrayQueries;
import it.attimo.core.tray.TrayTemplates;
import it.attimo.core.tray.TrayTokens;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires the trays: their tables, the templates ({@code attimo.trays.dir}, else the copy bundled in the core jar), the
 * link tokens (keyed from the webhook secret), the credit rule, the PDF renderer and the use cases.
 */
@Factory
public class TraysFactory {
    @Singleton
    TrayStore trayStore(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoTrayStore(client, prefix);
    }

    @Singleton
    TrayAuditLog trayAuditLog(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoTrayAuditLog(client, prefix);
    }

    /**
     * The completed PDFs: in the S3 bucket {@code attimo.trays.documents-bucket} on AWS (template.yaml
     * {@code TrayDocumentsBucket}), else in the {@code tray-documents} table (the local stack, DynamoDB Local).
     */
    @Singleton
    TrayDocumentStore trayDocuments(
            Provider<DynamoDbClient> client,
            @Value("${attimo.table.prefix:attimo}") String prefix,
            @Value("${attimo.trays.documents-bucket:}") String bucket,
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.s3.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        if (!bucket.isBlank()) {
            return S3TrayDocumentStore.create(
                    AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared), bucket.trim());
        }
        return new DynamoTrayDocumentStore(client.get(), prefix);
    }

    @Singleton
    TrayTemplates trayTemplates(@Value("${attimo.trays.dir:}") String dir) {
        return TrayTemplates.inOrBundled(dir);
    }

    @Singleton
    StoredTrays storedTrays(TrayStore store, TrayTemplates templates, Clock clock) {
        return new StoredTrays(store, templates, clock);
    }

    @Singleton
    TrayTokens trayTokens(SecretProvider secrets) {
        return new TrayTokens(
                secrets.webhookSecret()
                        .orElseThrow(() -> new IllegalStateException("tray links need the webhook secret")),
                new SecureRandom());
    }

    @Singleton
    TrayMessages trayMessages(
            MessageLedger ledger,
            ChannelGateway gateway,
            ContactStore contacts,
            MessageRenderer renderer,
            TrayTemplates templates,
            Clock clock) {
        return new TrayMessages(ledger, gateway, contacts, renderer, templates, clock);
    }

    @Singleton
    TrayEvents trayEvents(EventQueue queue) {
        return new TrayEvents(queue);
    }

    /** The template's credit rule; a bureau's adapter would replace this bean. */
    @Singleton
    CreditCheck creditCheck() {
        return new RuleCreditCheck();
    }

    @Singleton
    TrayDocumentRenderer trayRenderer() {
        return new PdfTrayRenderer();
    }

    /** Off by default: the template's crm mapping goes to HubSpot only with attimo.hubspot.trays.enabled=true. */
    @Singleton
    TrayCrm trayCrm() {
        return TrayCrm.NONE;
    }

    @Singleton
    @Primary
    @Requires(property = "attimo.hubspot.trays.enabled", value = "true")
    TrayCrm hubSpotTrayCrm(HubSpotClient client, @Value("${attimo.hubspot.portal-id:}") String portalId) {
        return new HubSpotTrayCrm(client, portalId);
    }

    @Singleton
    CreateTray createTray(
            StoredTrays trays, TrayAuditLog audit, JourneyRuntime runtime, TrayEvents events, Clock clock) {
        return new CreateTray(trays, audit, runtime, events, clock);
    }

    @Singleton
    TrayFlow trayFlow(
            StoredTrays trays,
            TrayAuditLog audit,
            TrayTokens tokens,
            TrayMessages messages,
            TrayEvents events,
            TrayDocumentRenderer renderer,
            TrayDocumentStore documents,
            TrayCrm crm,
            JourneyRuntime runtime,
            Clock clock) {
        return new TrayFlow(trays, audit, tokens, messages, events, renderer, documents, crm, runtime, clock);
    }

    @Singleton
    PartyTurns partyTurns(
            StoredTrays trays,
            TrayAuditLog audit,
            TrayTokens tokens,
            TrayMessages messages,
            TrayEvents events,
            CreditCheck credit,
            TrayDocumentStore documents,
            JourneyRuntime runtime,
            Clock clock) {
        return new PartyTurns(trays, audit, tokens, messages, events, credit, documents, runtime, clock);
    }

    @Singleton
    TrayQueries trayQueries(StoredTrays trays, TrayAuditLog audit) {
        return new TrayQueries(trays, audit);
    }
}
