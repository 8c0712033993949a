package it.attimo.core.tray;

import it.attimo.core.channel.Channel;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.Conflict;
import it.attimo.core.error.Forbidden;
import it.attimo.core.error.NotFound;
import it.attimo.core.port.CreditCheck;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.TrayAuditLog;
import it.attimo.core.port.TrayDocumentStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The party pages ({@code GET/POST /tray/{token}}): a verified link shows its party's view of the document, and its
 * party's turn accepts {@code submit}, {@code request-otp} then {@code sign} (a signing party), or {@code reject} with a
 * note. Values are validated with errors per field; a field the party may not write is refused (403) and logged in
 * the audit trail; a form from an older rendering (its {@code _nonce}) is refused (409). After a submission the
 * state machine's task token is resumed.
 */
public final class PartyTurns {
    public static final String ACTION = "_action";
    public static final String NONCE = "_nonce";
    public static final String NOTE = "note";
    public static final String CODE = "otp";
    /** Form names that are not fields. */
    static final Set<String> CONTROL = Set.of(ACTION, NONCE, NOTE, CODE);

    static final Duration OTP_VALIDITY = Duration.ofMinutes(10);
    static final int OTP_ATTEMPTS = 5;
    static final int OTP_SENDS = 5;
    static final int NOTE_MAX = 1000;

    /** A page to answer: HTTP status and what to show. */
    public record Result(int status, PartyView view) {}

    private final StoredTrays trays;
    private final TrayAuditLog audit;
    private final TrayTokens tokens;
    private final TrayMessages messages;
    private final TrayEvents events;
    private final CreditCheck credit;
    private final TrayDocumentStore documents;
    private final JourneyRuntime runtime;
    private final Clock clock;

    public PartyTurns(
            StoredTrays trays,
            TrayAuditLog audit,
            TrayTokens tokens,
            TrayMessages messages,
            TrayEvents events,
            CreditCheck credit,
            TrayDocumentStore documents,
            JourneyRuntime runtime,
            Clock clock) {
        this.trays = trays;
        this.audit = audit;
        this.tokens = tokens;
        this.messages = messages;
        this.events = events;
        this.credit = credit;
        this.documents = documents;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** @throws Forbidden for a forged link, {@link NotFound} for an expired one or a tray that is gone */
    public PartyView view(String token) {
        TrayLink link = tokens.verify(token, clock.instant());
        Tray tray = open(link);
        return view(tray, trays.template(tray), link.party(), Map.of(), Map.of(), null);
    }

    /** How long a direct link to the stored PDF ({@link TrayDocumentStore#link}) stays valid. */
    public static final Duration DOCUMENT_LINK_VALIDITY = Duration.ofMinutes(5);

    /** The completed document's PDF, for any party of the tray. */
    public byte[] document(String token) {
        Tray tray = completed(token);
        return documents.find(tray.trayId).orElseThrow(() -> new NotFound("the document is not ready yet"));
    }

    /**
     * For any party of the completed tray: a short-lived direct link to the stored PDF ({@link
     * #DOCUMENT_LINK_VALIDITY}), where the store has links; empty means {@link #document} serves the bytes.
     */
    public Optional<URI> documentLink(String token) {
        return documents.link(completed(token).trayId, DOCUMENT_LINK_VALIDITY);
    }

    private Tray completed(String token) {
        TrayLink link = tokens.verify(token, clock.instant());
        Tray tray = open(link);
        if (!Tray.COMPLETED.equals(tray.status)) throw new NotFound("the document is not complete yet");
        return tray;
    }

    public Result act(String token, Map<String, String> form) {
        TrayLink link = tokens.verify(token, clock.instant());
        Tray tray = open(link);
        TrayTemplate template = trays.template(tray);
        String party = link.party();
        if (tray.finished()
                || !party.equals(tray.turn)
                || !Tray.SectionState.WAITING.equals(tray.sectionStatus(party))) {
            throw new Conflict("it is not this party's turn on this document");
        }
        String nonce = form.get(NONCE);
        if (nonce != null && !tokens.formNonceMatches(nonce, tray.trayId, party, tray.version)) {
            throw new Conflict("the document changed since this page was opened: reload it");
        }
        Map<String, String> posted = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (CONTROL.contains(e.getKey())) continue;
            Optional<TrayField> field = template.field(e.getKey());
            if (field.isEmpty()) unknown.add(e.getKey());
            else if (!field.get().writableBy(party)) refused.add(e.getKey());
            else posted.put(e.getKey(), e.getValue());
        }
        if (!refused.isEmpty()) {
            audit.append(
                    tray.trayId, clock.instant(), party, "write-refused", Map.of("fields", String.join(",", refused)));
            throw new Forbidden("this link may not change " + String.join(", ", refused));
        }
        if (!unknown.isEmpty()) throw new BadRequest("unknown fields: " + String.join(", ", unknown));
        String action = form.getOrDefault(ACTION, "submit");
        TrayParty p = template.party(party);
        return switch (action) {
            case "submit", "request-otp" ->
                p.signs() ? requestOtp(tray, template, party, posted) : submit(tray, template, party, posted);
            case "sign" -> sign(tray, template, party, form.get(CODE));
            case "reject" -> reject(tray, template, party, form.get(NOTE));
            case "edit" -> edit(tray, template, party);
            default ->
                throw new BadRequest("unknown action '" + action + "' (submit, request-otp, sign, edit, reject)");
        };
    }

