package it.attimo.core.tray;

import java.time.Instant;

/** What a verified tray link grants: one party of one tray, until {@code expiresAt}. */
public record TrayLink(String trayId, String party, Instant expiresAt) {}
