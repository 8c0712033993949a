package it.attimo.core.port;

import it.attimo.core.tray.AuditEntry;
import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayTemplate;
import java.util.List;

/** Renders a completed tray, its signatures and its audit trail to a PDF. */
public interface TrayDocumentRenderer {
    byte[] render(TrayTemplate template, Tray tray, List<AuditEntry> audit);
}
