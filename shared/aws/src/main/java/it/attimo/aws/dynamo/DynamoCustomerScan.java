package it.attimo.aws.dynamo;

import it.attimo.aws.json.ProfileJson;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.CustomerScan;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every customer with their event log, for reports: a paginated Scan of the profiles table joined with a Scan of the
 * event log (or, for a log too large to hold, a Query of each customer's events). Reads everything; never on the hot
 * path.
 */
public final class DynamoCustomerScan implements CustomerScan {
    private final DynamoDbClient client;
    private final String profilesTable;
    private final DynamoEventLog events;
    private final int maxBufferedEvents;

    /**
     * At ~1 KB of JSON an event and about as much again for the SDK's item maps, ~100 MB held at most: well inside the
     * refresh function's 1,024 MB.
     */
    public static final int MAX_BUFFERED_EVENTS = 50_000;

    public DynamoCustomerScan(DynamoDbClient client, String tablePrefix, DynamoEventLog events) {
        this(client, tablePrefix, events, MAX_BUFFERED_EVENTS);
    }

    public DynamoCustomerScan(DynamoDbClient client, String tablePrefix, DynamoEventLog events, int maxBufferedEvents) {
        this.client = client;
        this.profilesTable = AttimoTables.name(tablePrefix, AttimoTables.PROFILES);
        this.events = events;
        this.maxBufferedEvents = maxBufferedEvents;
    }

    /**
     * When the event log holds at most {@link #MAX_BUFFERED_EVENTS} items it is read by one Scan beside the profiles'
     * (a few pages instead of a Query per customer); above that, one Query per profile keeps memory bounded.
     */
    @Override
    public void forEach(Consumer<ScannedCustomer> visitor) {
        var everyLog = events.everyPartition(maxBufferedEvents);
        if (everyLog.isPresent()) {
            Map<String, List<Map<String, AttributeValue>>> logs = everyLog.get();
            forEachProfile(profile -> visitor.accept(new ScannedCustomer(
                    profile, DynamoEventLog.events(logs.getOrDefault(profile.customerId(), List.of())))));
            return;
        }
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
