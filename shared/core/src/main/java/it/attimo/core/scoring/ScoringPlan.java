package it.attimo.core.scoring;

import it.attimo.core.event.EventTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated, compiled scoring plan (see docs/scoring.md). Immutable and thread-safe. Obtain one from
 * {@link ScoringPlanLoader}.
 */
public final class ScoringPlan {
    private static final Trigger[] NONE = new Trigger[0];
    private static final Comparator<Trigger> TRIGGER_ORDER =
            Comparator.<Trigger>comparingInt(t -> t.rule.index).thenComparing(t -> t.role);

    private final String name;
    private final String sourceName;
    private final List<String> notes;
    private final Rule[] rules;
    private final String[] groupNames;
    private final Limits[] groupLimits;
    private final List<Tier> tiers;
    private final int[] ruleDecaySlot;
    private final double[] slotHalfLife;
    private final int[][] groupSlots;
    private final Map<String, Trigger[]> triggersByType;
    private final Trigger[] familyTriggers;

    ScoringPlan(
            String name,
            String sourceName,
            List<String> notes,
            List<Rule> rules,
            List<String> groupNames,
            List<Limits> groupLimits,
            List<Tier> tiers) {
        this.name = name;
        this.sourceName = sourceName;
        this.notes = List.copyOf(notes);
        this.rules = rules.toArray(new Rule[0]);
        this.groupNames = groupNames.toArray(new String[0]);
        this.groupLimits = groupLimits.toArray(new Limits[0]);
        this.tiers = List.copyOf(tiers);
        // one decay slot per (group, half-life): a group's decayed value is a handful of running sums
        this.ruleDecaySlot = new int[this.rules.length];
        List<Double> halfLives = new ArrayList<>();
        List<Integer> slotGroup = new ArrayList<>();
        for (Rule r : this.rules) {
            ruleDecaySlot[r.index] = -1;
            if (r.group < 0 || r.halfLifeSeconds == 0) continue;
            int slot = -1;
            for (int k = 0; k < halfLives.size(); k++) {
                if (slotGroup.get(k) == r.group && halfLives.get(k) == r.halfLifeSeconds) slot = k;
            }
            if (slot < 0) {
                slot = halfLives.size();
                halfLives.add(r.halfLifeSeconds);
                slotGroup.add(r.group);
            }
            ruleDecaySlot[r.index] = slot;
        }
        this.slotHalfLife = halfLives.stream().mapToDouble(Double::doubleValue).toArray();
        this.groupSlots = new int[this.groupNames.length][];
        for (int g = 0; g < groupSlots.length; g++) {
            final int group = g;
            groupSlots[g] = java.util.stream.IntStream.range(0, slotGroup.size())
                    .filter(k -> slotGroup.get(k) == group)
                    .toArray();
        }

        List<Trigger> all = new ArrayList<>();
        for (Rule r : this.rules) {
            if (r instanceof PointsRule p) {
                all.add(new Trigger(r, Trigger.Role.POINTS, p.when));
            } else if (r instanceof TimedPairRule t) {
                all.add(new Trigger(r, Trigger.Role.PAIR_SECOND, t.then));
                all.add(new Trigger(r, Trigger.Role.PAIR_FIRST, t.first));
            } else if (r instanceof DurationRule d) {
                all.add(new Trigger(r, Trigger.Role.DURATION_END, d.when));
                if (d.since != null) all.add(new Trigger(r, Trigger.Role.DURATION_START, d.since));
            }
        }
        all.sort(TRIGGER_ORDER);
        Set<String> types = new LinkedHashSet<>(EventTypes.ALL);
        for (Trigger t : all) {
            if (!t.matcher.typePattern().endsWith(".*")) types.add(t.matcher.typePattern());
        }
        Map<String, Trigger[]> byType = new HashMap<>();
        for (String type : types) {
            Trigger[] matching =
                    all.stream().filter(t -> t.matcher.matchesType(type)).toArray(Trigger[]::new);
            if (matching.length > 0) byType.put(type, matching);
        }
        this.triggersByType = byType;
        this.familyTriggers =
                all.stream().filter(t -> t.matcher.typePattern().endsWith(".*")).toArray(Trigger[]::new);
    }

    public String name() {
        return name;
    }

    /** Where the plan came from (resource or file name), for messages. */
    public String sourceName() {
        return sourceName;
    }

    /** The plan's own documentation: choices made and seed examples that could not hold together. */
    public List<String> notes() {
        return notes;
    }

    /** Highest first; the last one catches every score below the others. */
    public List<Tier> tiers() {
        return tiers;
    }

    public List<String> ruleIds() {
        return Arrays.stream(rules).map(r -> r.id).toList();
    }

    public List<String> groupNames() {
        return List.of(groupNames);
    }

    public String tierOf(double score) {
        for (Tier t : tiers) {
            if (score >= t.min()) return t.name();
        }
        return tiers.get(tiers.size() - 1).name();
    }

    Rule[] rules() {
        return rules;
    }

    Rule rule(String id) {
        for (Rule r : rules) if (r.id.equals(id)) return r;
        return null;
    }

    int groupCount() {
        return groupNames.length;
    }

    String groupName(int index) {
        return groupNames[index];
    }

    Limits groupLimits(int index) {
        return groupLimits[index];
    }

    /** The (group, half-life) slot a decaying grouped rule adds to, or -1. */
    int decaySlot(Rule r) {
        return ruleDecaySlot[r.index];
    }

    int decaySlotCount() {
        return slotHalfLife.length;
    }

    double slotHalfLife(int slot) {
        return slotHalfLife[slot];
    }

    /** The decay slots of a group (empty when none of its rules decays). */
    int[] groupSlots(int group) {
        return groupSlots[group];
    }

    /** Triggers interested in an event type, in rule order; allocation-free for every known type. */
    Trigger[] triggersFor(String type) {
        Trigger[] t = triggersByType.get(type);
        if (t != null) return t;
        if (familyTriggers.length == 0) return NONE;
        return Arrays.stream(familyTriggers)
                .filter(f -> f.matcher.matchesType(type))
                .toArray(Trigger[]::new);
    }
}
