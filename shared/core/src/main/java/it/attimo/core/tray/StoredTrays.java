package it.attimo.core.tray;

import it.attimo.core.error.NotFound;
import it.attimo.core.journey.TransientJourneyException;
import it.attimo.core.port.TrayStore;
import java.time.Clock;
import java.util.function.Predicate;

/** Loads trays with their templates and applies changes under the optimistic version, retrying a lost race. */
public final class StoredTrays {
    static final int ATTEMPTS = 8;

    private final TrayStore store;
    private final TrayTemplates templates;
    private final Clock clock;

    public StoredTrays(TrayStore store, TrayTemplates templates, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.clock = clock;
    }

    /** @throws NotFound when there is no such tray (the message names nothing else) */
    public Tray load(String trayId) {
        return store.find(trayId).orElseThrow(() -> new NotFound("no such tray"));
    }

    public TrayTemplate template(Tray tray) {
        return templates
                .find(tray.template)
                .orElseThrow(() ->
                        new IllegalStateException("tray " + tray.trayId + ": template " + tray.template + " is gone"));
    }

    public TrayTemplates templates() {
        return templates;
    }

    public boolean create(Tray tray) {
        return store.create(tray);
    }

    /**
     * Reloads the tray and applies {@code change} until it is stored at the next version; {@code change} returns
     * false when there is nothing to write. Returns the tray as stored (or as read when nothing changed).
     */
    public Tray change(String trayId, Predicate<Tray> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Tray tray = load(trayId);
            if (!change.test(tray)) return tray;
            tray.updatedAt = clock.instant();
            if (store.update(tray)) {
                tray.version++;
                return tray;
            }
        }
        throw new TransientJourneyException("tray " + trayId + " kept changing under " + ATTEMPTS + " attempts", null);
    }
}
