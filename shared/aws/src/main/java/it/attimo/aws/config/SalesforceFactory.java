package it.attimo.aws.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.ingest.SalesforceIngest;
import it.attimo.core.ingest.SalesforceMapping;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * {@code POST /webhooks/salesforce}: the Organization Ids accepted ({@code attimo.salesforce.organization-ids},
 * comma separated, on AWS {@code ATTIMO_SALESFORCE_ORGANIZATION_IDS}; none accepts none) and the bundled mapping.
 */
@Factory
public class SalesforceFactory {
    @Singleton
    SalesforceIngest salesforceIngest(
            IngestEvents ingest,
            @Value("${attimo.salesforce.organization-ids:}") String organizations,
            @Named(AttimoFactory.WALL_CLOCK) Clock wallClock) {
        return new SalesforceIngest(
                ingest, SalesforceMapping.loadDefault(), SnsIngestFactory.topics(organizations), wallClock);
    }
}
