package it.attimo.core.tray;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a tray template ({@code trays/<name>.json}), validating all of it: every problem is listed (unknown fields
 * included), so a typo cannot silently open a field to the wrong party.
 */
public final class TrayTemplateLoader {
    private static final Set<String> TOP = Set.of(
            "comment",
            "name",
            "title",
            "creator",
            "turns",
            "notify",
            "parties",
            "sections",
            "credit",
            "crm",
            "sendBack");
    private static final Set<String> PARTY =
            Set.of("id", "label", "channel", "signs", "creditCheck", "reminderAfter", "expireAfter", "comment");
    private static final Set<String> SECTION = Set.of("id", "title", "party", "fields", "comment");
    private static final Set<String> FIELD = Set.of(
            "name",
            "label",
            "type",
            "required",
            "pattern",
            "patternHint",
            "maxLength",
            "min",
            "max",
            "options",
            "read",
            "write",
            "comment");
    private static final Set<String> CREDIT = Set.of("amountField", "approveUpTo", "comment");
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,40}");

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private TrayTemplateLoader(String source) {
        this.source = source;
    }

    /** @throws TrayTemplateException listing every problem */
    public static TrayTemplate parse(String source, String json) {
        return new TrayTemplateLoader(source).read(json);
    }

    private TrayTemplate read(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new TrayTemplateException(source, List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        if (!root.isObject()) throw new TrayTemplateException(source, List.of("must be a JSON object"));
        unknown(root, TOP, "");
        String name = id(root, "name", "");
        String title = text(root, "title", "", true);

        List<TrayParty> parties = new ArrayList<>();
        Set<String> partyIds = new LinkedHashSet<>();
        for (JsonNode p : array(root, "parties", "")) {
            TrayParty party = party(p, "parties[" + parties.size() + "].");
            if (party != null && !partyIds.add(party.id())) problems.add("party " + party.id() + " is declared twice");
            if (party != null) parties.add(party);
        }
        if (parties.isEmpty()) problems.add("parties: at least one party is required");
        String creator = id(root, "creator", "");
        if (creator != null && !partyIds.contains(creator)) problems.add("creator " + creator + " is not a party");
        List<String> turns = ids(root, "turns", partyIds);
        if (turns.isEmpty()) problems.add("turns: at least one party must have a turn");
        if (creator != null && turns.contains(creator)) problems.add("turns: the creator fills its part at creation");
        if (new HashSet<>(turns).size() != turns.size()) problems.add("turns: a party is listed twice");
        List<String> notify = root.has("notify") ? ids(root, "notify", partyIds) : List.of();

        List<TraySection> sections = new ArrayList<>();
        Set<String> fieldNames = new HashSet<>();
        Set<String> sectionParties = new HashSet<>();
        for (JsonNode s : array(root, "sections", "")) {
            String at = "sections[" + sections.size() + "].";
            unknown(s, SECTION, at);
            String id = id(s, "id", at);
            String party = id(s, "party", at);
            if (party != null && !partyIds.contains(party)) problems.add(at + "party " + party + " is not a party");
            if (party != null && !sectionParties.add(party)) problems.add(at + "party " + party + " has two sections");
            List<TrayField> fields = new ArrayList<>();
            for (JsonNode f : array(s, "fields", at)) {
                TrayField field = field(f, at + "fields[" + fields.size() + "].", party, partyIds);
                if (field == null) continue;
                if (!fieldNames.add(field.name())) problems.add(at + "field " + field.name() + " is declared twice");
                fields.add(field);
            }
            sections.add(new TraySection(id, text(s, "title", at, true), party, fields));
        }
        for (String turn : turns) {
            if (!sectionParties.contains(turn)) problems.add("turns: party " + turn + " has no section to fill");
        }
        TrayTemplate.CreditRule credit = null;
        if (root.has("credit")) {
            JsonNode c = root.get("credit");
            unknown(c, CREDIT, "credit.");
            String amountField = text(c, "amountField", "credit.", true);
            if (amountField != null && !fieldNames.contains(amountField)) {
                problems.add("credit.amountField " + amountField + " is not a field");
            }
            credit = new TrayTemplate.CreditRule(amountField, decimal(c, "approveUpTo", "credit."));
            if (credit.approveUpTo() == null) problems.add("credit.approveUpTo is required");
        }
        TrayTemplate.CrmMapping crm = null;
        if (root.has("crm")) {
            JsonNode c = root.get("crm");
            unknown(c, Set.of("contact", "deal", "comment"), "crm.");
            crm = new TrayTemplate.CrmMapping(mapping(c, "contact", fieldNames), mapping(c, "deal", fieldNames));
        }
        int sendBack = 0;
        if (root.has("sendBack")) {
            JsonNode n = root.get("sendBack");
            if (!n.isIntegralNumber() || n.asInt() < 0 || n.asInt() > MAX_SEND_BACK) {
                problems.add("sendBack must be a whole number from 0 to " + MAX_SEND_BACK + ", got " + n);
            } else {
                sendBack = n.asInt();
            }
        }
        if (!problems.isEmpty()) throw new TrayTemplateException(source, problems);
        return new TrayTemplate(name, title, creator, turns, notify, parties, sections, credit, crm, sendBack);
    }

    /** At most this many send-backs to the creator before a rejection ends the tray. */
    static final int MAX_SEND_BACK = 10;

    private TrayParty party(JsonNode p, String at) {
        unknown(p, PARTY, at);
        String id = id(p, "id", at);
        Channel channel = Channel.EMAIL;
        String ch = text(p, "channel", at, false);
        if (ch != null) {
            try {
                channel = Channel.parse(ch);
            } catch (IllegalArgumentException e) {
                problems.add(at + "channel: " + e.getMessage());
            }
        }
        return id == null
                ? null
                : new TrayParty(
                        id,
                        text(p, "label", at, true),
                        channel,
                        p.path("signs").asBoolean(false),
                        p.path("creditCheck").asBoolean(false),
                        duration(p, "reminderAfter", at),
                        duration(p, "expireAfter", at));
    }

    private TrayField field(JsonNode f, String at, String sectionParty, Set<String> partyIds) {
        unknown(f, FIELD, at);
        String name = text(f, "name", at, true);
        if (name != null && !FIELD_NAME.matcher(name).matches()) {
            problems.add(at + "name " + name + " must be letters and digits (" + FIELD_NAME + ")");
        }
        String type = f.has("type") ? f.get("type").asText() : "text";
        if (!TrayField.TYPES.contains(type)) problems.add(at + "type " + type + " is not one of " + TrayField.TYPES);
        Pattern pattern = null;
        if (f.has("pattern")) {
            try {
                pattern = Pattern.compile(f.get("pattern").asText());
            } catch (PatternSyntaxException e) {
                problems.add(at + "pattern is not a regular expression: " + e.getDescription());
            }
        }
        List<String> options = new ArrayList<>();
        f.path("options").forEach(o -> options.add(o.asText()));
        if ("select".equals(type) && options.isEmpty()) problems.add(at + "a select needs options");
        Set<String> read = f.has("read") ? new LinkedHashSet<>(ids(f, "read", partyIds)) : null;
        Set<String> write = f.has("write")
                ? new LinkedHashSet<>(ids(f, "write", partyIds))
                : sectionParty == null ? Set.of() : Set.of(sectionParty);
        if (sectionParty != null && !write.contains(sectionParty)) {
            problems.add(at + "write must include the section's party " + sectionParty);
        }
        Integer maxLength = f.has("maxLength") ? f.get("maxLength").asInt() : null;
        if (maxLength != null && maxLength <= 0) problems.add(at + "maxLength must be positive");
        return name == null
                ? null
                : new TrayField(
                        name,
                        text(f, "label", at, true),
                        type,
                        f.path("required").asBoolean(false),
                        pattern,
                        text(f, "patternHint", at, false),
                        maxLength,
                        decimal(f, "min", at),
                        decimal(f, "max", at),
                        options,
                        read,
                        write);
    }

    private java.util.Map<String, String> mapping(JsonNode crm, String field, Set<String> fieldNames) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        crm.path(field).fields().forEachRemaining(e -> {
            if (!fieldNames.contains(e.getKey())) problems.add("crm." + field + "." + e.getKey() + " is not a field");
            else if (!e.getValue().asText().matches("[a-z][a-z0-9_]{0,99}")) {
                problems.add("crm." + field + "." + e.getKey() + " must name a CRM property (lower case, _)");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private void unknown(JsonNode node, Set<String> allowed, String at) {
        if (!node.isObject()) {
            problems.add(at + " must be an object");
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) problems.add(at + f + " is not a known field");
        }
    }

    private String text(JsonNode node, String field, String at, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) problems.add(at + field + " is required");
            return null;
        }
        if (!v.isTextual()) problems.add(at + field + " must be a string");
        return v.asText();
    }

    private String id(JsonNode node, String field, String at) {
        String v = text(node, field, at, true);
        if (v != null && !ID.matcher(v).matches()) {
            problems.add(at + field + " " + v + " must match " + ID);
            return null;
        }
        return v;
    }

    private List<String> ids(JsonNode node, String field, Set<String> partyIds) {
        List<String> out = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            problems.add(field + " must be a list of parties");
            return out;
        }
        for (JsonNode e : v) {
            if (!partyIds.contains(e.asText())) problems.add(field + ": " + e.asText() + " is not a party");
            else out.add(e.asText());
        }
        return out;
    }

    private Iterable<JsonNode> array(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            problems.add(at + field + " must be a list");
            return List.of();
        }
        return v;
    }

    private Duration duration(JsonNode node, String field, String at) {
        String v = text(node, field, at, false);
        if (v == null) return null;
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.isZero()) problems.add(at + field + " must be positive");
            return d;
        } catch (DateTimeParseException e) {
            problems.add(at + field + " must be an ISO-8601 duration like PT24H");
            return null;
        }
    }

    private BigDecimal decimal(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) {
            problems.add(at + field + " must be a number");
            return null;
        }
        return v.decimalValue();
    }
}
