package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The keywords an inbound SMS may start with (data: {@code sms-keywords.json}): the first word, any case, without
 * punctuation. Only the keyword is kept from a message, never its text.
 */
public final class SmsKeywords {
    /** What an inbound SMS that is no keyword is recorded as. */
    public static final String OTHER = "other";

    private final Set<String> optOut;

    SmsKeywords(Set<String> optOut) {
        this.optOut = Set.copyOf(optOut);
    }

    public static SmsKeywords loadDefault() {
        try (InputStream in = SmsKeywords.class.getResourceAsStream("/it/attimo/core/ingest/sms-keywords.json")) {
            JsonNode root = Json.parse(in.readAllBytes());
            Set<String> words = new HashSet<>();
            root.path("optOut").forEach(w -> words.add(w.asText().toUpperCase(Locale.ROOT)));
            if (words.isEmpty()) throw new IllegalStateException("sms-keywords.json names no optOut keyword");
            return new SmsKeywords(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message's keyword (upper case) if it is one, else {@link #OTHER}. */
    public String keyword(String messageBody) {
        if (messageBody == null) return OTHER;
        String first = messageBody
                .strip()
                .split("\\s+", 2)[0]
                .replaceAll("[^\\p{L}]", "")
                .toUpperCase(Locale.ROOT);
        return optOut.contains(first) ? first : OTHER;
    }

    public boolean isOptOut(String keyword) {
        return optOut.contains(keyword);
    }
}
