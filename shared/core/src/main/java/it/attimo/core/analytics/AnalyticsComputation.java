package it.attimo.core.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole customer-base analysis over a population as of an instant, pure: RFM (b2c customers; b2b accounts, the
 * customers of one company together), clusters, BG/NBD P(alive) and expected purchases, the churn model. The refresh
 * job feeds it from the event log; the benchmark feeds it synthetic customers.
 */
public final class AnalyticsComputation {
    /** Tunables: the BG/NBD prediction horizon (weeks), the churn horizon, the clustering seed. */
    public record Settings(double clvHorizonWeeks, Duration churnHorizon, long seed) {
        public static Settings defaults() {
            return new Settings(12, Duration.ofDays(30), 42);
        }
    }

    private final Settings settings;

    public AnalyticsComputation(Settings settings) {
        this.settings = settings;
    }

    public AnalyticsSnapshot compute(List<CustomerActivity> customers, Instant asOf) {
        int n = customers.size();
        String runId = asOf.toString();
        List<ObjectNode> rows = new ArrayList<>(n);
        for (CustomerActivity c : customers) {
            ObjectNode row = Json.object();
            row.put("customerId", c.customerId());
            row.put("segment", c.segment() == null ? null : c.segment().id());
            row.put("macroArea", c.macroArea());
            row.put("accountId", c.accountId());
            rows.add(row);
        }
        ObjectNode summary = Json.object();
        summary.put("runId", runId);
        summary.put("asOf", asOf.toString());
        summary.put("customers", n);

        List<ObjectNode> accounts = rfm(customers, rows, asOf, summary.putObject("rfm"));
        clusters(customers, rows, asOf, summary.putObject("clusters"));
        clv(customers, rows, asOf, summary.putObject("clv"));
        churn(customers, rows, asOf, summary.putObject("churn"));
        return new AnalyticsSnapshot(runId, summary, rows, accounts);
    }

    // ---- RFM ----

    private List<ObjectNode> rfm(
            List<CustomerActivity> customers, List<ObjectNode> rows, Instant asOf, ObjectNode out) {
        out.put("quintiles", "1 = worst, 5 = best; midrank / n, ties share a score");
        out.put("recencyUnit", "days");
        ArrayNode definitions = out.putArray("definitions");
        for (RfmSegment s : RfmSegment.values()) {
            definitions
                    .addObject()
                    .put("id", s.id())
                    .put("name", s.italian())
                    .put("nameEn", s.english())
                    .put("rule", s.rule());
        }
        // b2c: each customer with an order; b2b: each account (company) with an order
        List<RfmScorer.Input> consumers = new ArrayList<>();
        Map<String, Integer> consumerRow = new LinkedHashMap<>();
        Map<String, AccountTotals> accounts = new LinkedHashMap<>();
        for (int i = 0; i < customers.size(); i++) {
            CustomerActivity c = customers.get(i);
            List<Order> orders = c.ordersBefore(asOf.plusNanos(1));
            if (c.b2b()) {
                AccountTotals a = accounts.computeIfAbsent(c.accountId(), AccountTotals::new);
                a.customers++;
                a.rows.add(i);
                for (Order o : orders) a.add(o);
                if (c.employees() >= 0) a.employees = Math.max(a.employees, c.employees());
                continue;
            }
            if (orders.isEmpty()) continue;
            double monetary = orders.stream().mapToDouble(Order::total).sum();
            consumers.add(new RfmScorer.Input(
                    c.customerId(), days(orders.get(orders.size() - 1).time(), asOf), orders.size(), monetary));
            consumerRow.put(c.customerId(), i);
        }
        List<RfmScorer.Score> b2c = RfmScorer.score(consumers);
        for (RfmScorer.Score s : b2c) rows.get(consumerRow.get(s.input().id())).set("rfm", rfmJson(s));
        out.set("b2c", segmentCounts(b2c, "customers"));

        List<RfmScorer.Input> accountInputs = new ArrayList<>();
        for (AccountTotals a : accounts.values()) {
            if (a.orders > 0)
                accountInputs.add(new RfmScorer.Input(a.accountId, days(a.last, asOf), a.orders, a.value));
        }
        List<RfmScorer.Score> b2b = RfmScorer.score(accountInputs);
        List<ObjectNode> accountRows = new ArrayList<>();
        for (RfmScorer.Score s : b2b) {
            AccountTotals a = accounts.get(s.input().id());
            ObjectNode rfm = rfmJson(s);
            ObjectNode row = Json.object();
            row.put("accountId", a.accountId);
            row.put("customers", a.customers);
            if (a.employees >= 0) row.put("employees", a.employees);
            row.put("contractValue", round2(a.value));
            row.set("rfm", rfm);
            accountRows.add(row);
            for (int i : a.rows) rows.get(i).set("rfm", rfm.deepCopy().put("scope", "account"));
        }
        ObjectNode b2bOut = segmentCounts(b2b, "accounts");
        b2bOut.put("accountBy", "companyId of customer.upserted, else the customer itself");
        out.set("b2b", b2bOut);
        out.put(
                "withoutOrders",
                customers.size()
                        - b2c.size()
                        - accounts.values().stream()
                                .filter(a -> a.orders > 0)
                                .mapToInt(a -> a.customers)
                                .sum());
        return accountRows;
    }

