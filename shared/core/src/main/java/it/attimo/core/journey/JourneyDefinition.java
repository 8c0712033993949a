package it.attimo.core.journey;

import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.scoring.FieldConditions;
import it.attimo.core.timing.MessageKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One journey as journeys.json declares it: its ASL file and template state machine, the trigger (an event type, and
 * conditions on the event's data and on the customer's profile), its arbitration weight, milestones and timing rules.
 */
public record JourneyDefinition(
        String name,
        String asl,
        String stateMachine,
        String triggerType,
        FieldConditions triggerData,
        FieldConditions triggerProfile,
        MessageKind kind,
        int priority,
        List<Milestone> milestones,
        Set<String> timingRules,
        Map<String, Set<String>> holds) {

    public JourneyDefinition {
        milestones = List.copyOf(milestones);
        timingRules = Set.copyOf(timingRules);
        Map<String, Set<String>> h = new java.util.LinkedHashMap<>();
        if (holds != null) holds.forEach((rule, steps) -> h.put(rule, Set.copyOf(steps)));
        holds = java.util.Collections.unmodifiableMap(h);
    }

    /** A journey whose steps no hold rule stops. */
    public JourneyDefinition(
            String name,
            String asl,
            String stateMachine,
            String triggerType,
            FieldConditions triggerData,
            FieldConditions triggerProfile,
            MessageKind kind,
            int priority,
            List<Milestone> milestones,
            Set<String> timingRules) {
        this(
                name,
                asl,
                stateMachine,
                triggerType,
                triggerData,
                triggerProfile,
                kind,
                priority,
                milestones,
                timingRules,
                Map.of());
    }

    /** The hold rules ({@link OrderHolds}) that stop {@code step} of this journey, in declared order. */
    public List<String> holdsOf(String step) {
        return holds.entrySet().stream()
                .filter(e -> e.getValue().contains(step))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Whether this event, for this customer (null: no profile yet), starts the journey. */
    public boolean triggeredBy(CustomerEvent event, Profile profile) {
        return triggerType.equals(event.type())
                && triggerData.test(event.data())
                && triggerProfile.test(profileFields(profile));
    }

    public boolean hasTimingRule(String rule) {
        return timingRules.contains(rule);
    }

    /** The wake keys of the milestones required to count the journey as finished, in declared order. */
    public List<String> requiredKeys() {
        return milestones.stream()
                .filter(m -> m.required() && m.reached() != null)
                .map(Milestone::reached)
                .toList();
    }

    /**
     * The profile fields a trigger's {@code profile} conditions can test: segment, tier, score, locale, comune,
     * province, region, macroArea. Ids and classifications only.
     */
    public static Map<String, Object> profileFields(Profile profile) {
        Map<String, Object> fields = new HashMap<>();
        if (profile == null) return fields;
        if (profile.segment() != null) fields.put("segment", profile.segment().id());
        if (profile.tier() != null) fields.put("tier", profile.tier());
        fields.put("score", profile.score());
        if (profile.locale() != null) fields.put("locale", profile.locale());
        Location loc = profile.location();
        if (loc != null) {
            putIfSet(fields, "comune", loc.comuneCode());
            putIfSet(fields, "province", loc.provinceCode());
            putIfSet(fields, "region", loc.region());
            putIfSet(fields, "macroArea", loc.macroArea());
        }
        return fields;
    }

    public static final List<String> PROFILE_FIELDS =
            List.of("segment", "tier", "score", "locale", "comune", "province", "region", "macroArea");

    private static void putIfSet(Map<String, Object> fields, String name, String value) {
        if (value != null) fields.put(name, value);
    }
}
