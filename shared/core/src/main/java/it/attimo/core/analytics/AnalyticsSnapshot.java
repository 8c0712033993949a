package it.attimo.core.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One refresh's results: a small {@code summary} (segment counts, clusters, BG/NBD parameters, churn metrics; shape
 * in docs/analytics.md) and the per-row tables it summarises: {@link #CUSTOMERS} (one row per customer),
 * {@link #ACCOUNTS} (one row per b2b account), and further named tables (the dashboard's
 * {@link it.attimo.core.insights.EngagementDays} days and heat rows).
 */
public record AnalyticsSnapshot(
        String runId,
        ObjectNode summary,
        List<ObjectNode> customers,
        List<ObjectNode> accounts,
        Map<String, List<ObjectNode>> others) {
    public static final String CUSTOMERS = "customers";
    public static final String ACCOUNTS = "accounts";

    public AnalyticsSnapshot {
        customers = List.copyOf(customers);
        accounts = List.copyOf(accounts);
        Map<String, List<ObjectNode>> copy = new LinkedHashMap<>();
        others.forEach((name, rows) -> copy.put(name, List.copyOf(rows)));
        others = java.util.Collections.unmodifiableMap(copy);
    }

    public AnalyticsSnapshot(String runId, ObjectNode summary, List<ObjectNode> customers, List<ObjectNode> accounts) {
        this(runId, summary, customers, accounts, Map.of());
    }

    /** Every table's name: customers, accounts, then the others. */
    public List<String> tableNames() {
        List<String> names = new ArrayList<>(List.of(CUSTOMERS, ACCOUNTS));
        names.addAll(others.keySet());
        return names;
    }

    public List<ObjectNode> table(String name) {
        return switch (name) {
            case CUSTOMERS -> customers;
            case ACCOUNTS -> accounts;
            default -> {
                List<ObjectNode> rows = others.get(name);
                if (rows == null) throw new IllegalArgumentException("no analytics table " + name);
                yield rows;
            }
        };
    }
}
