package it.attimo.core.ingest;

import static it.attimo.core.testing.FixedSecrets.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.json.Json;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The CloudEvents project's own conformance cases (test resources {@code cloudevents-conformance/}), sent as its
 * {@code cloudevents invoke} tool sends them: binary mode unless the case says {@code Mode: structured}, header values
 * trimmed, the data as the body (binary) or inlined as JSON (structured).
 */
class CloudEventsConformanceTest {
    private static final List<String> FILES =
            List.of("cloudevents-conformance/v1.yaml", "cloudevents-conformance/v1.0/v1_minimum.yaml");

    /** One case of a conformance file; every scalar as the text the file holds (as the Go tool reads it). */
    record Case(
            String name,
            boolean structured,
            Map<String, String> attributes,
            Map<String, String> extensions,
            Map<String, String> transport,
            String data) {
        @Override
        public String toString() {
            return name;
        }

        String id() {
            return attributes.get("id");
        }

        boolean jsonData() {
            String type = attributes.get("datacontenttype");
            return type == null || type.toLowerCase(Locale.ROOT).startsWith("application/json");
        }

        Case withAttimoTypeAndSubject(String type, String subject) {
            Map<String, String> a = new LinkedHashMap<>(attributes);
            a.put("type", type);
            a.put("subject", subject);
            // optional in CloudEvents, required by Attimo: when it happened is what a journey reasons on
            a.putIfAbsent("time", "2026-06-10T08:00:00Z");
            return new Case(name, structured, a, extensions, transport, data);
        }
    }

    /** The request the conformance tool builds for a case. */
    record Request(Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.get("content-type");
        }

        Map<String, String> cloudEventHeaders() {
            Map<String, String> out = new TreeMap<>();
            headers.forEach((k, v) -> {
                if (k.startsWith("ce-")) out.put(k, v);
            });
            return out;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        // No implicit types: "1.0" and "2018-04-05T03:56:24Z" stay strings, as the Go tool's string fields read them.
        Yaml yaml = new Yaml(
                new SafeConstructor(new LoaderOptions()),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                new LoaderOptions(),
                new Resolver() {
                    @Override
                    protected void addImplicitResolvers() {}
                });
        for (String file : FILES) {
            try (InputStream in =
                    CloudEventsConformanceTest.class.getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                int i = 0;
                for (Object document : yaml.loadAll(in)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> doc = (Map<String, Object>) document;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> context = (Map<String, Object>) doc.get("ContextAttributes");
                    Map<String, String> attributes = new LinkedHashMap<>();
                    Map<String, String> extensions = new LinkedHashMap<>();
                    context.forEach((k, v) -> {
                        if (k.equals("Extensions")) {
                            ((Map<?, ?>) v).forEach((ek, ev) -> extensions.put(ek.toString(), ev.toString()));
                        } else {
                            attributes.put(k, v.toString());
                        }
                    });
                    Map<String, String> transport = new LinkedHashMap<>();
                    if (doc.get("TransportExtensions") instanceof Map<?, ?> t) {
                        t.forEach((k, v) -> transport.put(k.toString(), v.toString()));
                    }
                    out.add(new Case(
                            file.substring(file.lastIndexOf('/') + 1) + "#" + i++ + " " + attributes.get("id"),
                            "structured".equals(doc.get("Mode")),
                            attributes,
                            extensions,
                            transport,
                            doc.get("Data") == null ? "" : doc.get("Data").toString()));
                }
            }
        }
        assertThat(out).as("cases read").hasSize(8);
        return out;
    }

