package it.attimo.core.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.json.Json;
import it.attimo.core.port.AnalyticsStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The read side of the analytics ({@code GET /insights/rfm}, {@code /clusters}, {@code /clv}, {@code /churn}): the
 * latest refresh's summary plus a page of rows ({@code offset}, {@code limit} ≤ 1000, filters), as JSON, or as CSV
 * with {@code format=csv} or {@code Accept: text/csv} (all matching rows unless {@code limit} is given). Nothing is
 * computed here beyond filtering: the numbers come from the stored refresh.
 */
public final class AnalyticsQueries {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final int BLOCK = 1000;

    /** What a route answers: a content type, the body, and for CSV the file name to save it as. */
    public record Answer(String contentType, String body, String filename) {
        public static final String JSON = "application/json";
        public static final String CSV = "text/csv; charset=utf-8";

        public boolean csv() {
            return filename != null;
        }
    }

    private final AnalyticsStore store;

    public AnalyticsQueries(AnalyticsStore store) {
        this.store = store;
    }

    // ---- routes ----

    public Answer rfm(String rawQuery, String accept) {
        return onLatestRun(() -> rfmNow(rawQuery, accept));
    }

    private Answer rfmNow(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of("scope", "segment", "customerSegment"));
        String scope = q.text("scope", "customers");
        if (!Set.of("customers", "accounts").contains(scope))
            throw new BadRequest("scope must be customers or accounts, got '" + scope + "'");
        String segmentText = q.text("segment", null);
        RfmSegment segment = segmentText == null ? null : RfmSegment.find(segmentText);
        if (segmentText != null && segment == null) {
            List<String> ids = java.util.Arrays.stream(RfmSegment.values())
                    .map(RfmSegment::id)
                    .toList();
            throw new BadRequest("unknown RFM segment '" + segmentText + "' (" + String.join(", ", ids) + ")");
        }
        String customerSegment = q.text("customerSegment", null);
        if (customerSegment != null && !Set.of("b2b", "b2c").contains(customerSegment))
            throw new BadRequest("customerSegment must be b2b or b2c, got '" + customerSegment + "'");
        JsonNode summary = latest();
        ObjectNode out = header(summary);
        JsonNode rfm = summary.path("rfm");
        out.set("b2c", rfm.path("b2c"));
        out.set("b2b", rfm.path("b2b"));
        out.set("withoutOrders", rfm.path("withoutOrders"));
        out.set("definitions", rfm.path("definitions"));
        out.put("scope", scope);
        out.put("segment", segment == null ? null : segment.id());
        boolean accounts = scope.equals("accounts");
        Predicate<JsonNode> filter = row -> row.hasNonNull("rfm")
                && (segment == null
                        || segment.id().equals(row.path("rfm").path("segment").asText()))
                && (customerSegment == null
                        || customerSegment.equals(row.path("segment").asText()));
        return page(
                q,
                summary,
                out,
                accounts ? AnalyticsSnapshot.ACCOUNTS : AnalyticsSnapshot.CUSTOMERS,
                filter,
                accounts ? AnalyticsQueries::accountRfmRow : AnalyticsQueries::customerRfmRow,
                "rfm-" + scope);
    }

    public Answer clusters(String rawQuery, String accept) {
        return onLatestRun(() -> clustersNow(rawQuery, accept));
    }

    private Answer clustersNow(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of("cluster"));
        Integer cluster = q.integer("cluster", null, 0, Integer.MAX_VALUE);
        JsonNode summary = latest();
        JsonNode clusters = summary.path("clusters");
        if (q.csv() && cluster == null) {
            List<Map<String, Object>> table = new ArrayList<>();
            for (JsonNode c : clusters.path("clusters")) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String field : List.of("id", "size", "share", "label", "labelEn", "description", "descriptionEn"))
                    row.put(field, value(c.get(field)));
                c.path("profile").fields().forEachRemaining(e -> row.put(e.getKey(), value(e.getValue())));
                table.add(row);
            }
            List<String> columns = table.isEmpty()
                    ? List.of("id", "size", "share", "label", "labelEn", "description", "descriptionEn")
                    : new ArrayList<>(table.get(0).keySet());
            return new Answer(Answer.CSV, Csv.write(columns, table), "clusters.csv");
        }
        ObjectNode out = header(summary);
        for (String field : List.of("k", "criterion", "scores", "axes", "clusters"))
            out.set(field, clusters.path(field));
        out.put("cluster", cluster);
        Predicate<JsonNode> filter = row ->
                row.has("cluster") && (cluster == null || row.path("cluster").asInt() == cluster);
        return page(
                q,
                summary,
                out,
                AnalyticsSnapshot.CUSTOMERS,
                filter,
                row -> project(row, "customerId", "segment", "macroArea", "cluster"),
                "clusters-customers");
    }

    public Answer clv(String rawQuery, String accept) {
        return onLatestRun(() -> clvNow(rawQuery, accept));
    }

    private Answer clvNow(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of());
        JsonNode summary = latest();
        ObjectNode out = header(summary);
        JsonNode clv = summary.path("clv");
        clv.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
        return page(
                q,
                summary,
                out,
                AnalyticsSnapshot.CUSTOMERS,
                row -> row.hasNonNull("clv"),
                row -> {
                    Map<String, Object> m = project(row, "customerId", "segment");
                    row.path("clv").fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
                    return m;
                },
                "clv");
    }

    public Answer churn(String rawQuery, String accept) {
        return onLatestRun(() -> churnNow(rawQuery, accept));
    }

    private Answer churnNow(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of("minProbability"));
        Double min = q.probability("minProbability");
        JsonNode summary = latest();
        ObjectNode out = header(summary);
        summary.path("churn").fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
        out.put("minProbability", min);
        Predicate<JsonNode> filter = row -> row.hasNonNull("churnModel")
                && (min == null || row.path("churnModel").path("probability").asDouble() >= min);
        return page(
                q,
                summary,
                out,
                AnalyticsSnapshot.CUSTOMERS,
                filter,
                row -> {
                    Map<String, Object> m = project(row, "customerId", "segment", "macroArea");
                    row.path("churnModel").fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
                    return m;
                },
                "churn");
    }

    // ---- shared ----

    /** A refresh that replaces the run between reading its summary and its rows: read the new run instead, once. */
    private static Answer onLatestRun(java.util.function.Supplier<Answer> read) {
        try {
            return read.get();
        } catch (AnalyticsStore.RunReplaced replaced) {
            return read.get();
        }
    }

    private JsonNode latest() {
        return store.latestSummary()
                .orElseThrow(() -> new NotFound("no analytics yet: the analytics refresh has not run (it runs daily at "
                        + "05:00 Europe/Rome; locally, advance the clock past it with POST /admin/clock)"));
    }

    private static ObjectNode header(JsonNode summary) {
        ObjectNode out = Json.object();
        out.set("generatedAt", summary.path("generatedAt"));
        out.set("asOf", summary.path("asOf"));
        out.set("customers", summary.path("customers"));
        return out;
    }

    private Answer page(
            Request q,
            JsonNode summary,
            ObjectNode out,
            String table,
            Predicate<JsonNode> filter,
            Function<JsonNode, Map<String, Object>> projection,
            String name) {
        String runId = summary.path("runId").asText();
        int tableSize = summary.path("tables").path(table).asInt(0);
        boolean everything = q.csv() && !q.has("limit");
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = everything ? Integer.MAX_VALUE : q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<Map<String, Object>> rows = new ArrayList<>();
        int matching = 0;
        for (int from = 0; from < tableSize; from += BLOCK) {
            List<com.fasterxml.jackson.databind.node.ObjectNode> block =
                    store.rows(runId, table, from, Math.min(BLOCK, tableSize - from));
            for (JsonNode row : block) {
                if (!filter.test(row)) continue;
                if (matching >= offset && rows.size() < limit) rows.add(projection.apply(row));
                matching++;
            }
        }
        if (q.csv()) {
            List<String> columns =
                    new ArrayList<>((rows.isEmpty() ? projection.apply(Json.object()) : rows.get(0)).keySet());
            return new Answer(Answer.CSV, Csv.write(columns, rows), name + ".csv");
        }
        out.put("total", matching);
        out.put("offset", offset);
        out.put("limit", everything ? matching : limit);
        ArrayNode list = out.putArray("rows");
        for (Map<String, Object> row : rows) list.add(Json.valueToTree(row));
        return new Answer(Answer.JSON, out.toString(), null);
    }

    private static Map<String, Object> customerRfmRow(JsonNode row) {
        Map<String, Object> m = project(row, "customerId", "segment", "macroArea", "accountId");
        rfmColumns(row.path("rfm"), m);
        m.put("scope", row.path("rfm").path("scope").asText("customer"));
        return m;
    }

    private static Map<String, Object> accountRfmRow(JsonNode row) {
        Map<String, Object> m = project(row, "accountId", "customers", "employees", "contractValue");
        rfmColumns(row.path("rfm"), m);
        return m;
    }

    private static void rfmColumns(JsonNode rfm, Map<String, Object> m) {
        for (String f : List.of("recencyDays", "frequency", "monetary", "r", "f", "m", "score"))
            m.put(f, value(rfm.get(f)));
        m.put("rfmSegment", value(rfm.get("segment")));
        m.put("rfmSegmentName", value(rfm.get("segmentName")));
    }

    private static Map<String, Object> project(JsonNode row, String... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : fields) m.put(f, value(row.get(f)));
        return m;
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isIntegralNumber()) return n.longValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isBoolean()) return n.booleanValue();
        return n.asText();
    }

    /**
     * The query string, the output format and the parameters a route takes (others, besides format, limit and offset,
     * are refused). Shared by the other insights routes.
     */
    public static final class Request {
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final boolean csv;

        public Request(String rawQuery, String accept, Set<String> allowed) {
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    if (pair.isEmpty()) continue;
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    if (!allowed.contains(name)
                            && !Set.of("format", "limit", "offset").contains(name)) {
                        List<String> known = new ArrayList<>(allowed);
                        known.addAll(List.of("format", "limit", "offset"));
                        throw new BadRequest("unknown parameter '" + name + "' (" + String.join(", ", known) + ")");
                    }
                    if (parameters.put(name, value) != null)
                        throw new BadRequest("parameter '" + name + "' is given twice");
                }
            }
            String format = parameters.get("format");
            if (format != null && !Set.of("json", "csv").contains(format.toLowerCase(Locale.ROOT)))
                throw new BadRequest("format must be json or csv, got '" + format + "'");
            csv = format != null
                    ? format.equalsIgnoreCase("csv")
                    : accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed query string: " + e.getMessage());
            }
        }

        public boolean csv() {
            return csv;
        }

        public boolean has(String name) {
            return parameters.containsKey(name);
        }

        public String text(String name, String fallback) {
            String v = parameters.get(name);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        /** An ISO-8601 instant ({@code 2026-06-01T00:00:00Z}), or {@code fallback} when the parameter is absent. */
        public java.time.Instant instant(String name, java.time.Instant fallback) {
            String v = text(name, null);
            if (v == null) return fallback;
            try {
                return java.time.Instant.parse(v);
            } catch (java.time.format.DateTimeParseException e) {
                throw new BadRequest(name + " must be an ISO-8601 instant like 2026-06-01T00:00:00Z, got '" + v + "'");
            }
        }

        public Integer integer(String name, Integer fallback, int min, int max) {
            String v = parameters.get(name);
            if (v == null) return fallback;
            try {
                int i = Integer.parseInt(v.trim());
                if (i < min || i > max) throw new NumberFormatException();
                return i;
            } catch (NumberFormatException e) {
                throw new BadRequest(name + " must be a whole number from " + min
                        + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got '" + v + "'");
            }
        }

        public Double probability(String name) {
            String v = parameters.get(name);
            if (v == null) return null;
            try {
                double d = Double.parseDouble(v.trim());
                if (!(d >= 0 && d <= 1)) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException e) {
                throw new BadRequest(name + " must be a number from 0 to 1, got '" + v + "'");
            }
        }
    }

    /** RFC 4180 CSV: a header line, quoted where a value needs it, CRLF line ends. */
    public static final class Csv {
        private Csv() {}

        public static String write(List<String> columns, List<Map<String, Object>> rows) {
            StringBuilder out = new StringBuilder();
            line(out, columns);
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                for (String c : columns) values.add(row.get(c));
                line(out, values);
            }
            return out.toString();
        }

        private static void line(StringBuilder out, List<?> values) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) out.append(',');
                Object v = values.get(i);
                out.append(v == null ? "" : escape(v.toString()));
            }
            out.append("\r\n");
        }

        static String escape(String s) {
            // a leading = + - @ would be a formula in a spreadsheet; ids and names never need one
            String safe = !s.isEmpty() && "=+@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
            if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r"))
                return '"' + safe.replace("\"", "\"\"") + '"';
            return safe;
        }
    }
}
