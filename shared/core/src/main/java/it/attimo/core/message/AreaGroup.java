package it.attimo.core.message;

import java.util.Locale;

/** The three areas the seed contrasts (Nord vs Sud e Isole, Centro in between), from an ISTAT macro-area. */
public enum AreaGroup {
    NORD("Nord"),
    CENTRO("Centro"),
    SUD_E_ISOLE("Sud e Isole");

    private final String label;

    AreaGroup(String label) {
        this.label = label;
    }

    /** The name used in the content files and the preview ({@code Nord}, {@code Centro}, {@code Sud e Isole}). */
    public String label() {
        return label;
    }

    /**
     * @param macroArea an ISTAT macro-area (Nord-ovest, Nord-est, Centro, Sud, Isole) or a group label, any case; null
     *                  or unknown: null
     */
    public static AreaGroup of(String macroArea) {
        if (macroArea == null) return null;
        return switch (macroArea.trim().toLowerCase(Locale.ROOT)) {
            case "nord", "nord-ovest", "nord-est", "nord ovest", "nord est" -> NORD;
            case "centro" -> CENTRO;
            case "sud", "isole", "sud e isole", "sud-e-isole" -> SUD_E_ISOLE;
            default -> null;
        };
    }
}
