package it.attimo.aws.dynamo;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.ContactKeys;
import it.attimo.core.port.ContactLookup;
import it.attimo.core.port.ContactStore;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Contact details in their own table, so erasing a person is one delete and profiles carry no personal data. Each
 * item also carries the digests of its phone and e-mail ({@link ContactKeys}), indexed, so an inbound SMS or a
 * Mailchimp member finds its customers without the address being a key anywhere.
 */
public final class DynamoContactStore implements ContactStore, ContactLookup {
    private final DynamoDbClient client;
    private final String table;

    public DynamoContactStore(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.CONTACTS);
    }

    @Override
    public void put(Contact contact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(contact.customerId()));
        Items.putIfPresent(item, "email", contact.email());
        Items.putIfPresent(item, "phone", contact.phone());
        Items.putIfPresent(item, "pushToken", contact.pushToken());
        Items.putIfPresent(item, "firstName", contact.firstName());
        Items.putIfPresent(item, "phoneKey", ContactKeys.phoneKey(contact.phone()));
        Items.putIfPresent(item, "emailKey", ContactKeys.emailKey(contact.email()));
        if (!contact.unreachable().isEmpty()) {
            item.put(
                    "unreachable",
                    AttributeValue.fromSs(contact.unreachable().stream()
                            .map(Channel::id)
                            .sorted()
                            .toList()));
        }
        client.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<Contact> find(String customerId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                        .key(Items.key("customerId", customerId))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        Set<Channel> unreachable = EnumSet.noneOf(Channel.class);
        AttributeValue dead = item.get("unreachable");
        if (dead != null && dead.hasSs()) dead.ss().forEach(id -> unreachable.add(Channel.parse(id)));
        return Optional.of(new Contact(
                customerId,
                Items.text(item, "email"),
                Items.text(item, "phone"),
                Items.text(item, "pushToken"),
                Items.text(item, "firstName"),
                unreachable));
    }

    @Override
    public List<String> customersByPhone(String phone) {
        return byKey(AttimoTables.PHONE_INDEX, "phoneKey", ContactKeys.phoneKey(phone));
    }

    @Override
    public List<String> customersByEmail(String email) {
        return byKey(AttimoTables.EMAIL_INDEX, "emailKey", ContactKeys.emailKey(email));
    }

    private List<String> byKey(String index, String attribute, String key) {
        if (key == null) return List.of();
        return client
                .queryPaginator(b -> b.tableName(table)
                        .indexName(index)
                        .keyConditionExpression("#k = :k")
                        .expressionAttributeNames(Map.of("#k", attribute))
                        .expressionAttributeValues(Map.of(":k", Items.s(key)))
                        .projectionExpression("customerId"))
                .items()
                .stream()
                .map(i -> i.get("customerId").s())
                .sorted()
                .toList();
    }

    @Override
    public void delete(String customerId) {
        client.deleteItem(b -> b.tableName(table).key(Items.key("customerId", customerId)));
    }
}