    private Result submit(Tray tray, TrayTemplate template, String party, Map<String, String> posted) {
        Map<String, String> values = merged(tray, template, party, posted);
        Map<String, String> errors = errors(template, party, values);
        if (!errors.isEmpty()) return new Result(400, view(tray, template, party, values, errors, null));
        Instant now = clock.instant();
        Tray saved = trays.change(tray.trayId, t -> {
            if (!Tray.SectionState.WAITING.equals(t.sectionStatus(party))) throw new Conflict("already submitted");
            t.data.putAll(values);
            t.sections.put(party, new Tray.SectionState(Tray.SectionState.SUBMITTED, now));
            return true;
        });
        auditChanges(tray, party, values, now);
        audit.append(tray.trayId, now, party, "submitted", Map.of("documentSha256", DocumentHash.of(saved)));
        events.publish(TrayEvents.SUBMITTED, saved, party, now, Map.of());
        resume(saved);
        return new Result(
                200, view(saved, template, party, Map.of(), Map.of(), "Grazie: la sua parte è stata inviata."));
    }

    private Result requestOtp(Tray tray, TrayTemplate template, String party, Map<String, String> posted) {
        Map<String, String> values = merged(tray, template, party, posted);
        Map<String, String> errors = errors(template, party, values);
        if (!errors.isEmpty()) return new Result(400, view(tray, template, party, values, errors, null));
        int sent = tray.otp == null ? 0 : tray.otp.sent();
        if (sent >= OTP_SENDS) {
            return new Result(
                    429,
                    view(
                            tray,
                            template,
                            party,
                            Map.of(),
                            Map.of(CODE, "Troppi codici richiesti: contatti il commerciale"),
                            null));
        }
        Instant now = clock.instant();
        String code = tokens.newOtp();
        Tray saved = trays.change(tray.trayId, t -> {
            t.data.putAll(values);
            int n = t.otp == null ? 0 : t.otp.sent();
            t.otp = new Tray.OtpChallenge(
                    party,
                    tokens.otpHash(t.trayId, party, code),
                    DocumentHash.seenBy(t, template, party),
                    now.plus(OTP_VALIDITY),
                    0,
                    n + 1);
            return true;
        });
        auditChanges(tray, party, values, now);
        Channel channel = messages.otpChannel(saved, party);
        messages.send(saved, party, channel, "otp", "otp-" + saved.otp.sent(), Map.of("otp", code));
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("channel", channel.id());
        detail.put("documentSha256", saved.otp.documentSha256());
        audit.append(tray.trayId, now, party, "otp-sent", detail);
        String where = channel == Channel.SMS ? "per SMS" : "per e-mail";
        return new Result(
                200,
                view(
                        saved,
                        template,
                        party,
                        Map.of(),
                        Map.of(),
                        "Le abbiamo inviato un codice " + where + ": lo inserisca per firmare."));
    }

