package it.attimo.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsQueries.Answer;
import it.attimo.core.analytics.AnalyticsQueries.Csv;
import it.attimo.core.analytics.AnalyticsQueries.Request;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.insights.EngagementDays.Sum;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.journey.Milestone;
import it.attimo.core.json.Json;
import it.attimo.core.port.AnalyticsStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code GET /insights/heatmap} and {@code GET /insights/overview}: the rows the scheduled analytics refresh stored
 * ({@link EngagementDays}), filtered by {@link InsightsFilters} and added up per request; nothing else is computed at
 * read time. The cost per contact prices each channel's sends at {@code prices} (EUR per message, configured by
 * {@code attimo.insights.prices}).
 */
public final class InsightsReports {
    /** EUR per message by channel when none is configured: SES e-mail, an Italian SMS, an SNS mobile push. */
    public static final Map<String, Double> DEFAULT_PRICES = Map.of("email", 0.0009, "sms", 0.0645, "push", 0.0005);

    private static final Set<String> METRICS = Set.of("sends", "opens", "clicks");
    private static final int BLOCK = 1000;

    private final AnalyticsStore store;
    private final Clock clock;
    private final Map<String, Double> prices;
    private final JourneyDefinition onboarding;

    public InsightsReports(
            AnalyticsStore store, Clock clock, Map<String, Double> prices, JourneyDefinition onboarding) {
        this.store = store;
        this.clock = clock;
        this.prices = Map.copyOf(prices);
        this.onboarding = onboarding;
    }

