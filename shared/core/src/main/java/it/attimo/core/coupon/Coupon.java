package it.attimo.core.coupon;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use coupon: its code, why it was issued ({@code issueKey}: execution and step), for whom and which order,
 * and, once redeemed, by which order and when. Ids only.
 */
public record Coupon(
        String code,
        String issueKey,
        String customerId,
        String orderId,
        String reason,
        Instant issuedAt,
        String redeemedBy,
        Instant redeemedAt) {
    public Coupon {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(issueKey, "issueKey");
        Objects.requireNonNull(customerId, "customerId");
    }

    public boolean redeemed() {
        return redeemedBy != null;
    }

    public String status() {
        return redeemed() ? "redeemed" : "issued";
    }
}
