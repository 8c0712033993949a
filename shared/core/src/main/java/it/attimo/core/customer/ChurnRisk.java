package it.attimo.core.customer;

import java.util.List;
import java.util.Objects;

/**
 * A customer's risk of abandoning: {@code segment} high, medium or low, the probability of abandonment behind it
 * (0-1), and the reasons, in words (ids only). Seed 001: a delivery delayed over 72 h plus low interaction in the 48 h
 * after delivery is the high-risk segment, abandonment probability over 65%.
 */
public record ChurnRisk(String segment, double probability, List<String> reasons) {
    public static final String HIGH = "high";
    public static final String MEDIUM = "medium";
    public static final String LOW = "low";

    public static final ChurnRisk NONE = new ChurnRisk(LOW, 0.1, List.of());

    public ChurnRisk {
        Objects.requireNonNull(segment, "segment");
        if (!List.of(HIGH, MEDIUM, LOW).contains(segment))
            throw new IllegalArgumentException("churn segment must be high, medium or low");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean high() {
        return HIGH.equals(segment);
    }
}
