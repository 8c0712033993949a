package it.attimo.core.customer;

import java.util.Locale;

/** Business (b2b) or consumer (b2c) customer. */
public enum Segment {
    B2B,
    B2C;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Segment parse(String s) {
        if (s == null) throw new IllegalArgumentException("segment is required (b2b, b2c)");
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown segment '" + s + "' (b2b, b2c)");
        }
    }
}
