package it.attimo.core.channel;

import java.util.Locale;

/** A way to reach a customer. */
public enum Channel {
    EMAIL,
    SMS,
    PUSH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel parse(String s) {
        if (s == null) throw new IllegalArgumentException("channel is required (email, sms, push)");
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown channel '" + s + "' (email, sms, push)");
        }
    }
}
