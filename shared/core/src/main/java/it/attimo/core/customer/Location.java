package it.attimo.core.customer;

/** Where a customer is, from the comune's ISTAT code up to the macro-area. */
public record Location(
        String comuneCode, String comuneName, String provinceCode, String province, String region, String macroArea) {}
