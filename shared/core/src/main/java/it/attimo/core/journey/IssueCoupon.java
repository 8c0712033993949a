package it.attimo.core.journey;

import it.attimo.core.coupon.Coupon;
import it.attimo.core.coupon.CouponCodes;
import it.attimo.core.port.CouponStore;
import it.attimo.core.port.ProfileStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code coupon}: issues the step's single-use coupon, keyed by execution and step, so a retried step returns the code
 * it issued the first time. Returns {@code {"code": ..., "status": "issued"}}, or {@code skipped} for a customer with
 * no profile.
 */
public final class IssueCoupon {
    static final int ATTEMPTS = 5;
    private final ProfileStore profiles;
    private final CouponStore coupons;
    private final CouponCodes codes;
    private final Clock clock;

    public IssueCoupon(ProfileStore profiles, CouponStore coupons, CouponCodes codes, Clock clock) {
        this.profiles = profiles;
        this.coupons = coupons;
        this.codes = codes;
        this.clock = clock;
    }

    public Map<String, Object> issue(CouponStep p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (profiles.find(p.customerId()).isEmpty()) {
            out.put("status", "skipped");
            out.put("reason", "no profile (erased or unknown)");
            return out;
        }
        String key = p.executionName() + "#" + p.step();
        for (int attempt = 1; ; attempt++) {
            try {
                Coupon c = coupons.issue(new Coupon(
                        codes.next(),
                        key,
                        p.customerId(),
                        p.orderId(),
                        p.reason() == null ? p.step() : p.reason(),
                        clock.instant(),
                        null,
                        null));
                out.put("status", "issued");
                out.put("code", c.code());
                return out;
            } catch (CouponStore.CodeTakenException e) {
                if (attempt >= ATTEMPTS)
                    throw new TransientJourneyException("no free coupon code after " + ATTEMPTS + " draws", e);
            }
        }
    }
}
