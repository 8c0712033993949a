package it.attimo.core.tray;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a tray section. {@code read} and {@code write} name the parties that may see and change it (absent:
 * every party reads it; only the section's party writes it). Values are text, as a form posts them.
 */
public record TrayField(
        String name,
        String label,
        String type,
        boolean required,
        Pattern pattern,
        String patternHint,
        Integer maxLength,
        BigDecimal min,
        BigDecimal max,
        List<String> options,
        Set<String> read,
        Set<String> write) {
    public static final Set<String> TYPES =
            Set.of("text", "textarea", "email", "tel", "number", "date", "select", "checkbox");
    static final int DEFAULT_MAX_LENGTH = 1000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ]{6,20}");

    public TrayField {
        options = options == null ? List.of() : List.copyOf(options);
        read = read == null ? null : Set.copyOf(read);
        write = Set.copyOf(write);
    }

    /** Whether {@code party} may see this field ({@code read} absent: everyone may). */
    public boolean readableBy(String party) {
        return read == null || read.contains(party) || write.contains(party);
    }

    public boolean writableBy(String party) {
        return write.contains(party);
    }

    /** The value as stored: trimmed; a checkbox is "true" or "false". */
    public String normalise(String value) {
        if ("checkbox".equals(type)) {
            return value != null && (value.equals("true") || value.equals("on") || value.equals("1"))
                    ? "true"
                    : "false";
        }
        return value == null ? "" : value.strip();
    }

    /** What is wrong with {@code value} (already normalised), in Italian for the form, or null. */
    public String problem(String value) {
        boolean empty = value == null || value.isEmpty() || ("checkbox".equals(type) && value.equals("false"));
        if (empty) return required ? "Campo obbligatorio" : null;
        int limit = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
        if (value.length() > limit) return "Al massimo " + limit + " caratteri";
        switch (type) {
            case "email" -> {
                if (!EMAIL.matcher(value).matches()) return "Indirizzo e-mail non valido";
            }
            case "tel" -> {
                if (!PHONE.matcher(value).matches()) return "Numero di telefono non valido";
            }
            case "number" -> {
                BigDecimal n;
                try {
                    n = new BigDecimal(value.replace(',', '.'));
                } catch (NumberFormatException e) {
                    return "Inserire un numero";
                }
                if (min != null && n.compareTo(min) < 0) return "Il valore minimo è " + min.toPlainString();
                if (max != null && n.compareTo(max) > 0) return "Il valore massimo è " + max.toPlainString();
            }
            case "date" -> {
                try {
                    LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    return "Data non valida (aaaa-mm-gg)";
                }
            }
            case "select" -> {
                if (!options.contains(value)) return "Scegliere una delle opzioni";
            }
            default -> {
                // text, textarea, checkbox: length and pattern only
            }
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            return "Formato non valido" + (patternHint == null ? "" : " (" + patternHint + ")");
        }
        return null;
    }
}