    static Request asTheToolSendsIt(Case c) {
        Map<String, String> headers = new TreeMap<>();
        c.transport().forEach((k, v) -> put(headers, k, v));
        if (c.structured()) {
            ObjectNode envelope = Json.object();
            c.attributes().forEach((k, v) -> {
                if (!v.isBlank()) envelope.put(k, v.trim());
            });
            c.extensions().forEach((k, v) -> {
                if (!v.isBlank()) envelope.put(k, v.trim());
            });
            if (!c.data().isEmpty()) envelope.set("data", parse(c.data()));
            headers.putIfAbsent("content-type", "application/cloudevents+json; charset=UTF-8");
            return new Request(headers, envelope.toString().getBytes(StandardCharsets.UTF_8));
        }
        c.attributes().forEach((k, v) -> put(headers, k.equals("datacontenttype") ? "content-type" : "ce-" + k, v));
        c.extensions().forEach((k, v) -> put(headers, "ce-" + k, v));
        return new Request(headers, c.data().getBytes(StandardCharsets.UTF_8));
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (!value.isBlank()) headers.put(name.toLowerCase(Locale.ROOT), value.trim());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The event in the JSON format, as IngestEvents reads the request. */
    static ObjectNode read(Request request) {
        if (request.contentType() != null && request.contentType().startsWith("application/cloudevents+json")) {
            return (ObjectNode) parse(new String(request.body(), StandardCharsets.UTF_8));
        }
        BinaryModeEvent binary = BinaryModeEvent.of(request.cloudEventHeaders(), request.contentType(), request.body());
        assertThat(binary.problem()).isNull();
        return binary.event();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyAttributeExtensionAndTheDataAreReadAsTheCaseDescribesThem(Case c) {
        ObjectNode event = read(asTheToolSendsIt(c));

        c.attributes()
                .forEach((name, value) ->
                        assertThat(event.path(name).asText()).as(name).isEqualTo(value.trim()));
        c.extensions()
                .forEach((name, value) -> assertThat(event.path(name).asText())
                        .as("extension " + name)
                        .isEqualTo(value.trim()));
        if (c.jsonData()) {
            assertThat(event.get("data")).isEqualTo(parse(c.data()));
        } else {
            // text/plain in us-ascii or UTF-8, application/xml: the data is the text, every byte of it
            assertThat(event.path("data").isTextual()).isTrue();
            assertThat(event.get("data").asText()).isEqualTo(c.data());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void postedAsTheyAreEachIsRefusedByNameAndKeptWhole(Case c) {
        Fixture f = new Fixture();
        InvalidEvent refusal = catchThrowableOfType(InvalidEvent.class, () -> f.post(asTheToolSendsIt(c)));

        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.getMessage())
                .isEqualTo("type '" + c.attributes().get("type") + "' is not in Attimo's vocabulary");
        assertThat(f.queue.published()).isEmpty();
        assertThat(f.quarantine.all()).singleElement().satisfies(kept -> {
            assertThat(kept.eventId()).isEqualTo(c.id());
            assertThat(kept.quarantineId()).isEqualTo(refusal.results().get(0).quarantineId());
            JsonNode raw = parse(kept.rawJson());
            assertThat(raw.path("source").asText()).isEqualTo(c.attributes().get("source"));
            assertThat(raw.has("data")).isTrue();
        });
    }

    @ParameterizedTest
    @MethodSource("cases")
    void withAttimosTypeAndSubjectOnlyJsonObjectDataIsAnAttimoEvent(Case c) {
        Fixture f = new Fixture();
        Request request = asTheToolSendsIt(c.withAttimoTypeAndSubject("portal.accessed", "c-conformance-1"));
        JsonNode data = c.jsonData() ? parse(c.data()) : null;

        if (data != null && data.isObject()) {
            assertThat(f.post(request).accepted()).isEqualTo(1);
            CustomerEvent queued = f.queue.published().get(0);
            assertThat(queued.id()).isEqualTo(c.id());
            assertThat(queued.customerId()).isEqualTo("c-conformance-1");
            assertThat(Json.valueToTree(queued.data())).isEqualTo(data);
        } else {
            InvalidEvent refusal = catchThrowableOfType(InvalidEvent.class, () -> f.post(request));
            assertThat(refusal).isNotNull();
            assertThat(refusal.getMessage())
                    .isEqualTo(
                            c.jsonData() ? "data must be a JSON object" : "datacontenttype must be application/json");
            assertThat(f.quarantine.all()).hasSize(1);
        }
    }

    private static final class Fixture {
        final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
        final InMemoryEventQueue queue = new InMemoryEventQueue();
        final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
        final IngestEvents ingest =
                new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall);

        IngestResult post(Request request) {
            long ts = wall.millis();
            return ingest.cloudEvents(new CloudEventsDelivery(
                    request.body(),
                    request.contentType(),
                    Long.toString(ts),
                    AttimoSignatureVerifier.sign(WEBHOOK, ts, request.body()),
                    request.cloudEventHeaders()));
        }
    }
}