    private static ObjectNode rfmJson(RfmScorer.Score s) {
        ObjectNode n = Json.object();
        n.put("recencyDays", round2(s.input().recencyDays()));
        n.put("frequency", s.input().frequency());
        n.put("monetary", round2(s.input().monetary()));
        n.put("r", s.r());
        n.put("f", s.f());
        n.put("m", s.m());
        n.put("score", s.code());
        n.put("segment", s.segment().id());
        n.put("segmentName", s.segment().italian());
        return n;
    }

    private static ObjectNode segmentCounts(List<RfmScorer.Score> scores, String unit) {
        Map<RfmSegment, Integer> counts = new EnumMap<>(RfmSegment.class);
        for (RfmSegment s : RfmSegment.values()) counts.put(s, 0);
        for (RfmScorer.Score s : scores) counts.merge(s.segment(), 1, Integer::sum);
        ObjectNode out = Json.object();
        out.put(unit, scores.size());
        ArrayNode list = out.putArray("segments");
        counts.forEach((segment, count) -> list.addObject()
                .put("id", segment.id())
                .put("name", segment.italian())
                .put("nameEn", segment.english())
                .put("count", count)
                .put("share", scores.isEmpty() ? 0 : round4((double) count / scores.size())));
        return out;
    }

    private static final class AccountTotals {
        final String accountId;
        final List<Integer> rows = new ArrayList<>();
        int customers;
        int orders;
        double value;
        Instant last;
        int employees = -1;

        AccountTotals(String accountId) {
            this.accountId = accountId;
        }

        void add(Order o) {
            orders++;
            value += o.total();
            if (last == null || o.time().isAfter(last)) last = o.time();
        }
    }

    // ---- clusters ----

    private void clusters(List<CustomerActivity> customers, List<ObjectNode> rows, Instant asOf, ObjectNode out) {
        CustomerClustering.Result result = new CustomerClustering(settings.seed()).cluster(customers, asOf);
        out.put("k", result.k());
        out.put("criterion", result.criterion());
        out.put(
                "axes",
                "characteristics (b2b, macro-area, size), behaviour (orders, spend, seasonality, channel, "
                        + "engagement, cross-selling), products (category mix); payment punctuality: no data");
        ObjectNode scores = out.putObject("scores");
        result.scores().forEach((k, s) -> scores.put(String.valueOf(k), s));
        ArrayNode list = out.putArray("clusters");
        for (CustomerClustering.Cluster c : result.clusters()) {
            ObjectNode node = list.addObject();
            node.put("id", c.id());
            node.put("size", c.size());
            node.put("share", c.share());
            node.put("label", c.label());
            node.put("labelEn", c.labelEn());
            node.put("description", c.description());
            node.put("descriptionEn", c.descriptionEn());
            ObjectNode profile = node.putObject("profile");
            c.profile().forEach(profile::put);
        }
        int[] assignment = result.assignment();
        for (int i = 0; i < assignment.length; i++) rows.get(i).put("cluster", assignment[i]);
    }

