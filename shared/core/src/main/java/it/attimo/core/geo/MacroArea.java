package it.attimo.core.geo;

import java.util.Locale;

/** ISTAT "ripartizione geografica": the five macro-areas of Italy. */
public enum MacroArea {
    NORD_OVEST("Nord-ovest"),
    NORD_EST("Nord-est"),
    CENTRO("Centro"),
    SUD("Sud"),
    ISOLE("Isole");

    private final String istatName;

    MacroArea(String istatName) {
        this.istatName = istatName;
    }

    public String istatName() {
        return istatName;
    }

    /** Sud and Isole: where the longer lunch-at-home pause applies. */
    public boolean isSouth() {
        return this == SUD || this == ISOLE;
    }

    public static MacroArea fromIstatName(String name) {
        for (MacroArea a : values()) {
            if (a.istatName.equalsIgnoreCase(name.trim())) return a;
        }
        throw new IllegalArgumentException("unknown macro-area '" + name + "'");
    }

    @Override
    public String toString() {
        return istatName.toLowerCase(Locale.ROOT);
    }
}
