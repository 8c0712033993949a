package it.attimo.core.port;

import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayTemplate;

/** Where a completed tray's data goes back to the CRM (HubSpot contact / deal properties). Off by default. */
public interface TrayCrm {
    TrayCrm NONE = (template, tray) -> {};

    void completed(TrayTemplate template, Tray tray);
}