    private Result sign(Tray tray, TrayTemplate template, String party, String code) {
        Instant now = clock.instant();
        Tray.OtpChallenge otp = tray.otp;
        String problem = null;
        if (otp == null || !party.equals(otp.party())) problem = "Richieda prima il codice";
        else if (!now.isBefore(otp.expiresAt())) problem = "Codice scaduto: ne richieda uno nuovo";
        else if (otp.attempts() >= OTP_ATTEMPTS) problem = "Troppi tentativi: richieda un nuovo codice";
        else if (!DocumentHash.seenBy(tray, template, party).equals(otp.documentSha256()))
            problem = "Il documento è cambiato: richieda un nuovo codice";
        if (problem == null) {
            boolean right = code != null
                    && it.attimo.core.ingest.Hmac.constantTimeEquals(
                            tokens.otpHash(tray.trayId, party, code.strip())
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            otp.codeHash().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!right) {
                Tray saved = trays.change(tray.trayId, t -> {
                    if (t.otp == null) return false;
                    t.otp = new Tray.OtpChallenge(
                            t.otp.party(),
                            t.otp.codeHash(),
                            t.otp.documentSha256(),
                            t.otp.expiresAt(),
                            t.otp.attempts() + 1,
                            t.otp.sent());
                    return true;
                });
                audit.append(tray.trayId, now, party, "otp-failed", Map.of());
                return new Result(400, view(saved, template, party, Map.of(), Map.of(CODE, "Codice errato"), null));
            }
        }
        if (problem != null) return new Result(400, view(tray, template, party, Map.of(), Map.of(CODE, problem), null));
        String hash = otp.documentSha256();
        String method = "otp-" + messages.otpChannel(tray, party).id();
        Tray saved = trays.change(tray.trayId, t -> {
            if (!Tray.SectionState.WAITING.equals(t.sectionStatus(party))) throw new Conflict("already signed");
            if (!DocumentHash.seenBy(t, template, party).equals(hash))
                throw new Conflict("the document changed: request a new code");
            t.signatures.add(new Tray.Signature(party, hash, now, method));
            t.otp = null;
            t.sections.put(party, new Tray.SectionState(Tray.SectionState.SUBMITTED, now));
            return true;
        });
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("documentSha256", hash);
        detail.put("method", method);
        audit.append(tray.trayId, now, party, "signed", detail);
        audit.append(tray.trayId, now, party, "submitted", Map.of("documentSha256", hash));
        events.publish(TrayEvents.SIGNED, saved, party, now, Map.of("documentSha256", hash));
        resume(saved);
        return new Result(200, view(saved, template, party, Map.of(), Map.of(), "Documento firmato. Grazie!"));
    }

    /** A signing party wants to change its data after asking for a code: the code is withdrawn. */
    private Result edit(Tray tray, TrayTemplate template, String party) {
        Tray saved = trays.change(tray.trayId, t -> {
            if (t.otp == null) return false;
            t.otp = new Tray.OtpChallenge(
                    t.otp.party(),
                    t.otp.codeHash(),
                    t.otp.documentSha256(),
                    clock.instant(),
                    t.otp.attempts(),
                    t.otp.sent());
            return true;
        });
        return new Result(200, view(saved, template, party, Map.of(), Map.of(), null));
    }

