package it.attimo.core.customer;

import java.time.Instant;

/** Consent for one channel, with where and when it was given or withdrawn. */
public record Consent(boolean granted, String source, Instant at) {}