    // ---- BG/NBD ----

    private void clv(List<CustomerActivity> customers, List<ObjectNode> rows, Instant asOf, ObjectNode out) {
        out.put("model", "BG/NBD (Fader, Hardie and Lee 2005)");
        out.put("unit", "weeks");
        out.put("horizonWeeks", settings.clvHorizonWeeks());
        List<CustomerSummary> summaries = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            CustomerSummary s = PurchaseSummaries.of(customers.get(i), asOf);
            if (s == null) continue;
            summaries.add(s);
            at.add(i);
        }
        out.put("customers", summaries.size());
        boolean anyRepeat = summaries.stream().anyMatch(s -> s.frequency() > 0);
        BgNbdFitter.Fit fit;
        try {
            if (summaries.size() < 2 || !anyRepeat)
                throw new IllegalArgumentException("needs at least 2 buyers and one repeat purchase");
            fit = new BgNbdFitter().fit(summaries);
        } catch (IllegalArgumentException e) {
            out.put("status", "insufficient_data: " + e.getMessage());
            return;
        }
        out.put("status", "fitted");
        BgNbdParameters p = fit.parameters();
        out.putObject("params")
                .put("r", p.r())
                .put("alpha", p.alpha())
                .put("a", p.a())
                .put("b", p.b());
        out.put("logLikelihood", round2(fit.logLikelihood()));
        BgNbdModel model = fit.model();
        double total = 0;
        double alive = 0;
        for (int j = 0; j < summaries.size(); j++) {
            CustomerSummary s = summaries.get(j);
            double pAlive = model.probabilityAlive(s);
            double expected = model.expectedPurchases(s, settings.clvHorizonWeeks());
            total += expected;
            alive += pAlive;
            rows.get(at.get(j))
                    .putObject("clv")
                    .put("frequency", s.frequency())
                    .put("recency", round4(s.recency()))
                    .put("T", round4(s.age()))
                    .put("pAlive", round4(pAlive))
                    .put("expectedPurchases", round4(expected));
        }
        out.put("expectedPurchasesTotal", round2(total));
        out.put("meanPAlive", round4(alive / summaries.size()));
    }

    // ---- churn ----

    private void churn(List<CustomerActivity> customers, List<ObjectNode> rows, Instant asOf, ObjectNode out) {
        ChurnModel.Result result = new ChurnModel(settings.churnHorizon()).fitAndScore(customers, asOf);
        ChurnModel.Metrics m = result.metrics();
        out.put("model", "logistic regression (L2, IRLS), Platt-calibrated");
        out.put("label", "no order and no engagement in the horizon after the cutoff");
        out.put("status", m.status());
        out.put("horizonDays", round4(m.horizon().getSeconds() / 86_400.0));
        out.put("trainCutoff", m.trainCutoff() == null ? null : m.trainCutoff().toString());
        out.put("testCutoff", m.testCutoff() == null ? null : m.testCutoff().toString());
        out.put("trainRows", m.trainRows());
        out.put("calibrationRows", m.calibrationRows());
        out.put("testRows", m.testRows());
        out.put("trainChurnRate", m.trainChurnRate());
        out.put("testChurnRate", m.testChurnRate());
        out.put("auc", m.auc());
        out.put("brier", m.brier());
        out.put("brierUncalibrated", m.brierUncalibrated());
        out.put("calibrated", m.calibrated());
        ObjectNode coefficients = out.putObject("coefficients");
        m.coefficients().forEach(coefficients::put);
        out.put(
                "rule",
                "seed 001: delivery late over 72 h plus low interaction in the 48 h after delivery → high risk "
                        + "(> 65%); it lives on the profile as churn");
        double[] p = result.probabilities();
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) continue;
            rows.get(i)
                    .putObject("churnModel")
                    .put("probability", round4(p[i]))
                    .put("calibrated", m.calibrated())
                    .put("horizonDays", round4(m.horizon().getSeconds() / 86_400.0));
        }
    }

    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds() / 86_400.0);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