    /**
     * A turn's party sends the tray back with a note: to the creator to correct while the template's {@code sendBack}
     * rounds last (every later turn starts again, earlier signatures no longer stand for the new version), otherwise,
     * or when the creator itself rejects its corrections' turn, the tray ends {@code rejected}.
     */
    private Result reject(Tray tray, TrayTemplate template, String party, String note) {
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > NOTE_MAX) {
            String why = text.isEmpty()
                    ? party.equals(template.creator()) ? "Scriva il motivo" : "Scriva il motivo per il commerciale"
                    : "Al massimo " + NOTE_MAX + " caratteri";
            return new Result(400, view(tray, template, party, Map.of(), Map.of(NOTE, why), null));
        }
        Instant now = clock.instant();
        boolean[] sentBack = {false};
        Tray saved = trays.change(tray.trayId, t -> {
            if (!Tray.SectionState.WAITING.equals(t.sectionStatus(party))) throw new Conflict("already submitted");
            t.rejection = new Tray.Rejection(party, text, now);
            t.otp = null;
            if (!party.equals(template.creator()) && t.sentBack < template.sendBack()) {
                t.sentBack++;
                t.signatures.clear();
                for (String turn : template.turns())
                    t.sections.put(turn, new Tray.SectionState(Tray.SectionState.PENDING, null));
                t.sections.put(template.creator(), new Tray.SectionState(Tray.SectionState.WAITING, null));
                t.status = Tray.WAITING_PREFIX + template.creator();
                sentBack[0] = true;
            } else {
                t.status = Tray.REJECTED;
                t.sections.put(party, new Tray.SectionState(Tray.REJECTED, null));
            }
            return true;
        });
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put(NOTE, text);
        if (sentBack[0]) {
            detail.put("sentBackTo", template.creator());
            detail.put("round", Integer.toString(saved.sentBack + 1));
        }
        audit.append(tray.trayId, now, party, sentBack[0] ? "sent-back" : "rejected", detail);
        events.publish(
                TrayEvents.SUBMITTED, saved, party, now, Map.of("outcome", sentBack[0] ? "sent-back" : "rejected"));
        resume(saved);
        String notice = sentBack[0]
                ? "Documento rimandato al commerciale con la sua nota: lo riceverà di nuovo quando sarà corretto."
                : party.equals(template.creator())
                        ? "Documento ritirato: non proseguirà."
                        : "Documento rimandato al commerciale con la sua nota.";
        return new Result(200, view(saved, template, party, Map.of(), Map.of(), notice));
    }

    /** Resumes the parked turn, if the state machine already parked it (else its wait step sees the submission). */
    private void resume(Tray saved) {
        if (saved.taskToken != null) runtime.resume(saved.taskToken, TrayFlow.outcome(saved));
    }

    /** One audit line per value that differs from the version the party's form was checked against. */
    private void auditChanges(Tray before, String party, Map<String, String> values, Instant now) {
        for (Map.Entry<String, String> v : values.entrySet()) {
            String was = before.data.getOrDefault(v.getKey(), "");
            if (was.equals(v.getValue())) continue;
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("field", v.getKey());
            detail.put("from", was);
            detail.put("to", v.getValue());
            audit.append(before.trayId, now, party, "changed", detail);
        }
    }

    /** The party's writable fields: posted values over stored ones; an unposted checkbox is unticked. */
    private static Map<String, String> merged(
            Tray tray, TrayTemplate template, String party, Map<String, String> posted) {
        Map<String, String> values = new TreeMap<>();
        for (TrayField f : template.writableBy(party)) {
            String raw = posted.containsKey(f.name())
                    ? posted.get(f.name())
                    : "checkbox".equals(f.type()) ? "false" : tray.data.getOrDefault(f.name(), "");
            values.put(f.name(), f.normalise(raw));
        }
        return values;
    }

    /**
     * Each writable field checked in full, except that the creator (correcting a tray sent back to it) is held, as at
     * creation, to its own section only: what it pre-fills in another party's section is a draft that party corrects.
     */
    private static Map<String, String> errors(TrayTemplate template, String party, Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<TrayField> own = template.sectionOf(party).map(TraySection::fields).orElse(List.of());
        boolean creator = party.equals(template.creator());
        for (TrayField f : template.writableBy(party)) {
            String value = values.get(f.name());
            String problem = !creator || own.contains(f)
                    ? f.problem(value)
                    : value != null && value.length() > TrayField.DEFAULT_MAX_LENGTH
                            ? "Al massimo " + TrayField.DEFAULT_MAX_LENGTH + " caratteri"
                            : null;
            if (problem != null) errors.put(f.name(), problem);
        }
        return errors;
    }

    private Tray open(TrayLink link) {
        Tray tray = trays.load(link.trayId());
        if (!tray.parties.containsKey(link.party())) throw new Forbidden("this link is not valid");
        return tray;
    }

    private PartyView view(
            Tray tray,
            TrayTemplate template,
            String party,
            Map<String, String> entered,
            Map<String, String> errors,
            String notice) {
        boolean canAct = !tray.finished()
                && party.equals(tray.turn)
                && Tray.SectionState.WAITING.equals(tray.sectionStatus(party));
        // while a code is pending the values it signs are locked: "Modifica i dati" (edit) unlocks them
        boolean locked = canAct
                && tray.otp != null
                && party.equals(tray.otp.party())
                && clock.instant().isBefore(tray.otp.expiresAt());
        List<PartyView.SectionView> sections = new ArrayList<>();
        for (TraySection s : template.sections()) {
            List<PartyView.FieldView> fields = new ArrayList<>();
            for (TrayField f : s.fields()) {
                if (!f.readableBy(party)) continue;
                String value =
                        entered.containsKey(f.name()) ? entered.get(f.name()) : tray.data.getOrDefault(f.name(), "");
                fields.add(new PartyView.FieldView(f, value, canAct && !locked && f.writableBy(party)));
            }
            if (!fields.isEmpty())
                sections.add(new PartyView.SectionView(
                        s, tray.sectionStatus(s.party()), s.party().equals(party), fields));
        }
        TrayParty p = template.party(party);
        CreditAssessment assessment = p.creditCheck() ? credit.assess(template, tray) : null;
        boolean otpPending = locked;
        return new PartyView(
                tray,
                template,
                p,
                sections,
                canAct,
                otpPending,
                assessment,
                tokens.formNonce(tray.trayId, party, tray.version),
                errors,
                notice,
                Tray.COMPLETED.equals(tray.status));
    }
}
