package it.attimo.aws.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.MalformedJson;
import it.attimo.core.error.NotFound;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.RequestRefused;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.ingest.IngestResult;
import it.attimo.core.ingest.InvalidEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpErrorMapperTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode body(HttpApiResponse r) throws Exception {
        return JSON.readTree(r.body());
    }

    void assertMapped(RequestRefused refused, int status, String code) throws Exception {
        HttpApiResponse r = HttpErrorMapper.toResponse(refused);
        assertThat(r.status()).as(code).isEqualTo(status);
        assertThat(r.headers()).containsEntry("Content-Type", "application/json");
        JsonNode b = body(r);
        assertThat(b.get("error").asText()).isEqualTo(code);
        assertThat(b.get("message").asText()).isEqualTo(refused.getMessage());
    }

    @Test
    void everyRefusalHasItsStatusAndCode() throws Exception {
        assertMapped(new InvalidSignature("signature does not match"), 401, "unauthorized");
        assertMapped(new PayloadTooLarge("body is larger than 1048576 bytes"), 413, "payload_too_large");
        assertMapped(new UnsupportedMediaType("HubSpot webhooks are application/json"), 415, "unsupported_media_type");
        assertMapped(new MalformedJson("body is not valid JSON; kept as quarantine q-1", "q-1"), 400, "malformed_json");
        assertMapped(new BadRequest("the batch is empty"), 400, "bad_request");
        assertMapped(new NotFound("no profile for customer nobody"), 404, "not_found");
        assertMapped(new InvalidEvent("time is required", List.of()), 400, "invalid_event");
    }

    @Test
    void theBodyIsExactlyErrorAndMessage() {
        assertThat(HttpErrorMapper.toResponse(new NotFound("no \"profile\"")).body())
                .isEqualTo("{\"error\":\"not_found\",\"message\":\"no \\\"profile\\\"\"}");
    }

    @Test
    void anInvalidEventCarriesItsPerEventResults() throws Exception {
        InvalidEvent invalid = new InvalidEvent(
                "time is required",
                List.of(new IngestResult.EventResult(
                        0, "e-1", IngestResult.Status.REJECTED, "time is required", "q-1", null)));
        JsonNode b = body(HttpErrorMapper.toResponse(invalid));
        assertThat(b.get("error").asText()).isEqualTo("invalid_event");
        assertThat(b.get("message").asText()).isEqualTo("time is required");
        assertThat(b.at("/results/0/quarantineId").asText()).isEqualTo("q-1");
        assertThat(b.at("/results/0/status").asText()).isEqualTo("rejected");
    }

    @Test
    void everyKindOfRefusalInTheCoreHasAStatus() {
        Set<String> refusals = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("it.attimo.core")
                        .stream()
                        .filter(c -> c.isAssignableTo(RequestRefused.class))
                        .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
                        .map(JavaClass::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> mapped = HttpErrorMapper.STATUS.keySet().stream()
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(refusals).isNotEmpty().isEqualTo(mapped);
    }

    @Test
    void anythingElseIsA500ThatSaysNothingOfTheCause() throws Exception {
        HttpApiResponse r = HttpErrorMapper.respond(() -> {
            throw new IllegalStateException("table attimo-profiles unreachable for customer anna.rossi@example.it");
        });
        assertThat(r.status()).isEqualTo(500);
        JsonNode b = body(r);
        assertThat(b.get("error").asText()).isEqualTo("internal_error");
        assertThat(r.body())
                .doesNotContain("IllegalStateException")
                .doesNotContain("profiles")
                .doesNotContain("anna");
    }

    @Test
    void aRefusalWithoutAStatusIsTreatedAsABug() {
        RequestRefused unmapped = new RequestRefused("teapot", "no") {};
        assertThat(HttpErrorMapper.toResponse(unmapped).status()).isEqualTo(500);
    }

    @Test
    void respondPassesAnswersThroughAndMapsRefusals() {
        assertThat(HttpErrorMapper.respond(() -> HttpApiResponse.json(202, "{}"))
                        .status())
                .isEqualTo(202);
        assertThat(HttpErrorMapper.respond(() -> {
                            throw new NotFound("gone");
                        })
                        .status())
                .isEqualTo(404);
    }

    @Test
    void methodNotAllowedNamesTheAllowedMethods() throws Exception {
        HttpApiResponse r = HttpErrorMapper.methodNotAllowed("GET", List.of("POST"));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).contains(Map.entry("Allow", "POST"), Map.entry("Content-Type", "application/json"));
        assertThat(body(r).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(body(r).get("message").asText()).isEqualTo("GET is not allowed here; use POST");
    }
}
