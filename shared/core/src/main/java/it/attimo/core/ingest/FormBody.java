package it.attimo.core.ingest;

import it.attimo.core.error.BadRequest;
import it.attimo.core.json.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body: {@code name=value} pairs joined by {@code &}, {@code +} for a
 * space, {@code %XX} for a UTF-8 byte. A repeated name keeps its first value.
 */
public final class FormBody {
    private FormBody() {}

    /** @throws BadRequest naming the broken escape or the non-UTF-8 value */
    public static Map<String, String> parse(byte[] body) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** Every value of each name, in order (checkboxes and multiple selections repeat a name). */
    public static Map<String, java.util.List<String>> parseAll(byte[] body) {
        Map<String, java.util.List<String>> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return out;
    }

    static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) throw new BadRequest("form body: a % escape is cut short");
                int hi = Character.digit(s.charAt(i + 1), 16), lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0)
                    throw new BadRequest("form body: '%" + s.substring(i + 1, i + 3) + "' is no escape");
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return Utf8.decode(bytes.toByteArray());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("form body: a value is not UTF-8");
        }
    }
}
