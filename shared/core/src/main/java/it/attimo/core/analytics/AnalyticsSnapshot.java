package it.attimo.core.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One refresh's results: a small {@code summary} (segment counts, clusters, BG/NBD parameters, churn metrics; shape
 * in docs/analytics.md) and the per-row tables it summarises: {@link #CUSTOMERS} (one row per customer) and
 * {@link #ACCOUNTS} (one row per b2b account).
 */
public record AnalyticsSnapshot(
        String runId, ObjectNode summary, List<ObjectNode> customers, List<ObjectNode> accounts) {
    public static final String CUSTOMERS = "customers";
    public static final String ACCOUNTS = "accounts";

    public AnalyticsSnapshot {
        customers = List.copyOf(customers);
        accounts = List.copyOf(accounts);
    }

    public List<ObjectNode> table(String name) {
        return switch (name) {
            case CUSTOMERS -> customers;
            case ACCOUNTS -> accounts;
            default -> throw new IllegalArgumentException("no analytics table " + name);
        };
    }
}
