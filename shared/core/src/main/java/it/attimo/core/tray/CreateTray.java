package it.attimo.core.tray;

import it.attimo.core.error.BadRequest;
import it.attimo.core.error.Conflict;
import it.attimo.core.json.Json;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.TrayAuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /trays}: checks the request against its template (every party named, only the creator's writable fields,
 * each valid), stores the tray waiting for its first turn, writes the first audit line, starts the tray's state machine
 * (execution name = tray id, input ids only) and logs {@code tray.created}. A repeated request with the same
 * {@code trayId} changes nothing and answers the stored tray.
 */
public final class CreateTray {
    /** The generic tray state machine ({@code statemachines/tray.asl.json}). */
    public static final String STATE_MACHINE = "tray";

    static final Pattern TRAY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The request, as parsed at the edge. */
    public record Request(
            String trayId, String template, String customerId, Map<String, Object> data, Map<String, String> parties) {}

    /** The answer: the tray, and whether this call created it. */
    public record Created(Tray tray, boolean created) {}

    private final StoredTrays trays;
    private final TrayAuditLog audit;
    private final JourneyRuntime runtime;
    private final TrayEvents events;
    private final Clock clock;

    public CreateTray(StoredTrays trays, TrayAuditLog audit, JourneyRuntime runtime, TrayEvents events, Clock clock) {
        this.trays = trays;
        this.audit = audit;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    public Created create(Request r) {
        List<String> problems = new ArrayList<>();
        if (r.template() == null || r.template().isBlank()) throw new BadRequest("template is required");
        TrayTemplate template = trays.templates()
                .find(r.template())
                .orElseThrow(() -> new BadRequest("unknown template '" + r.template() + "'"));
        if (r.customerId() == null || !PERSON_ID.matcher(r.customerId()).matches()) {
            problems.add("customerId is required: an opaque id (" + PERSON_ID + "), never an e-mail or phone number");
        }
        if (r.trayId() != null && !TRAY_ID.matcher(r.trayId()).matches()) problems.add("trayId must match " + TRAY_ID);

        Map<String, String> parties = new TreeMap<>();
        Map<String, String> given = r.parties() == null ? Map.of() : r.parties();
        for (Map.Entry<String, String> p : given.entrySet()) {
            if (!template.hasParty(p.getKey()))
                problems.add("parties." + p.getKey() + " is not a party of " + template.name());
            else if (p.getKey().equals(TrayParty.CUSTOMER)) {
                // the customer party is the customerId; naming it again is fine, naming someone else is not
                if (!java.util.Objects.equals(p.getValue(), r.customerId())) {
                    problems.add("parties.customer must be the customerId (or left out)");
                }
            } else if (p.getValue() == null || !PERSON_ID.matcher(p.getValue()).matches())
                problems.add("parties." + p.getKey() + " must be an opaque id (" + PERSON_ID + ")");
            else parties.put(p.getKey(), p.getValue());
        }
        for (TrayParty party : template.parties()) {
            if (party.isCustomer()) {
                if (r.customerId() != null) parties.put(TrayParty.CUSTOMER, r.customerId());
            } else if (!given.containsKey(party.id())) {
                problems.add("parties." + party.id() + " is required (" + party.label() + ")");
            }
        }

        java.util.Set<String> ownFields = new java.util.HashSet<>();
        template.sectionOf(template.creator()).ifPresent(own -> own.fields().forEach(f -> ownFields.add(f.name())));
        Map<String, String> values = new TreeMap<>();
        Map<String, Object> data = r.data() == null ? Map.of() : r.data();
        for (Map.Entry<String, Object> d : data.entrySet()) {
            var field = template.field(d.getKey());
            Object v = d.getValue();
            if (field.isEmpty()) {
                problems.add("data." + d.getKey() + " is not a field of " + template.name());
            } else if (!field.get().writableBy(template.creator())) {
                problems.add("data." + d.getKey() + " belongs to another party's section");
            } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
                problems.add("data." + d.getKey() + " must be a string, number or boolean");
            } else if (v != null) {
                String value = field.get().normalise(v instanceof String s ? s : Json.write(v));
                // the creator's own fields must be right; what it pre-fills for another party is a draft that party
                // corrects (the seed's customer fixing its data), so only its length is bounded here
                String problem = ownFields.contains(d.getKey())
                        ? field.get().problem(value)
                        : value.length() > TrayField.DEFAULT_MAX_LENGTH ? "too long" : null;
                if (problem != null) problems.add("data." + d.getKey() + ": " + problem);
                values.put(d.getKey(), value);
            }
        }
        template.sectionOf(template.creator()).ifPresent(own -> {
            for (TrayField f : own.fields()) {
                if (f.required() && !values.containsKey(f.name())) problems.add("data." + f.name() + " is required");
            }
        });
        if (!problems.isEmpty()) throw new BadRequest(String.join("; ", problems));

        Instant now = clock.instant();
        String trayId = r.trayId() != null ? r.trayId() : "tray-" + UUID.randomUUID();
        Tray tray = new Tray(trayId, template.name(), r.customerId(), parties, now);
        tray.data.putAll(values);
        String first = template.turns().get(0);
        tray.status = Tray.WAITING_PREFIX + first;
        tray.sections.put(template.creator(), new Tray.SectionState(Tray.SectionState.SUBMITTED, now));
        for (String turn : template.turns()) {
            tray.sections.put(turn, new Tray.SectionState(Tray.SectionState.PENDING, null));
        }
        if (!trays.create(tray)) {
            Tray existing = trays.load(trayId);
            if (!existing.template.equals(tray.template) || !existing.customerId.equals(tray.customerId)) {
                throw new Conflict("tray " + trayId + " already exists for another template or customer");
            }
            start(existing); // a retry after a crash between the store and the start
            return new Created(existing, false);
        }
        tray.version = 1;
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("template", template.name());
        detail.put("fields", String.join(",", values.keySet()));
        audit.append(trayId, now, template.creator(), "created", detail);
        start(tray);
        events.publish(TrayEvents.CREATED, tray, template.creator(), now, Map.of());
        return new Created(tray, true);
    }

    private void start(Tray tray) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("trayId", tray.trayId);
        input.put("template", tray.template);
        input.put("customerId", tray.customerId);
        runtime.start(STATE_MACHINE, tray.trayId, Json.write(input));
    }
}
