package it.attimo.core.calendar;

/** The patron-saint day of one comune, with where the fact comes from. */
public record PatronDay(String istatCode, String city, PatronRule rule, String saint, String source, String note) {}
