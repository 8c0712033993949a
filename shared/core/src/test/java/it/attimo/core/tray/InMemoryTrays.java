package it.attimo.core.tray;

import it.attimo.core.port.TrayAuditLog;
import it.attimo.core.port.TrayDocumentStore;
import it.attimo.core.port.TrayStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory tray store, audit trail and document store with the adapters' semantics (versions, append-only). */
final class InMemoryTrays implements TrayStore, TrayAuditLog {
    private final Map<String, Map<String, Object>> trays = new HashMap<>();
    private final Map<String, List<AuditEntry>> audit = new HashMap<>();
    private final Map<String, byte[]> documents = new HashMap<>();
    int conflictsToInject;

    @Override
    public synchronized boolean create(Tray tray) {
        if (trays.containsKey(tray.trayId)) return false;
        Map<String, Object> m = tray.toMap();
        m.put("version", 1L);
        trays.put(tray.trayId, m);
        return true;
    }

    @Override
    public synchronized Optional<Tray> find(String trayId) {
        Map<String, Object> m = trays.get(trayId);
        return m == null ? Optional.empty() : Optional.of(Tray.fromMap(m));
    }

    @Override
    public synchronized boolean update(Tray tray) {
        Map<String, Object> stored = trays.get(tray.trayId);
        if (conflictsToInject > 0) {
            conflictsToInject--;
            return false;
        }
        if (stored == null || ((Number) stored.get("version")).longValue() != tray.version) return false;
        Map<String, Object> m = tray.toMap();
        m.put("version", tray.version + 1);
        trays.put(tray.trayId, m);
        return true;
    }

    @Override
    public synchronized AuditEntry append(
            String trayId, Instant at, String party, String action, Map<String, String> detail) {
        List<AuditEntry> entries = audit.computeIfAbsent(trayId, k -> new ArrayList<>());
        AuditEntry e = new AuditEntry(entries.size() + 1, at, party, action, detail);
        entries.add(e);
        return e;
    }

    @Override
    public synchronized List<AuditEntry> entries(String trayId) {
        return List.copyOf(audit.getOrDefault(trayId, List.of()));
    }

    final TrayDocumentStore documentStore = new TrayDocumentStore() {
        @Override
        public void put(String trayId, byte[] pdf) {
            documents.put(trayId, pdf.clone());
        }

        @Override
        public Optional<byte[]> find(String trayId) {
            return Optional.ofNullable(documents.get(trayId));
        }

        /** With {@link #links} on, a store with direct links (like S3's presigned GET) for what it holds. */
        @Override
        public Optional<java.net.URI> link(String trayId, java.time.Duration validFor) {
            if (!links || !documents.containsKey(trayId)) return Optional.empty();
            return Optional.of(
                    java.net.URI.create("https://documents.example/" + trayId + "?expires=" + validFor.toSeconds()));
        }
    };

    /** Whether {@link #documentStore} gives direct links. */
    boolean links;
}