    /** Parses {@code email=0.001,sms=0.06}; blank gives {@link #DEFAULT_PRICES}. */
    public static Map<String, Double> parsePrices(String spec) {
        if (spec == null || spec.isBlank()) return DEFAULT_PRICES;
        Map<String, Double> out = new TreeMap<>(DEFAULT_PRICES);
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) continue;
            String[] kv = entry.split("=", 2);
            try {
                double v = Double.parseDouble(kv[1].trim());
                if (v < 0 || Double.isNaN(v)) throw new NumberFormatException();
                out.put(kv[0].trim().toLowerCase(Locale.ROOT), v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "price entry '" + entry.trim() + "' is not channel=EUR (e.g. sms=0.06)", e);
            }
        }
        return out;
    }

    // ---- heatmap ----

    public Answer heatmap(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of("metric", "from", "to", "segment", "area", "cluster"));
        String metric = q.text("metric", "sends").toLowerCase(Locale.ROOT);
        if (!METRICS.contains(metric))
            throw new BadRequest("metric must be sends, opens or clicks, got '" + q.text("metric", null) + "'");
        InsightsFilters f = InsightsFilters.of(q, clock.instant(), true);
        int index = List.of("sends", "opens", "clicks").indexOf(metric);
        long[][] cells = new long[8][24];
        ObjectNode summary = read(
                EngagementDays.HEAT,
                f,
                row -> row.path("hours").fields().forEachRemaining(h -> {
                    int weekday = row.path("weekday").asInt();
                    cells[weekday][Integer.parseInt(h.getKey())] +=
                            h.getValue().path(index).asLong();
                }));
        long total = 0;
        long max = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                long c = cells[day][hour];
                total += c;
                max = Math.max(max, c);
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("weekday", day);
                cell.put("hour", hour);
                cell.put("count", c);
                rows.add(cell);
            }
        }
        if (q.csv())
            return new Answer(
                    Answer.CSV, Csv.write(List.of("weekday", "hour", "count"), rows), "heatmap-" + metric + ".csv");
        ObjectNode out = Json.object();
        out.put("metric", metric);
        out.put("timezone", "Europe/Rome");
        out.set("generatedAt", summary.path("generatedAt"));
        out.set("period", f.period());
        out.set("filters", f.json(true));
        ArrayNode list = out.putArray("cells");
        rows.forEach(r -> list.add(Json.valueToTree(r)));
        out.put("total", total);
        out.put("max", max);
        return new Answer(Answer.JSON, out.toString(), null);
    }

    // ---- alerts ----

    /** {@code GET /insights/alerts}: the latest refresh's alerts (none before the first refresh). */
    public Answer alerts(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of());
        java.util.Optional<ObjectNode> summary = store.latestSummary();
        JsonNode alerts = summary.map(s -> s.path("alerts")).orElse(Json.MAPPER.createArrayNode());
        if (q.csv()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode a : alerts) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", a.path("id").asText());
                row.put("kind", a.path("kind").asText());
                row.put("severity", a.path("severity").asText());
                row.put("detectedAt", a.path("detectedAt").asText());
                row.put("message", a.path("message").path("it").asText());
                rows.add(row);
            }
            return new Answer(
                    Answer.CSV,
                    Csv.write(List.of("id", "kind", "severity", "detectedAt", "message"), rows),
                    "alerts.csv");
        }
        ObjectNode out = Json.object();
        out.set("generatedAt", summary.map(s -> s.path("generatedAt")).orElse(Json.MAPPER.nullNode()));
        out.set("alerts", alerts.isArray() ? alerts : Json.MAPPER.createArrayNode());
        return new Answer(Answer.JSON, out.toString(), null);
    }

    // ---- overview ----

    public Answer overview(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of("from", "to", "segment", "area"));
        InsightsFilters f = InsightsFilters.of(q, clock.instant(), false);
        Map<String, Double> sums = new TreeMap<>();
        Map<String, Map<String, Double>> byGroup = new TreeMap<>();
        ObjectNode summary = read(EngagementDays.DAYS, f, row -> {
            String group = row.path("segment").asText("?") + "|"
                    + row.path("macroArea").asText("?");
            Map<String, Double> g = byGroup.computeIfAbsent(group, k -> new TreeMap<>());
            row.path("sums").fields().forEachRemaining(e -> {
                sums.merge(e.getKey(), e.getValue().asDouble(), Double::sum);
                g.merge(e.getKey(), e.getValue().asDouble(), Double::sum);
            });
        });
        double[] slots = new double[168];
        read(
                EngagementDays.HEAT,
                f,
                row -> row.path("hours").fields().forEachRemaining(h -> {
                    slots[(row.path("weekday").asInt() - 1) * 24 + Integer.parseInt(h.getKey())] +=
                            h.getValue().path(1).asDouble();
                }));
        List<ObjectNode> kpis = kpis(sums, byGroup, slots, f);
        if (q.csv()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ObjectNode k : kpis) {
                rows.add(csvRow(k, null));
                for (JsonNode b : k.path("breakdown")) rows.add(csvRow(k, b));
            }
            return new Answer(
                    Answer.CSV,
                    Csv.write(List.of("id", "group", "breakdown", "label", "value", "unit", "sample"), rows),
                    "overview.csv");
        }
        ObjectNode out = Json.object();
        out.set("generatedAt", summary.path("generatedAt"));
        out.set("period", f.period());
        out.set("filters", f.json(false));
        ArrayNode list = out.putArray("kpis");
        kpis.forEach(list::add);
        return new Answer(Answer.JSON, out.toString(), null);
    }

    private List<ObjectNode> kpis(
            Map<String, Double> s, Map<String, Map<String, Double>> byGroup, double[] slots, InsightsFilters f) {
        List<ObjectNode> k = new ArrayList<>();
        k.add(kpi(
                "onboarding.completionHours",
                "onboarding",
                "Tempo di completamento dei moduli",
                "Module completion time",
                "Ore medie tra l'inizio e il completamento dei moduli chiave (primo modulo, profilo) per i clienti b2b "
                        + "registrati nel periodo.",
                "Mean hours from starting to completing the key modules (first module, profile), for b2b customers "
                        + "registered in the period.",
                ratio(s, Sum.ONB_COMPLETION_HOURS, Sum.ONB_COMPLETIONS, 1),
                "h",
                s.get(Sum.ONB_COMPLETIONS)));
        ObjectNode abandonment = kpi(
                "onboarding.abandonmentByPhase",
                "onboarding",
                "Abbandono per fase",
                "Abandonment by phase",
                "Quota dei clienti entrati in una fase che non l'hanno completata (media delle fasi; dettaglio per "
                        + "fase). Chi è ancora nelle 72 ore conta come non completato.",
                "Share of customers who entered a phase and did not complete it (mean of the phases; per phase "
                        + "below). Customers still inside the 72 h count as not done.",
                null,
                "%",
                s.get(Sum.ONB_CUSTOMERS));
        ArrayNode phases = abandonment.putArray("breakdown");
        double sumRates = 0;
        int counted = 0;
        if (onboarding != null) {
            for (Milestone m : onboarding.milestones()) {
                if (m.entered() == null) continue;
                double entered = s.getOrDefault(Sum.ONB_PHASE_PREFIX + m.name() + ".entered", 0.0);
                double done = s.getOrDefault(Sum.ONB_PHASE_PREFIX + m.name() + ".done", 0.0);
                Double rate = entered == 0 ? null : round(100 * (entered - done) / entered, 1);
                if (rate != null) {
                    sumRates += rate;
                    counted++;
                }
                ObjectNode b = phases.addObject().put("key", m.name());
                b.putObject("label").put("it", m.name()).put("en", m.name());
                b.put("value", rate);
                b.put("sample", (long) entered);
            }
        }
        abandonment.put("value", counted == 0 ? null : round(sumRates / counted, 1));
        k.add(abandonment);
        Double support = s.containsKey(Sum.ONB_SUPPORT) ? round(s.get(Sum.ONB_SUPPORT) / (f.days() / 7.0), 2) : null;
        k.add(kpi(
                "onboarding.supportPerWeek",
                "onboarding",
                "Interazioni con il supporto a settimana",
                "Support interactions per week",
                "Contatti al supporto (support.contacted) dei clienti in onboarding, per settimana del periodo.",
                "Support contacts (support.contacted) by onboarding customers, per week of the period.",
                support,
                "per-week",
                s.get(Sum.ONB_SUPPORT)));
        k.add(kpi(
                "onboarding.guideCompletion",
                "onboarding",
                "Completamento della guida",
                "Guide completion",
                "Quota dei clienti registrati nel periodo che hanno completato i contenuti guida (video guida).",
                "Share of customers registered in the period who completed the guide content (guide video).",
                percent(s, Sum.ONB_GUIDE, Sum.ONB_CUSTOMERS),
                "%",
                s.get(Sum.ONB_CUSTOMERS)));
        k.add(kpi(
                "postPurchase.contacted24h",
                "post-purchase",
                "Contattati entro 24 ore",
                "Contacted within 24 h",
                "Quota delle consegne del periodo seguite da un messaggio inviato entro 24 ore.",
                "Share of the period's deliveries followed by a message sent within 24 hours.",
                percent(s, Sum.CONTACTED_24H, Sum.DELIVERED),
                "%",
                s.get(Sum.DELIVERED)));
        k.add(kpi(
                "postPurchase.contacted72h",
                "post-purchase",
                "Contattati entro 72 ore",
                "Contacted within 72 h",
                "Quota delle consegne del periodo seguite da un messaggio inviato entro 72 ore.",
                "Share of the period's deliveries followed by a message sent within 72 hours.",
                percent(s, Sum.CONTACTED_72H, Sum.DELIVERED),
                "%",
                s.get(Sum.DELIVERED)));
        k.add(kpi(
                "postPurchase.csat",
                "post-purchase",
                "CSAT",
                "CSAT",
                "Quota delle risposte CSAT (1-5) con voto 4 o 5.",
                "Share of CSAT answers (1-5) scoring 4 or 5.",
                percent(s, Sum.CSAT_SATISFIED, Sum.CSAT_ANSWERS),
                "%",
                s.get(Sum.CSAT_ANSWERS)));
        ObjectNode nps = kpi(
                "postPurchase.nps",
                "post-purchase",
                "NPS",
                "NPS",
                "Net Promoter Score: % promotori (9-10) meno % detrattori (0-6), da -100 a 100; per segmento e "
                        + "macro-area.",
                "Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from -100 to 100; by segment and "
                        + "macro-area.",
                nps(s),
                "score",
                s.get(Sum.NPS_ANSWERS));
        ArrayNode npsBreakdown = nps.putArray("breakdown");
        byGroup.forEach((group, g) -> {
            if (!g.containsKey(Sum.NPS_ANSWERS)) return;
            String[] parts = group.split("\\|", -1);
            String label = parts[0] + " · " + parts[1];
            ObjectNode b = npsBreakdown.addObject().put("key", group);
            b.put("segment", parts[0]);
            b.put("area", parts[1]);
            b.putObject("label").put("it", label).put("en", label);
            b.put("value", nps(g));
            b.put("sample", g.get(Sum.NPS_ANSWERS).longValue());
        });
        k.add(nps);
        k.add(kpi(
                "postPurchase.guideCompletion",
                "post-purchase",
                "Completamento della guida post-acquisto",
                "Post-purchase guide completion",
                "Quota delle consegne (di almeno 14 giorni fa) seguite entro 14 giorni da un video guardato o un "
                        + "contenuto scaricato.",
                "Share of deliveries (at least 14 days old) followed within 14 days by a watched video or a "
                        + "downloaded content.",
                percent(s, Sum.PP_GUIDE, Sum.DELIVERED_14D),
                "%",
                s.get(Sum.DELIVERED_14D)));
        k.add(kpi(
                "postPurchase.repurchase7to14",
                "post-purchase",
                "Riacquisto in 7-14 giorni",
                "Repurchase in 7-14 days",
                "Quota delle consegne (di almeno 14 giorni fa) seguite da un nuovo ordine tra 7 e 14 giorni dopo.",
                "Share of deliveries (at least 14 days old) followed by a new order 7 to 14 days later.",
                percent(s, Sum.REPURCHASED, Sum.DELIVERED_14D),
                "%",
                s.get(Sum.DELIVERED_14D)));
        k.add(kpi(
                "timing.openRate",
                "timing",
                "Tasso di apertura",
                "Open rate",
                "Quota dei messaggi inviati nel periodo con un'apertura registrata.",
                "Share of the messages sent in the period with an open recorded.",
                percent(s, Sum.OPENED, Sum.SENT),
                "%",
                s.get(Sum.SENT)));
        k.add(kpi(
                "timing.optimalSlotShare",
                "timing",
                "Interazioni nella fascia ottimale",
                "Interactions in the optimal slot",
                "Quota di aperture e clic avvenuti nella fascia d'oro del canale (e-mail 10-12, SMS 15-16, push "
                        + "16-18, ora di Roma).",
                "Share of opens and clicks in the channel's golden hour (email 10-12, SMS 15-16, push 16-18, Rome "
                        + "time).",
                percent(s, Sum.OPTIMAL, Sum.INTERACTIONS),
                "%",
                s.get(Sum.INTERACTIONS)));
        k.add(kpi(
                "timing.meanResponseHours",
                "timing",
                "Tempo medio di risposta",
                "Mean response time",
                "Ore medie tra l'invio e la prima apertura o il primo clic del messaggio.",
                "Mean hours from the send to the message's first open or click.",
                ratio(s, Sum.RESPONSE_HOURS, Sum.RESPONSES, 2),
                "h",
                s.get(Sum.RESPONSES)));
        double opens = 0;
        for (double v : slots) opens += v;
        Double std = null;
        if (opens > 0) {
            double mean = opens / slots.length;
            double var = 0;
            for (double v : slots) var += (v - mean) * (v - mean);
            std = round(Math.sqrt(var / slots.length), 2);
        }
        k.add(kpi(
                "timing.opensPerSlotStdDev",
                "timing",
                "Deviazione standard delle aperture per fascia",
                "Standard deviation of opens per slot",
                "Deviazione standard del numero di aperture nelle 168 fasce ora × giorno della settimana (ora di "
                        + "Roma) del periodo.",
                "Standard deviation of the number of opens across the period's 168 hour × weekday slots (Rome "
                        + "time).",
                std,
                "count",
                opens));
        ObjectNode cost = kpi(
                "timing.costPerContact",
                "timing",
                "Costo per contatto",
                "Cost per contact",
                "Costo medio di un messaggio inviato: invii per canale × prezzo del canale (attimo.insights.prices) "
                        + "diviso gli invii.",
                "Mean cost of a sent message: sends per channel × the channel's price (attimo.insights.prices) "
                        + "over the sends.",
                null,
                "EUR",
                s.get(Sum.SENT));
        double spent = 0;
        ArrayNode costBreakdown = cost.putArray("breakdown");
        for (Map.Entry<String, Double> p : new TreeMap<>(prices).entrySet()) {
            double n = s.getOrDefault(Sum.SENT_PREFIX + p.getKey(), 0.0);
            spent += n * p.getValue();
            ObjectNode b = costBreakdown.addObject().put("key", p.getKey());
            b.putObject("label").put("it", p.getKey()).put("en", p.getKey());
            b.put("value", p.getValue());
            b.put("sample", (long) n);
        }
        double sent = s.getOrDefault(Sum.SENT, 0.0);
        cost.put("value", sent == 0 ? null : round(spent / sent, 4));
        k.add(cost);
        return k;
    }

    private static ObjectNode kpi(
            String id,
            String group,
            String labelIt,
            String labelEn,
            String definitionIt,
            String definitionEn,
            Double value,
            String unit,
            Double sample) {
        ObjectNode k = Json.object();
        k.put("id", id);
        k.put("group", group);
        k.putObject("label").put("it", labelIt).put("en", labelEn);
        k.putObject("definition").put("it", definitionIt).put("en", definitionEn);
        k.put("value", value);
        k.put("unit", unit);
        k.put("sample", sample == null ? 0 : sample.longValue());
        return k;
    }

    private static Map<String, Object> csvRow(ObjectNode k, JsonNode b) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", k.path("id").asText());
        row.put("group", k.path("group").asText());
        row.put("breakdown", b == null ? null : b.path("key").asText());
        row.put("label", (b == null ? k : b).path("label").path("it").asText());
        JsonNode v = (b == null ? k : b).path("value");
        row.put("value", v.isNull() || v.isMissingNode() ? null : v.asText());
        row.put("unit", k.path("unit").asText());
        row.put("sample", (b == null ? k : b).path("sample").asLong());
        return row;
    }

    static Double nps(Map<String, Double> s) {
        double n = s.getOrDefault(Sum.NPS_ANSWERS, 0.0);
        if (n == 0) return null;
        return round(100 * (s.getOrDefault(Sum.NPS_PROMOTERS, 0.0) - s.getOrDefault(Sum.NPS_DETRACTORS, 0.0)) / n, 1);
    }

    private static Double percent(Map<String, Double> s, String num, String den) {
        double d = s.getOrDefault(den, 0.0);
        return d == 0 ? null : round(100 * s.getOrDefault(num, 0.0) / d, 1);
    }

    private static Double ratio(Map<String, Double> s, String num, String den, int decimals) {
        double d = s.getOrDefault(den, 0.0);
        return d == 0 ? null : round(s.getOrDefault(num, 0.0) / d, decimals);
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** Visits the latest run's rows of {@code table} that pass the filters; answers the run's summary. */
    private ObjectNode read(String table, InsightsFilters f, Consumer<JsonNode> visit) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode summary = store.latestSummary()
                    .orElseThrow(
                            () -> new NotFound(
                                    "no analytics yet: the analytics refresh has not run (it runs daily "
                                            + "at 05:00 Europe/Rome; locally, advance the clock past it with POST /admin/clock)"));
            String runId = summary.path("runId").asText();
            int size = summary.path("tables").path(table).asInt(0);
            List<JsonNode> matching = new ArrayList<>();
            try {
                for (int from = 0; from < size; from += BLOCK)
                    for (JsonNode row : store.rows(runId, table, from, Math.min(BLOCK, size - from)))
                        if (f.matches(row)) matching.add(row);
            } catch (AnalyticsStore.RunReplaced replaced) {
                if (attempt > 0) throw replaced;
                continue;
            }
            matching.forEach(visit);
            return summary;
        }
    }
}
