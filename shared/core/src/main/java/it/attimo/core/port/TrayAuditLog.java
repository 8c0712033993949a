package it.attimo.core.port;

import it.attimo.core.tray.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A tray's append-only audit trail: each entry is a conditional put at the next sequence number, never updated. */
public interface TrayAuditLog {
    /** Appends at the next free sequence number and returns the entry as stored. */
    AuditEntry append(String trayId, Instant at, String party, String action, Map<String, String> detail);

    /** Every entry, in sequence order. */
    List<AuditEntry> entries(String trayId);
}
