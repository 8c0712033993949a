package it.attimo.aws.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import it.attimo.core.customer.Profile;
import java.io.UncheckedIOException;

/**
 * The stored form of a {@link Profile}: the record as a JSON document, instants as ISO-8601 UTC strings. Unknown
 * fields are ignored and missing ones come back empty, so the document survives the profile gaining or losing a
 * field between releases.
 */
public final class ProfileJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private ProfileJson() {}

    public static String write(Profile profile) {
        try {
            return MAPPER.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("profile " + profile.customerId() + " cannot be written as JSON", e);
        }
    }

    public static Profile read(String json) {
        try {
            return MAPPER.readValue(json, Profile.class);
        } catch (JsonProcessingException e) {
            // the message may quote the document: keep it out of the exception text
            throw new IllegalStateException("stored profile is not valid JSON at " + e.getLocation(), null);
        }
    }
}
