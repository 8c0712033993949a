package it.attimo.core.tray;

import it.attimo.core.port.TrayAuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /trays/{trayId}}: {@code {trayId, template, customerId, status, parties, sections: [{party, status,
 * submittedAt}], signatures, rejection, document, audit: [{seq, at, party, action, detail}]}}.
 */
public final class TrayQueries {
    private final StoredTrays trays;
    private final TrayAuditLog audit;

    public TrayQueries(StoredTrays trays, TrayAuditLog audit) {
        this.trays = trays;
        this.audit = audit;
    }

    public Map<String, Object> describe(String trayId) {
        Tray tray = trays.load(trayId);
        TrayTemplate template = trays.template(tray);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trayId", tray.trayId);
        out.put("template", tray.template);
        out.put("customerId", tray.customerId);
        out.put("status", tray.status);
        out.put("parties", tray.parties);
        out.put("createdAt", tray.createdAt.toString());
        out.put("updatedAt", tray.updatedAt == null ? null : tray.updatedAt.toString());
        List<Object> sections = new ArrayList<>();
        List<String> order = new ArrayList<>();
        order.add(template.creator());
        order.addAll(template.turns());
        for (String party : order) {
            Tray.SectionState s = tray.sections.get(party);
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("party", party);
            section.put("status", s == null ? Tray.SectionState.PENDING : s.status());
            section.put(
                    "submittedAt",
                    s == null || s.submittedAt() == null
                            ? null
                            : s.submittedAt().toString());
            sections.add(section);
        }
        out.put("sections", sections);
        List<Object> signatures = new ArrayList<>();
        for (Tray.Signature sig : tray.signatures) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("party", sig.party());
            g.put("documentSha256", sig.documentSha256());
            g.put("signedAt", sig.signedAt().toString());
            g.put("method", sig.method());
            signatures.add(g);
        }
        out.put("signatures", signatures);
        out.put("sentBack", tray.sentBack);
        if (tray.rejection != null) {
            out.put(
                    "rejection",
                    Map.of(
                            "party",
                            tray.rejection.party(),
                            "note",
                            tray.rejection.note(),
                            "at",
                            tray.rejection.at().toString()));
        }
        if (tray.documentSha256 != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("sha256", tray.documentSha256);
            doc.put("pdfSha256", tray.pdfSha256);
            out.put("document", doc);
        }
        List<Object> trail = new ArrayList<>();
        for (AuditEntry e : audit.entries(trayId)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("seq", e.seq());
            line.put("at", e.at().toString());
            line.put("party", e.party());
            line.put("action", e.action());
            line.put("detail", e.detail());
            trail.add(line);
        }
        out.put("audit", trail);
        return out;
    }
}
