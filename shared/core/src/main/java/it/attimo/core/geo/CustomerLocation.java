package it.attimo.core.geo;

import java.util.Objects;

/**
 * What we know of where a customer lives: a comune (best), only a province, or nothing.
 * The calendar follows the comune; a province alone only gives soft hints.
 */
public record CustomerLocation(Comune comune, String provinceSigla) {

    private static final CustomerLocation UNKNOWN = new CustomerLocation(null, null);

    public CustomerLocation {
        if (comune != null) provinceSigla = comune.provinceSigla();
    }

    public static CustomerLocation of(Comune comune) {
        return new CustomerLocation(Objects.requireNonNull(comune), null);
    }

    public static CustomerLocation ofProvince(String sigla) {
        return new CustomerLocation(null, Objects.requireNonNull(sigla));
    }

    public static CustomerLocation unknown() {
        return UNKNOWN;
    }

    public boolean knowsComune() {
        return comune != null;
    }

    public boolean knowsProvince() {
        return provinceSigla != null;
    }
}
