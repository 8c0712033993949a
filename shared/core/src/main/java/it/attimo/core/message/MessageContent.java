package it.attimo.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data the messages draw on, from the files beside this class: {@code links.json} (where links point, and which
 * links each step carries), {@code catalogue.json} (related accessories per product category) and
 * {@code testimonials.json} (per category and area). A category without its own entry uses {@code _default}.
 */
public final class MessageContent {
    static final String DEFAULT = "_default";

    /** An accessory of the catalogue; {@code url} may contain {@code {base}}. */
    public record Accessory(String sku, String name, double price, String url) {}

    /** A testimonial of a similar customer nearby. */
    public record Testimonial(String quote, String author, String place) {}

    private final Map<String, String> links;
    private final String supportQr;
    private final Map<String, List<String>> stepLinks;
    private final Map<String, String> stepKinds;
    private final Map<String, String> categoryLabels;
    private final Map<String, List<Accessory>> accessories;
    private final Map<String, Map<String, List<Testimonial>>> testimonials;

    private MessageContent(JsonNode links, JsonNode catalogue, JsonNode testimonials) {
        this.links = new LinkedHashMap<>();
        links.path("links")
                .fields()
                .forEachRemaining(e -> this.links.put(e.getKey(), e.getValue().asText()));
        this.supportQr = required(links, "supportQr", "links.json").asText();
        this.stepLinks = new LinkedHashMap<>();
        this.stepKinds = new LinkedHashMap<>();
        links.path("steps").fields().forEachRemaining(e -> {
            List<String> names = new ArrayList<>();
            e.getValue().path("links").forEach(n -> names.add(n.asText()));
            stepKinds.put(e.getKey(), e.getValue().path("kind").asText("service"));
            for (String n : names) {
                if (!this.links.containsKey(n)) {
                    throw new IllegalStateException("links.json: step " + e.getKey() + " names unknown link " + n);
                }
            }
            stepLinks.put(e.getKey(), List.copyOf(names));
        });
        this.categoryLabels = new LinkedHashMap<>();
        this.accessories = new LinkedHashMap<>();
        required(catalogue, "categories", "catalogue.json").fields().forEachRemaining(e -> {
            categoryLabels.put(e.getKey(), e.getValue().path("label").asText(e.getKey()));
            List<Accessory> list = new ArrayList<>();
            e.getValue()
                    .path("accessories")
                    .forEach(a -> list.add(new Accessory(
                            a.path("sku").asText(),
                            a.path("name").asText(),
                            a.path("price").asDouble(),
                            a.path("url").asText())));
            accessories.put(e.getKey(), List.copyOf(list));
        });
        this.testimonials = new LinkedHashMap<>();
        required(testimonials, "categories", "testimonials.json").fields().forEachRemaining(c -> {
            Map<String, List<Testimonial>> byArea = new LinkedHashMap<>();
            c.getValue().fields().forEachRemaining(a -> {
                if (AreaGroup.of(a.getKey()) == null) {
                    throw new IllegalStateException("testimonials.json: " + c.getKey() + " has unknown area "
                            + a.getKey() + " (Nord, Centro, Sud e Isole)");
                }
                List<Testimonial> list = new ArrayList<>();
                a.getValue()
                        .forEach(t -> list.add(new Testimonial(
                                t.path("quote").asText(),
                                t.path("author").asText(),
                                t.path("place").asText())));
                byArea.put(AreaGroup.of(a.getKey()).label(), List.copyOf(list));
            });
            this.testimonials.put(c.getKey(), byArea);
        });
        if (!accessories.containsKey(DEFAULT) || !this.testimonials.containsKey(DEFAULT)) {
            throw new IllegalStateException("catalogue.json and testimonials.json need a _default category");
        }
    }

    /** The content files bundled with the core. */
    public static MessageContent bundled() {
        return new MessageContent(read("links.json"), read("catalogue.json"), read("testimonials.json"));
    }

    private static JsonNode read(String name) {
        try (InputStream in = MessageContent.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
            return Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new IllegalStateException(file + " has no '" + field + "'");
        return v;
    }

    /** Link name → URL pattern with {@code {placeholders}}. */
    public Map<String, String> links() {
        return Map.copyOf(links);
    }

    /** The URL pattern the support QR code encodes. */
    public String supportQr() {
        return supportQr;
    }

    /** The links {@code journey.step} carries, in order (a tray's step: its generic {@code tray.<step>}'s); none when not listed. */
    public List<String> linksOf(String journey, String step) {
        List<String> own = stepLinks.get(journey + "." + step);
        if (own != null) return own;
        return TemplateCatalog.trayStep(journey, step)
                .map(generic -> stepLinks.getOrDefault(TemplateCatalog.TRAY + "." + generic, List.of()))
                .orElse(List.of());
    }

    /** Every {@code journey.step} with content, in the file's order. */
    public List<String> steps() {
        return List.copyOf(stepLinks.keySet());
    }

    /** The step's kind as its state machine dispatches it (transactional, service, survey, marketing). */
    public String kindOf(String journey, String step) {
        String own = stepKinds.get(journey + "." + step);
        if (own != null) return own;
        return TemplateCatalog.trayStep(journey, step)
                .map(generic -> stepKinds.getOrDefault(TemplateCatalog.TRAY + "." + generic, "service"))
                .orElse("service");
    }

    /** The catalogue's product categories (id → label, in the file's order), without the default. */
    public Map<String, String> categories() {
        Map<String, String> out = new LinkedHashMap<>(categoryLabels);
        out.remove(DEFAULT);
        return java.util.Collections.unmodifiableMap(out);
    }

    /** How the category reads in a sentence ("elettrodomestici"); the default's label for an unknown one. */
    public String categoryLabel(String category) {
        return categoryLabels.getOrDefault(
                category == null ? DEFAULT : category, categoryLabels.getOrDefault(DEFAULT, ""));
    }

    /** Accessories of the category (the default list for an unknown or absent one). */
    public List<Accessory> accessories(String category) {
        return accessories.getOrDefault(category == null ? DEFAULT : category, accessories.get(DEFAULT));
    }

    /** Testimonials of the category in the area (Nord when the area is unknown). */
    public List<Testimonial> testimonials(String category, AreaGroup area) {
        Map<String, List<Testimonial>> byArea =
                testimonials.getOrDefault(category == null ? DEFAULT : category, testimonials.get(DEFAULT));
        String key = (area == null ? AreaGroup.NORD : area).label();
        List<Testimonial> found = byArea.get(key);
        return found != null ? found : testimonials.get(DEFAULT).getOrDefault(key, List.of());
    }
}
