package it.attimo.function.trays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A party page's POST: {@code application/x-www-form-urlencoded} (what the page's form sends) or a flat JSON object
 * of the same names. A name given twice is refused (a form never does that).
 */
final class FormBody {
    static final int MAX_BODY = 64 * 1024;

    private FormBody() {}

    static Map<String, String> parse(HttpApiRequest request) {
        byte[] body = request.body();
        if (body.length > MAX_BODY) throw new PayloadTooLarge("a form is at most " + MAX_BODY + " bytes");
        String type = request.header("Content-Type");
        String mediaType = type == null
                ? "application/x-www-form-urlencoded"
                : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Map<String, String> out = new LinkedHashMap<>();
        switch (mediaType) {
            case "application/x-www-form-urlencoded" -> {
                String text = new String(body, StandardCharsets.UTF_8);
                if (text.isEmpty()) return out;
                for (String pair : text.split("&")) {
                    if (pair.isEmpty()) continue;
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    if (out.put(name, value) != null) throw new BadRequest("the field " + name + " is given twice");
                }
            }
            case "application/json" -> {
                JsonNode node;
                try {
                    node = Json.parse(body);
                } catch (JsonProcessingException e) {
                    throw new BadRequest("the body is not valid JSON");
                }
                if (!node.isObject()) throw new BadRequest("the body must be a JSON object of field names and values");
                node.fields().forEachRemaining(e -> {
                    if (e.getValue().isContainerNode()) throw new BadRequest(e.getKey() + " must be a single value");
                    out.put(
                            e.getKey(),
                            e.getValue().isNull() ? "" : e.getValue().asText());
                });
            }
            default ->
                throw new UnsupportedMediaType(
                        "a tray form is application/x-www-form-urlencoded or application/json, not " + mediaType);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the form is not validly encoded");
        }
    }
}
