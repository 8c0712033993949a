package it.attimo.core.calendar;

import java.util.Locale;

/** How binding a calendar day is for sending. */
public enum DayScope {
    /** National public holiday: no non-transactional sends. */
    NATIONAL,
    /** Non-working day of the customer's own comune (patron day, Whit Monday in Alto Adige): blocks like a national one. */
    LOCAL,
    /** A day when people are less reachable (Christmas break, August closures, the capital's patron day): lowers suitability. */
    SOFT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isHard() {
        return this != SOFT;
    }
}
