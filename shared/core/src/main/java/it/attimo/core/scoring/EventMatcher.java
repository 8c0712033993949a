package it.attimo.core.scoring;

import it.attimo.core.event.CustomerEvent;

/**
 * Which events a rule looks at: an exact type ({@code form.completed}) or a family ({@code form.*}),
 * plus conditions on the event's data, all of which must hold.
 */
final class EventMatcher {
    private final String typePattern;
    private final String exactType; // null for a family
    private final String typePrefix; // "form." for "form.*", null for an exact type
    private final Condition[] conditions;

    EventMatcher(String typePattern, Condition[] conditions) {
        this.typePattern = typePattern;
        if (typePattern.endsWith(".*")) {
            this.exactType = null;
            this.typePrefix = typePattern.substring(0, typePattern.length() - 1);
        } else {
            this.exactType = typePattern;
            this.typePrefix = null;
        }
        this.conditions = conditions.clone();
    }

    String typePattern() {
        return typePattern;
    }

    boolean matchesType(String type) {
        return exactType != null ? exactType.equals(type) : type.startsWith(typePrefix);
    }

    /** Type already known to match (the plan indexes rules by type); checks the data conditions only. */
    boolean matchesData(CustomerEvent e) {
        for (Condition c : conditions) {
            if (!c.test(e.data())) return false;
        }
        return true;
    }

    boolean matches(CustomerEvent e) {
        return matchesType(e.type()) && matchesData(e);
    }
}
