package it.attimo.core.tray;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tray: a document of a template, its parties (party → id), the field values, each party's section status, the
 * current turn, the pending one-time code, the signatures, and the hashes of the completed document. Changed only
 * through the tray use cases and stored with an optimistic {@link #version}. Its audit trail is kept apart, append-only.
 */
public final class Tray {
    public static final String COMPLETED = "completed";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
    public static final String WAITING_PREFIX = "waiting-";

    /** A section's status: {@code pending}, {@code waiting}, {@code submitted}, {@code rejected}, {@code expired}. */
    public record SectionState(String status, Instant submittedAt) {
        public static final String PENDING = "pending";
        public static final String WAITING = "waiting";
        public static final String SUBMITTED = "submitted";
    }

    /** A simple electronic signature: who, when, how, over which document version (SHA-256 of its canonical form). */
    public record Signature(String party, String documentSha256, Instant signedAt, String method) {}

    /** A one-time code sent to a signing party: its HMAC (never the code), the version it signs, expiry, attempts. */
    public record OtpChallenge(
            String party, String codeHash, String documentSha256, Instant expiresAt, int attempts, int sent) {}

    /** Why a party sent the tray back. */
    public record Rejection(String party, String note, Instant at) {}

    public final String trayId;
    public final String template;
    public final String customerId;
    public final Map<String, String> parties;
    public String status;
    public final Map<String, String> data = new TreeMap<>();
    public final Map<String, SectionState> sections = new LinkedHashMap<>();
    public String turn;
    public Instant turnStartedAt;
    public String taskToken;
    public OtpChallenge otp;
    public final List<Signature> signatures = new ArrayList<>();
    public Rejection rejection;
    /** How many times a rejection sent the tray back to its creator (each one starts a new round of turns). */
    public int sentBack;

    public String documentSha256;
    public String pdfSha256;
    public final Instant createdAt;
    public Instant updatedAt;
    public long version;

    public Tray(String trayId, String template, String customerId, Map<String, String> parties, Instant createdAt) {
        this.trayId = trayId;
        this.template = template;
        this.customerId = customerId;
        this.parties = Map.copyOf(parties);
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public boolean finished() {
        return COMPLETED.equals(status) || REJECTED.equals(status) || EXPIRED.equals(status);
    }

    public String sectionStatus(String party) {
        SectionState s = sections.get(party);
        return s == null ? null : s.status();
    }

    /** The tray as plain JSON values (for storage), read back by {@link #fromMap}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trayId", trayId);
        m.put("template", template);
        m.put("customerId", customerId);
        m.put("parties", new TreeMap<>(parties));
        m.put("status", status);
        m.put("data", new TreeMap<>(data));
        Map<String, Object> s = new LinkedHashMap<>();
        sections.forEach(
                (party, st) -> s.put(party, map("status", st.status(), "submittedAt", text(st.submittedAt()))));
        m.put("sections", s);
        m.put("turn", turn);
        m.put("turnStartedAt", text(turnStartedAt));
        m.put("taskToken", taskToken);
        if (otp != null) {
            Map<String, Object> o = map("party", otp.party(), "codeHash", otp.codeHash());
            o.put("documentSha256", otp.documentSha256());
            o.put("expiresAt", text(otp.expiresAt()));
            o.put("attempts", otp.attempts());
            o.put("sent", otp.sent());
            m.put("otp", o);
        }
        List<Object> sigs = new ArrayList<>();
        for (Signature sig : signatures) {
            Map<String, Object> g = map("party", sig.party(), "documentSha256", sig.documentSha256());
            g.put("signedAt", text(sig.signedAt()));
            g.put("method", sig.method());
            sigs.add(g);
        }
        m.put("signatures", sigs);
        if (rejection != null) {
            Map<String, Object> r = map("party", rejection.party(), "note", rejection.note());
            r.put("at", text(rejection.at()));
            m.put("rejection", r);
        }
        m.put("sentBack", sentBack);
        m.put("documentSha256", documentSha256);
        m.put("pdfSha256", pdfSha256);
        m.put("createdAt", text(createdAt));
        m.put("updatedAt", text(updatedAt));
        m.put("version", version);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Tray fromMap(Map<String, Object> m) {
        Map<String, String> parties = new TreeMap<>();
        ((Map<String, Object>) m.get("parties")).forEach((k, v) -> parties.put(k, String.valueOf(v)));
        Tray t = new Tray(
                str(m, "trayId"), str(m, "template"), str(m, "customerId"), parties, instant(m.get("createdAt")));
        t.status = str(m, "status");
        ((Map<String, Object>) m.getOrDefault("data", Map.of())).forEach((k, v) -> t.data.put(k, String.valueOf(v)));
        ((Map<String, Object>) m.getOrDefault("sections", Map.of())).forEach((party, v) -> {
            Map<String, Object> st = (Map<String, Object>) v;
            t.sections.put(party, new SectionState(str(st, "status"), instant(st.get("submittedAt"))));
        });
        t.turn = str(m, "turn");
        t.turnStartedAt = instant(m.get("turnStartedAt"));
        t.taskToken = str(m, "taskToken");
        if (m.get("otp") instanceof Map<?, ?> o) {
            Map<String, Object> om = (Map<String, Object>) o;
            t.otp = new OtpChallenge(
                    str(om, "party"),
                    str(om, "codeHash"),
                    str(om, "documentSha256"),
                    instant(om.get("expiresAt")),
                    ((Number) om.get("attempts")).intValue(),
                    ((Number) om.get("sent")).intValue());
        }
        for (Object o : (List<Object>) m.getOrDefault("signatures", List.of())) {
            Map<String, Object> g = (Map<String, Object>) o;
            t.signatures.add(new Signature(
                    str(g, "party"), str(g, "documentSha256"), instant(g.get("signedAt")), str(g, "method")));
        }
        if (m.get("rejection") instanceof Map<?, ?> r) {
            Map<String, Object> rm = (Map<String, Object>) r;
            t.rejection = new Rejection(str(rm, "party"), str(rm, "note"), instant(rm.get("at")));
        }
        t.sentBack = ((Number) m.getOrDefault("sentBack", 0)).intValue();
        t.documentSha256 = str(m, "documentSha256");
        t.pdfSha256 = str(m, "pdfSha256");
        t.updatedAt = instant(m.get("updatedAt"));
        t.version = ((Number) m.getOrDefault("version", 0)).longValue();
        return t;
    }

    private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    private static Instant instant(Object v) {
        return v == null ? null : Instant.parse(v.toString());
    }

    @Override
    public String toString() {
        return "Tray[" + trayId + " " + template + " " + status + " v" + version + "]";
    }
}
