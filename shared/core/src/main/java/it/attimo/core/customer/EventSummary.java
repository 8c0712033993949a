package it.attimo.core.customer;

import java.time.Instant;

/** An event as shown on a profile: ids and type only, never its data. */
public record EventSummary(String id, String type, Instant time) {}
