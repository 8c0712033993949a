package it.attimo.core.geo;

import java.util.Objects;

/**
 * One Italian comune as listed by ISTAT.
 *
 * @param istatCode        six-digit ISTAT code, e.g. {@code 015146} for Milano
 * @param name             Italian name
 * @param otherName        name in the other official language (e.g. {@code Bozen}), empty when none
 * @param provinceCode     three-digit ISTAT province code (the first three digits of {@code istatCode})
 * @param provinceSigla    two-letter province abbreviation (sigla automobilistica), e.g. {@code MI}
 * @param provinceName     name of the province / metropolitan city
 * @param regionCode       two-digit ISTAT region code
 * @param regionName       region name
 * @param macroArea        ISTAT macro-area
 * @param provinceCapital  whether the comune is a capoluogo di provincia
 */
public record Comune(
        String istatCode,
        String name,
        String otherName,
        String provinceCode,
        String provinceSigla,
        String provinceName,
        String regionCode,
        String regionName,
        MacroArea macroArea,
        boolean provinceCapital) {

    public static final String REGION_SICILIA = "19";

    public Comune {
        Objects.requireNonNull(istatCode, "istatCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provinceSigla, "provinceSigla");
        Objects.requireNonNull(macroArea, "macroArea");
        otherName = otherName == null ? "" : otherName;
    }

    public boolean inSicily() {
        return REGION_SICILIA.equals(regionCode);
    }

    /** Name as ISTAT prints it, e.g. {@code Bolzano/Bozen}. */
    public String displayName() {
        return otherName.isEmpty() ? name : name + "/" + otherName;
    }
}
