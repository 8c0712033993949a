package it.attimo.aws.dynamo;

import it.attimo.core.coupon.Coupon;
import it.attimo.core.coupon.Redemption;
import it.attimo.core.port.CouponStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Coupons in one table keyed by {@code couponKey}: {@code code#<code>} holds the coupon, {@code issue#<issue key>}
 * points at the code issued for that execution step. Issuing writes both in one transaction, each only if absent, so a
 * code is never given twice and a retried step finds its first code. Redeeming is a conditional update that only an
 * unredeemed coupon (or the same order again) passes.
 */
public final class DynamoCouponStore implements CouponStore {
    private static final String KEY = "couponKey";
    private final DynamoDbClient client;
    private final String table;

    public DynamoCouponStore(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.COUPONS);
    }

    @Override
    public Coupon issue(Coupon c) {
        Map<String, AttributeValue> coupon = new HashMap<>();
        coupon.put(KEY, Items.s("code#" + c.code()));
        coupon.put("code", Items.s(c.code()));
        coupon.put("issueKey", Items.s(c.issueKey()));
        coupon.put("customerId", Items.s(c.customerId()));
        Items.putIfPresent(coupon, "orderId", c.orderId());
        Items.putIfPresent(coupon, "reason", c.reason());
        Items.putIfPresent(coupon, "issuedAt", c.issuedAt());
        Map<String, AttributeValue> issue = Map.of(KEY, Items.s("issue#" + c.issueKey()), "code", Items.s(c.code()));
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(absent(issue)).build(),
                    TransactWriteItem.builder().put(absent(coupon)).build()));
            return c;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                Map<String, AttributeValue> existing = get("issue#" + c.issueKey());
                if (existing != null) {
                    String code = Items.text(existing, "code");
                    return find(code).orElseThrow(() -> new IllegalStateException("issued coupon has no item"));
                }
            }
            if (reasons.size() > 1
                    && "ConditionalCheckFailed".equals(reasons.get(1).code())) throw new CodeTakenException(c.code());
            throw e;
        }
    }

    private Put absent(Map<String, AttributeValue> item) {
        return Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(" + KEY + ")")
                .build();
    }

    @Override
    public Optional<Coupon> find(String code) {
        if (code == null || code.isBlank()) return Optional.empty();
        Map<String, AttributeValue> item = get("code#" + code);
        return item == null ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Redemption redeem(String code, String customerId, String orderId, Instant at) {
        if (code == null || orderId == null) return new Redemption(Redemption.Outcome.UNKNOWN, null);
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(Map.of(KEY, Items.s("code#" + code)))
                    .updateExpression("SET redeemedBy = :o, redeemedAt = if_not_exists(redeemedAt, :t)")
                    .conditionExpression("attribute_exists(" + KEY + ") AND customerId = :c"
                            + " AND (attribute_not_exists(redeemedBy) OR redeemedBy = :o)")
                    .expressionAttributeValues(Map.of(
                            ":o", Items.s(orderId),
                            ":t", Items.s(at.toString()),
                            ":c", Items.s(customerId))));
            return new Redemption(Redemption.Outcome.REDEEMED, find(code).orElse(null));
        } catch (ConditionalCheckFailedException e) {
            Optional<Coupon> coupon = find(code);
            if (coupon.isEmpty()) return new Redemption(Redemption.Outcome.UNKNOWN, null);
            if (!coupon.get().customerId().equals(customerId))
                return new Redemption(Redemption.Outcome.NOT_YOURS, null);
            return new Redemption(Redemption.Outcome.ALREADY_REDEEMED, coupon.get());
        }
    }

    private Map<String, AttributeValue> get(String key) {
        Map<String, AttributeValue> item = client.getItem(
                        b -> b.tableName(table).key(Map.of(KEY, Items.s(key))).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static Coupon fromItem(Map<String, AttributeValue> item) {
        return new Coupon(
                Items.text(item, "code"),
                Items.text(item, "issueKey"),
                Items.text(item, "customerId"),
                Items.text(item, "orderId"),
                Items.text(item, "reason"),
                instant(item, "issuedAt"),
                Items.text(item, "redeemedBy"),
                instant(item, "redeemedAt"));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = Items.text(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
