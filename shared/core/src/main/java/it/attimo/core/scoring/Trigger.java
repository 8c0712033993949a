package it.attimo.core.scoring;

/** "This rule wants to see events of this type, in this role": the unit of the plan's per-type index. */
final class Trigger {
    enum Role {
        POINTS,
        PAIR_SECOND,
        PAIR_FIRST,
        DURATION_END,
        DURATION_START
    }

    final Rule rule;
    final Role role;
    final EventMatcher matcher;

    Trigger(Rule rule, Role role, EventMatcher matcher) {
        this.rule = rule;
        this.role = role;
        this.matcher = matcher;
    }
}
