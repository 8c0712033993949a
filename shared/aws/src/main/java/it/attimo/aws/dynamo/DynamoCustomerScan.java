package it.attimo.aws.dynamo;

import it.attimo.aws.json.ProfileJson;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.CustomerScan;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every customer with their event log, for reports: a paginated Scan of the profiles table and, per profile, a query
 * of that customer's events. Reads everything; never on the hot path.
 */
public final class DynamoCustomerScan implements CustomerScan {
    private final DynamoDbClient client;
    private final String profilesTable;
    private final DynamoEventLog events;

    public DynamoCustomerScan(DynamoDbClient client, String tablePrefix, DynamoEventLog events) {
        this.client = client;
        this.profilesTable = AttimoTables.name(tablePrefix, AttimoTables.PROFILES);
        this.events = events;
    }

    @Override
    public void forEach(Consumer<ScannedCustomer> visitor) {
        forEachProfile(profile -> visitor.accept(new ScannedCustomer(profile, events.history(profile.customerId()))));
    }

    /** The profiles table alone: one paginated Scan, no query per customer. */
    @Override
    public void forEachProfile(Consumer<Profile> visitor) {
        client.scanPaginator(b -> b.tableName(profilesTable))
                .items()
                .forEach(item -> visitor.accept(
                        ProfileJson.read(Items.text(item, "profile")).withVersion(Items.number(item, "version", 0))));
    }
}
