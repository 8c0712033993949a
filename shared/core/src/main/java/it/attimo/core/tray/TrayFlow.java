package it.attimo.core.tray;

import it.attimo.core.digest.Sha256;
import it.attimo.core.json.Json;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.TrayAuditLog;
import it.attimo.core.port.TrayCrm;
import it.attimo.core.port.TrayDocumentRenderer;
import it.attimo.core.port.TrayDocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The judgement behind the tray state machine's steps ({@code statemachines/tray.asl.json}), one method per action:
 * {@code turn} (whose turn is next, and send that party its link), {@code wait} (park the task token until the party
 * submits), {@code remind}, {@code expire} (escalate to the creator), {@code complete} (hash, PDF, event, CRM, notify)
 * and {@code rejected}. Every action is safe to retry: messages go through the ledger, events have derived ids, and
 * state changes are checked against the stored tray.
 */
public final class TrayFlow {
    /** How long the links sent at completion, rejection and expiry (read-only views) stay valid. */
    public static final Duration VIEW_LINK_VALIDITY = Duration.ofDays(30);

    private final StoredTrays trays;
    private final TrayAuditLog audit;
    private final TrayTokens tokens;
    private final TrayMessages messages;
    private final TrayEvents events;
    private final TrayDocumentRenderer renderer;
    private final TrayDocumentStore documents;
    private final TrayCrm crm;
    private final JourneyRuntime runtime;
    private final Clock clock;

