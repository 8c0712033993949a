package it.attimo.core.touchpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads touchpoints.json, listing every problem (unknown fields, kinds, sources claimed twice, targets off the list). */
public final class TouchpointCatalogLoader {
    /** Where the build puts touchpoints.json on the classpath. */
    public static final String BUNDLED = "/it/attimo/core/touchpoint/touchpoints.json";

    public static final Set<String> KINDS = Set.of(
            "email",
            "whatsapp",
            "chatbot",
            "form",
            "landing-page",
            "app",
            "web-app",
            "qr",
            "wifi",
            "kiosk",
            "survey",
            "phone",
            "social",
            "website");
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofDays(7);
    private static final Set<String> TOP = Set.of("comment", "allowedTargets", "touchpoints");
    private static final Set<String> FIELDS = Set.of(
            "id",
            "name",
            "kind",
            "owner",
            "output",
            "sources",
            "silentAfter",
            "milestone",
            "handling",
            "qr",
            "form",
            "variants",
            "comment");
    private static final Set<String> VARIANT_FIELDS = Set.of("id", "target", "comment");
    private static final Set<String> FORM_FIELD_TYPES = Set.of("text", "email", "tel", "checkbox", "select");
    private static final Set<String> FORM_EVENTS = Set.of(EventTypes.FORM_COMPLETED, EventTypes.PREFERENCES_UPDATED);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{4,64}");

    private final List<String> problems = new ArrayList<>();

    private TouchpointCatalogLoader() {}

