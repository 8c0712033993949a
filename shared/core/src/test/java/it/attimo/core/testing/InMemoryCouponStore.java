package it.attimo.core.testing;

import it.attimo.core.coupon.Coupon;
import it.attimo.core.coupon.Redemption;
import it.attimo.core.port.CouponStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Coupons in maps, with the same rules as the DynamoDB store: one code per issue key, one redemption per coupon. */
public final class InMemoryCouponStore implements CouponStore {
    private final Map<String, Coupon> byCode = new LinkedHashMap<>();
    private final Map<String, String> byIssueKey = new LinkedHashMap<>();

    @Override
    public synchronized Coupon issue(Coupon candidate) {
        String existing = byIssueKey.get(candidate.issueKey());
        if (existing != null) return byCode.get(existing);
        if (byCode.containsKey(candidate.code())) throw new CodeTakenException(candidate.code());
        byCode.put(candidate.code(), candidate);
        byIssueKey.put(candidate.issueKey(), candidate.code());
        return candidate;
    }

    @Override
    public synchronized Optional<Coupon> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    @Override
    public synchronized Redemption redeem(String code, String customerId, String orderId, Instant at) {
        Coupon c = byCode.get(code);
        if (c == null) return new Redemption(Redemption.Outcome.UNKNOWN, null);
        if (!c.customerId().equals(customerId)) return new Redemption(Redemption.Outcome.NOT_YOURS, null);
        if (c.redeemed() && !c.redeemedBy().equals(orderId))
            return new Redemption(Redemption.Outcome.ALREADY_REDEEMED, c);
        Coupon redeemed = new Coupon(
                c.code(),
                c.issueKey(),
                c.customerId(),
                c.orderId(),
                c.reason(),
                c.issuedAt(),
                orderId,
                c.redeemedAt() == null ? at : c.redeemedAt());
        byCode.put(code, redeemed);
        return new Redemption(Redemption.Outcome.REDEEMED, redeemed);
    }

    public synchronized int size() {
        return byCode.size();
    }
}