    public TrayFlow(
            StoredTrays trays,
            TrayAuditLog audit,
            TrayTokens tokens,
            TrayMessages messages,
            TrayEvents events,
            TrayDocumentRenderer renderer,
            TrayDocumentStore documents,
            TrayCrm crm,
            JourneyRuntime runtime,
            Clock clock) {
        this.trays = trays;
        this.audit = audit;
        this.tokens = tokens;
        this.messages = messages;
        this.events = events;
        this.renderer = renderer;
        this.documents = documents;
        this.crm = crm;
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * {@code turn}: {@code {state: waiting, party, reminderSeconds, expirySeconds}} after sending the party its link,
     * or {@code {state: complete | rejected | expired | completed}}.
     */
    public Map<String, Object> turn(String trayId) {
        Tray current = trays.load(trayId);
        TrayTemplate template = trays.template(current);
        if (current.finished()) return state(current.status);
        // sent back: the creator corrects first, then every turn again in order
        String next = Tray.SectionState.WAITING.equals(current.sectionStatus(template.creator()))
                ? template.creator()
                : template.turns().stream()
                        .filter(p -> !Tray.SectionState.SUBMITTED.equals(current.sectionStatus(p)))
                        .findFirst()
                        .orElse(null);
        if (next == null) return state("complete");
        Instant now = clock.instant();
        boolean[] started = {false};
        Tray tray = trays.change(trayId, t -> {
            if (next.equals(t.turn) && t.turnStartedAt != null) return false;
            t.turn = next;
            t.turnStartedAt = now;
            t.taskToken = null;
            t.status = Tray.WAITING_PREFIX + next;
            t.sections.put(next, new Tray.SectionState(Tray.SectionState.WAITING, null));
            started[0] = true;
            return true;
        });
        TrayParty party = template.party(next);
        if (started[0]) audit.append(trayId, now, AuditEntry.SYSTEM, "turn", Map.of("party", next));
        String token = tokens.issue(trayId, next, tray.turnStartedAt.plus(party.expireAfter()));
        messages.send(
                tray, next, party.channel(), next + "-turn", round(tray, next + "-turn"), Map.of("trayToken", token));
        Map<String, Object> out = state("waiting");
        out.put("party", next);
        long reminder = party.reminderAfter().compareTo(party.expireAfter()) < 0
                ? party.reminderAfter().toSeconds()
                : party.expireAfter().toSeconds();
        out.put("reminderSeconds", Math.max(1, reminder));
        out.put("expirySeconds", Math.max(1, party.expireAfter().toSeconds() - reminder));
        return out;
    }

    /** {@code wait}: parks the task token on the tray; resumes at once when the party already acted. */
    public Map<String, Object> await(String trayId, String party, String taskToken) {
        Tray tray = trays.change(trayId, t -> {
            if (acted(t, party)) return false;
            t.taskToken = taskToken;
            return true;
        });
        if (acted(tray, party)) runtime.resume(taskToken, outcome(tray));
        return state("parked");
    }

    /** {@code remind}: the party's link again, once per turn. */
    public Map<String, Object> remind(String trayId, String party) {
        Tray tray = trays.load(trayId);
        if (acted(tray, party) || !party.equals(tray.turn)) return state("skipped");
        TrayParty p = trays.template(tray).party(party);
        String token = tokens.issue(trayId, party, tray.turnStartedAt.plus(p.expireAfter()));
        if (messages.send(
                        tray,
                        party,
                        p.channel(),
                        party + "-reminder",
                        round(tray, party + "-reminder"),
                        Map.of("trayToken", token))
                .isPresent()) {
            audit.append(trayId, clock.instant(), AuditEntry.SYSTEM, "reminded", Map.of("party", party));
        }
        return state("reminded");
    }

    /** {@code expire}: the party let its turn lapse; the tray expires and its creator is told (escalation). */
    public Map<String, Object> expire(String trayId, String party) {
        Instant now = clock.instant();
        boolean[] expired = {false};
        Tray tray = trays.change(trayId, t -> {
            if (t.finished() || acted(t, party)) return false;
            t.status = Tray.EXPIRED;
            t.sections.put(party, new Tray.SectionState(Tray.EXPIRED, null));
            t.taskToken = null;
            expired[0] = true;
            return true;
        });
        if (!expired[0] && !Tray.EXPIRED.equals(tray.status)) return state(tray.status);
        TrayTemplate template = trays.template(tray);
        if (expired[0]) audit.append(trayId, now, AuditEntry.SYSTEM, "expired", Map.of("party", party));
        notifyCreator(tray, template, "expired");
        events.publish(TrayEvents.EXPIRED, tray, party, now, Map.of());
        return state(Tray.EXPIRED);
    }

    /** {@code rejected}: a party sent the tray back; the creator gets a link to read the note. */
    public Map<String, Object> rejected(String trayId) {
        Tray tray = trays.load(trayId);
        if (!Tray.REJECTED.equals(tray.status)) return state(tray.status);
        notifyCreator(tray, trays.template(tray), "rejected");
        events.publish(
                TrayEvents.REJECTED,
                tray,
                tray.rejection == null ? null : tray.rejection.party(),
                clock.instant(),
                Map.of());
        return state(Tray.REJECTED);
    }

    /**
     * {@code complete}: every turn is in. Hashes the final version, renders the PDF with the audit trail and stores it,
     * marks the tray completed, logs {@code tray.completed}, hands the data to the CRM and sends the {@code notify}
     * parties their link ({@code <party>-turn}).
     */
    public Map<String, Object> complete(String trayId) {
        Tray tray = trays.load(trayId);
        TrayTemplate template = trays.template(tray);
        boolean[] justCompleted = {false};
        if (!Tray.COMPLETED.equals(tray.status)) {
            if (tray.finished()) return state(tray.status);
            boolean allIn =
                    template.turns().stream().allMatch(p -> Tray.SectionState.SUBMITTED.equals(tray.sectionStatus(p)));
            if (!allIn) throw new IllegalArgumentException("tray " + trayId + " is not complete yet");
            Instant now = clock.instant();
            String hash = DocumentHash.of(tray);
            List<AuditEntry> trail = audit.entries(trayId);
            if (trail.stream().noneMatch(e -> e.action().equals("completed"))) {
                audit.append(trayId, now, AuditEntry.SYSTEM, "completed", Map.of("documentSha256", hash));
                trail = audit.entries(trayId);
            }
            Tray toRender = Tray.fromMap(tray.toMap());
            toRender.status = Tray.COMPLETED;
            toRender.documentSha256 = hash;
            byte[] pdf = renderer.render(template, toRender, trail);
            documents.put(trayId, pdf);
            String pdfHash = Sha256.hex(pdf);
            justCompleted[0] = true;
            trays.change(trayId, t -> {
                if (Tray.COMPLETED.equals(t.status)) return false;
                t.status = Tray.COMPLETED;
                t.turn = null;
                t.taskToken = null;
                t.documentSha256 = hash;
                t.pdfSha256 = pdfHash;
                return true;
            });
        }
        Tray done = trays.load(trayId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("documentSha256", done.documentSha256);
        events.publish(TrayEvents.COMPLETED, done, null, clock.instant(), data);
        // at most once: a deal created twice would be worse than one missed (the event above carries the completion)
        if (justCompleted[0]) crm.completed(template, done);
        for (String party : template.notifyOnCompletion()) {
            String token = tokens.issue(trayId, party, clock.instant().plus(VIEW_LINK_VALIDITY));
            messages.send(
                    done,
                    party,
                    template.party(party).channel(),
                    party + "-turn",
                    party + "-turn",
                    Map.of("trayToken", token));
        }
        return state(Tray.COMPLETED);
    }

    private void notifyCreator(Tray tray, TrayTemplate template, String step) {
        String creator = template.creator();
        String token = tokens.issue(tray.trayId, creator, clock.instant().plus(VIEW_LINK_VALIDITY));
        messages.send(tray, creator, template.party(creator).channel(), step, step, Map.of("trayToken", token));
    }

    static boolean acted(Tray t, String party) {
        return t.finished() || Tray.SectionState.SUBMITTED.equals(t.sectionStatus(party));
    }

    /** The ledger step of a send in the tray's current round: a tray sent back sends each turn's link again. */
    static String round(Tray tray, String step) {
        return tray.sentBack == 0 ? step : step + "-r" + (tray.sentBack + 1);
    }

    static String outcome(Tray t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", Tray.REJECTED.equals(t.status) ? "rejected" : "submitted");
        return Json.write(out);
    }

    private static Map<String, Object> state(String state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        return out;
    }
}
