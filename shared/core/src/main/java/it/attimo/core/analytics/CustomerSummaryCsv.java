package it.attimo.core.analytics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the customer summaries BG/NBD needs from CSV with a header naming {@code ID}, {@code frequency},
 * {@code recency} and {@code T} in any order and any letter case (lifetimes' {@code summary_data_from_transaction_data}
 * writes them so). Tolerated: quoted fields and headers, a byte-order mark, CRLF, blank lines, extra columns, and a
 * leading unnamed index column (pandas' {@code to_csv}), which serves as the id when there is no ID column. A missing
 * column, a duplicate id, or a bad value is an {@link IllegalArgumentException} naming the column or the line.
 */
public final class CustomerSummaryCsv {
    static final List<String> REQUIRED = List.of("ID", "frequency", "recency", "T");
    private static final Set<String> ID_ALIASES = Set.of("id", "customerid", "customer_id");

    private CustomerSummaryCsv() {}

    public static List<CustomerSummary> read(Reader source) throws IOException {
        BufferedReader in = new BufferedReader(source);
        String headerLine = in.readLine();
        int lineNumber = 1;
        while (headerLine != null && headerLine.isBlank()) {
            headerLine = in.readLine();
            lineNumber++;
        }
        if (headerLine == null)
            throw new IllegalArgumentException("the CSV is empty: it needs a header " + String.join(",", REQUIRED));
        if (headerLine.startsWith("\uFEFF")) headerLine = headerLine.substring(1);
        List<String> header = fields(headerLine, lineNumber);
        Map<String, Integer> columns = columns(header);
        List<CustomerSummary> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) continue;
            List<String> row = fields(line, lineNumber);
            if (row.size() < header.size()) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": " + row.size() + " fields, the header has " + header.size());
            }
            String id = row.get(columns.get("ID")).trim();
            if (id.isEmpty()) throw new IllegalArgumentException("line " + lineNumber + ": the ID is empty");
            if (!ids.add(id)) throw new IllegalArgumentException("line " + lineNumber + ": duplicate ID " + id);
            double frequency = number(row, columns, "frequency", lineNumber);
            if (frequency != Math.rint(frequency) || frequency > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": frequency must be a whole number, got " + frequency);
            }
            try {
                out.add(new CustomerSummary(
                        id,
                        (int) frequency,
                        number(row, columns, "recency", lineNumber),
                        number(row, columns, "T", lineNumber)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("the CSV has a header but no customers");
        return out;
    }

    /** Required column → its index; the ID falls back to a leading unnamed index column. */
    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            String lower = name.toLowerCase(Locale.ROOT);
            String key = ID_ALIASES.contains(lower)
                    ? "ID"
                    : switch (lower) {
                        case "frequency" -> "frequency";
                        case "recency" -> "recency";
                        case "t" -> "T";
                        default -> null;
                    };
            if (key == null) continue;
            if (found.containsKey(key)) throw new IllegalArgumentException("the header names " + key + " twice");
            found.put(key, i);
        }
        if (!found.containsKey("ID") && !header.isEmpty() && header.get(0).isBlank()) found.put("ID", 0);
        List<String> missing =
                REQUIRED.stream().filter(c -> !found.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the CSV has no column " + String.join(", ", missing) + " (needs "
                    + String.join(",", REQUIRED) + "; found " + String.join(",", header) + ")");
        }
        return found;
    }

    private static double number(List<String> row, Map<String, Integer> columns, String column, int line) {
        String text = row.get(columns.get(column)).trim();
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + column + " '" + text + "' is not a number");
        }
    }

    /** One CSV record (RFC 4180 quoting; a record does not span lines). */
    static List<String> fields(String line, int lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) throw new IllegalArgumentException("line " + lineNumber + ": unterminated quote");
        out.add(field.toString());
        return out;
    }
}