    public static TouchpointCatalog bundled() {
        try (InputStream in = TouchpointCatalogLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) return new TouchpointCatalog(List.of(), List.of());
            return parse("touchpoints.json (bundled)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled touchpoints.json", e);
        }
    }

    /** The file {@code path} names, or the bundled one when it is null or blank. */
    public static TouchpointCatalog loadOrBundled(String path) {
        if (path == null || path.isBlank()) return bundled();
        try {
            return parse(path, Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException listing every problem */
    public static TouchpointCatalog parse(String source, String json) {
        return new TouchpointCatalogLoader().read(source, json);
    }

    private TouchpointCatalog read(String source, String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) throw new IllegalArgumentException(source + ": must be a JSON object");
        unknown(root, TOP, "");
        List<String> allowed = new ArrayList<>();
        root.path("allowedTargets").forEach(t -> {
            if (!t.asText().startsWith("https://") || t.asText().length() <= "https://".length()) {
                problems.add("allowedTargets: " + t.asText() + " must be an https:// URL prefix");
            } else {
                allowed.add(t.asText());
            }
        });
        List<Touchpoint> touchpoints = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> sources = new HashSet<>();
        Set<String> codes = new HashSet<>();
        Set<String> formIds = new HashSet<>();
        if (!root.path("touchpoints").isArray()) problems.add("touchpoints must be a list");
        int i = 0;
        for (JsonNode t : root.path("touchpoints")) {
            String at = "touchpoints[" + i++ + "].";
            unknown(t, FIELDS, at);
            String id = t.path("id").asText();
            if (!ID.matcher(id).matches()) problems.add(at + "id '" + id + "' must match " + ID);
            else if (!ids.add(id)) problems.add(at + "id " + id + " is declared twice");
            String kind = t.path("kind").asText();
            if (!KINDS.contains(kind)) problems.add(at + "kind '" + kind + "' is not one of " + KINDS);
            for (String f : List.of("name", "owner", "output")) {
                if (t.path(f).asText().isBlank()) problems.add(at + f + " is required (who watches it, where it goes)");
            }
            Set<String> own = new LinkedHashSet<>();
            t.path("sources").forEach(s -> own.add(s.asText()));
            Touchpoint.Qr qr = null;
            if (t.has("qr")) {
                String code = t.path("qr").path("code").asText();
                String target = t.path("qr").path("target").asText();
                if (!CODE.matcher(code).matches()) problems.add(at + "qr.code must match " + CODE);
                else if (!codes.add(code)) problems.add(at + "qr.code " + code + " is used twice");
                if (allowed.stream().noneMatch(target::startsWith)) {
                    problems.add(at + "qr.target " + target + " is not under an allowedTargets prefix");
                }
                qr = new Touchpoint.Qr(code, target);
                own.add(Touchpoint.qrSource(id));
            }
            if (own.isEmpty()) problems.add(at + "sources: at least one CloudEvents source belongs to a touchpoint");
            for (String s : own) {
                if (!sources.add(s)) problems.add(at + "source " + s + " belongs to another touchpoint too");
            }
            Duration silentAfter = t.has("silentAfter")
                    ? duration(t.path("silentAfter").asText(), at + "silentAfter")
                    : DEFAULT_SILENT_AFTER;
            String milestone =
                    t.has("milestone") ? eventType(t.path("milestone").asText(), at + "milestone") : null;
            Touchpoint.Handling handling = null;
            if (t.has("handling")) {
                JsonNode h = t.path("handling");
                handling = new Touchpoint.Handling(
                        eventType(h.path("request").asText(), at + "handling.request"),
                        eventType(h.path("handled").asText(), at + "handling.handled"),
                        duration(h.path("within").asText(), at + "handling.within"));
            }
            touchpoints.add(new Touchpoint(
                    id,
                    t.path("name").asText(),
                    kind,
                    t.path("owner").asText(),
                    t.path("output").asText(),
                    List.copyOf(own),
                    silentAfter,
                    milestone,
                    handling,
                    qr,
                    t.has("form") ? form(t.path("form"), at + "form.", formIds) : null,
                    variants(t, at, qr, allowed)));
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        return new TouchpointCatalog(touchpoints, allowed);
    }

    /**
     * {@code variants: [{id, target}]}: what an experiment on the touchpoint may serve instead of its own QR target.
     * Only a QR code's target varies for now: each variant names an allow-listed target, at least two, ids unique.
     */
    private List<Touchpoint.Variant> variants(JsonNode t, String at, Touchpoint.Qr qr, List<String> allowed) {
        if (!t.has("variants")) return List.of();
        JsonNode list = t.path("variants");
        if (!list.isArray() || list.size() < 2) {
            problems.add(at + "variants must be a list of at least two {id, target}");
            return List.of();
        }
        if (qr == null) {
            problems.add(at + "variants: only a touchpoint with a qr code can declare variants (its redirect target)");
            return List.of();
        }
        List<Touchpoint.Variant> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < list.size(); j++) {
            String vat = at + "variants[" + j + "].";
            JsonNode v = list.get(j);
            unknown(v, VARIANT_FIELDS, vat);
            String id = v.path("id").asText();
            if (!ID.matcher(id).matches()) problems.add(vat + "id '" + id + "' must match " + ID);
            else if (!ids.add(id)) problems.add(vat + "id " + id + " is declared twice");
            String target = v.path("target").asText();
            if (allowed.stream().noneMatch(target::startsWith)) {
                problems.add(vat + "target " + target + " is not under an allowedTargets prefix");
            }
            out.add(new Touchpoint.Variant(id, target));
        }
        return out;
    }

    private EmbeddedForm form(JsonNode f, String at, Set<String> formIds) {
        String formId = f.path("formId").asText();
        if (!ID.matcher(formId).matches()) problems.add(at + "formId '" + formId + "' must match " + ID);
        else if (!formIds.add(formId)) problems.add(at + "formId " + formId + " is used twice");
        String key = f.path("key").asText();
        if (!CODE.matcher(key).matches()) problems.add(at + "key must match " + CODE);
        List<String> origins = new ArrayList<>();
        f.path("origins").forEach(o -> {
            if (!o.asText().matches("https?://[A-Za-z0-9.-]+(:[0-9]+)?")) {
                problems.add(at + "origins: " + o.asText() + " must be scheme://host[:port]");
            } else {
                origins.add(o.asText());
            }
        });
        if (origins.isEmpty()) problems.add(at + "origins: at least one page origin may post the form");
        String event = f.path("event").asText(EventTypes.FORM_COMPLETED);
        if (!FORM_EVENTS.contains(event)) problems.add(at + "event must be one of " + FORM_EVENTS);
        List<EmbeddedForm.Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        f.path("fields").forEach(x -> {
            String name = x.path("name").asText();
            String type = x.path("type").asText("text");
            if (!name.matches("[a-zA-Z][a-zA-Z0-9]{0,40}") || !names.add(name)) {
                problems.add(at + "fields: name '" + name + "' must be unique letters and digits");
            }
            if (!FORM_FIELD_TYPES.contains(type))
                problems.add(at + "fields: type " + type + " not in " + FORM_FIELD_TYPES);
            List<String> options = new ArrayList<>();
            x.path("options").forEach(o -> options.add(o.asText()));
            fields.add(new EmbeddedForm.Field(
                    name, x.path("label").asText(name), type, x.path("required").asBoolean(), options));
        });
        if (fields.isEmpty()) problems.add(at + "fields: at least one field");
        int perMinute = f.path("perMinute").asInt(10);
        if (perMinute <= 0) problems.add(at + "perMinute must be positive");
        return new EmbeddedForm(formId, key, origins, event, fields, perMinute);
    }

    private String eventType(String type, String at) {
        if (!EventTypes.isKnown(type) && !type.startsWith("tray."))
            problems.add(at + " " + type + " is not an event type");
        return type;
    }

    private Duration duration(String text, String at) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) problems.add(at + " must be positive");
            return d;
        } catch (DateTimeParseException e) {
            problems.add(at + " must be an ISO-8601 duration like PT48H");
            return Duration.ofDays(1);
        }
    }

    private void unknown(JsonNode node, Set<String> allowed, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) problems.add(at + f + " is not a known field");
        }
    }
}
