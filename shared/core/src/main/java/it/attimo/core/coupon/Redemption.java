package it.attimo.core.coupon;

/** What redeeming a code did, and the coupon as it now stands (null when the code is unknown). */
public record Redemption(Outcome outcome, Coupon coupon) {
    public enum Outcome {
        /** redeemed now by this order (or this same order again: a redelivered event changes nothing) */
        REDEEMED,
        /** redeemed before by another order: this one gets nothing, the coupon stays with the first */
        ALREADY_REDEEMED,
        /** the code belongs to another customer: refused */
        NOT_YOURS,
        /** no such code */
        UNKNOWN
    }
}
