package it.attimo.core.port;

import it.attimo.core.tray.Tray;
import java.util.Optional;

/** Trays, each written with an optimistic version (DynamoDB conditional writes). */
public interface TrayStore {
    /** Stores a new tray (version 1); false when a tray with that id already exists. */
    boolean create(Tray tray);

    Optional<Tray> find(String trayId);

    /** Writes {@code tray} if the stored version is still {@code tray.version}, then increments it; false if not. */
    boolean update(Tray tray);
}
