package it.attimo.core.port;

import it.attimo.core.coupon.Coupon;
import it.attimo.core.coupon.Redemption;
import java.time.Instant;
import java.util.Optional;

/**
 * Single-use coupons (the apology for a late delivery). Codes are unique; a coupon is issued once per issue key (a
 * retried step gets the code it got the first time) and redeemed at most once, by a conditional write.
 */
public interface CouponStore {
    /**
     * Stores {@code candidate} unless a coupon was already issued for its issue key, and returns the coupon that holds
     * that key (the candidate, or the one issued before).
     *
     * @throws CodeTakenException if the candidate's code belongs to another coupon (draw another code)
     */
    Coupon issue(Coupon candidate);

    Optional<Coupon> find(String code);

    /** Redeems the coupon for {@code orderId}, once: a second order gets {@link Redemption.Outcome#ALREADY_REDEEMED}. */
    Redemption redeem(String code, String customerId, String orderId, Instant at);

    /** Thrown by {@link #issue} when the code is already used. */
    final class CodeTakenException extends RuntimeException {
        public CodeTakenException(String code) {
            super("coupon code already used");
        }
    }

    /** Where no coupon store is wired: every code is unknown, nothing is issued. */
    CouponStore NONE = new CouponStore() {
        @Override
        public Coupon issue(Coupon candidate) {
            throw new IllegalStateException("no coupon store is configured");
        }

        @Override
        public Optional<Coupon> find(String code) {
            return Optional.empty();
        }

        @Override
        public Redemption redeem(String code, String customerId, String orderId, Instant at) {
            return new Redemption(Redemption.Outcome.UNKNOWN, null);
        }
    };
}
