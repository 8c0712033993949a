package it.attimo.core.message;

import it.attimo.core.customer.Segment;
import java.util.Locale;

/**
 * Which register a message speaks in (seed 001): formal ({@code formale}, "Buongiorno", lei) for businesses and in the
 * North and Centre, informal ({@code informale}, "Ciao", tu) for consumers in the South and Islands. The profile's own
 * {@code tone} overrides the rule.
 */
public final class ToneRule {
    public static final String FORMALE = "formale";
    public static final String INFORMALE = "informale";

    private ToneRule() {}

    /**
     * @param segment   b2b or b2c, null when unknown (treated as b2c)
     * @param macroArea the ISTAT macro-area (Nord-ovest, Nord-est, Centro, Sud, Isole) or a group name (Nord, Sud e
     *                  Isole); null when unknown (formal: the safe default with a stranger)
     * @param override  the profile's tone, if any: {@code formale}/{@code informale} (legacy {@code formal}/
     *                  {@code informal} accepted); anything else is ignored
     */
    public static String resolve(Segment segment, String macroArea, String override) {
        String chosen = normalize(override);
        if (chosen != null) return chosen;
        if (segment == Segment.B2B) return FORMALE;
        return AreaGroup.of(macroArea) == AreaGroup.SUD_E_ISOLE ? INFORMALE : FORMALE;
    }

    /** {@code formale} or {@code informale} for the accepted spellings, null for anything else. */
    public static String normalize(String tone) {
        if (tone == null) return null;
        return switch (tone.trim().toLowerCase(Locale.ROOT)) {
            case "formale", "formal", "lei" -> FORMALE;
            case "informale", "informal", "tu" -> INFORMALE;
            default -> null;
        };
    }
}
