package it.attimo.core.profile;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.EventSummary;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Preferences;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.message.ToneRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds a customer's event log into the behavioural part of a profile. Pure: the same log gives the same profile,
 * whatever order the events arrived in and however many copies of each.
 */
public final class ProfileFolder {
    static final int RECENT_EVENTS = 20;
    /** SES's bounceType of an address that will never accept mail. */
    static final String PERMANENT_BOUNCE = "Permanent";
    /** The consent source of an SMS opt-out by reply (STOP, ANNULLA, CANCELLA). */
    public static final String SMS_STOP = "sms-stop";

    /** The event types {@link #fold} reads the contact (addresses, name, reachability) from; no other type changes it. */
    static final Set<String> CONTACT_TYPES = Set.of(
            EventTypes.CUSTOMER_UPSERTED, EventTypes.EMAIL_BOUNCED, EventTypes.PUSH_DISABLED, EventTypes.SMS_FAILED);

    private final GeoResolver geo;
    private final Scorer scorer;

    public ProfileFolder(GeoResolver geo, Scorer scorer) {
        this.geo = geo;
        this.scorer = scorer;
    }

    /** Sorted by time then id, one copy per id. */
    public static List<CustomerEvent> canonical(List<CustomerEvent> history) {
        List<CustomerEvent> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparing(CustomerEvent::time).thenComparing(CustomerEvent::id));
        Set<String> ids = new HashSet<>();
        sorted.removeIf(e -> !ids.add(e.id()));
        return sorted;
    }

    /**
     * @param previous the stored profile (its journeys, outcomes and version are kept), or null
     * @param at       the instant the score is computed for
     */
    public FoldedCustomer fold(String customerId, List<CustomerEvent> history, Profile previous, Instant at) {
        List<CustomerEvent> log = canonical(history);
        Segment segment = null;
        String comune = null, locale = null, tone = null;
        String email = null, phone = null, pushToken = null, firstName = null;
        Set<Channel> unreachable = EnumSet.noneOf(Channel.class);
        Map<String, Consent> consents = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Preferences preferences = Preferences.NONE;
        Instant first = null, last = null;
        for (CustomerEvent e : log) {
            counts.merge(e.type(), 1, Integer::sum);
            if (first == null) first = e.time();
            last = e.time();
            switch (e.type()) {
                case EventTypes.CUSTOMER_UPSERTED -> {
                    if (e.text("segment") != null) segment = Segment.parse(e.text("segment"));
                    if (e.text("comune") != null) comune = e.text("comune");
                    if (e.text("locale") != null) locale = e.text("locale");
                    if (e.text("tone") != null) tone = e.text("tone");
                    // a new address is reachable again until its provider says otherwise
                    if (e.text("email") != null && !e.text("email").equals(email)) unreachable.remove(Channel.EMAIL);
                    if (e.text("phone") != null && !e.text("phone").equals(phone)) unreachable.remove(Channel.SMS);
                    if (e.text("pushToken") != null && !e.text("pushToken").equals(pushToken))
                        unreachable.remove(Channel.PUSH);
                    if (e.text("email") != null) email = e.text("email");
                    if (e.text("phone") != null) phone = e.text("phone");
                    if (e.text("pushToken") != null) pushToken = e.text("pushToken");
                    if (e.text("firstName") != null) firstName = e.text("firstName");
                    if (e.data().get("consent") instanceof Map<?, ?> consent) {
                        for (Map.Entry<?, ?> c : consent.entrySet()) {
                            consents.put(c.getKey().toString(), consentOf(c.getValue(), e));
                        }
                    }
                }
                case EventTypes.CONSENT_CHANGED ->
                    consents.put(
                            Consent.key(e.text("channel"), e.text("topic")),
                            new Consent(
                                    Boolean.TRUE.equals(e.data().get("granted")),
                                    e.text("source") != null ? e.text("source") : e.source(),
                                    e.time()));
                case EventTypes.EMAIL_UNSUBSCRIBED, EventTypes.EMAIL_COMPLAINED ->
                    consents.put(
                            "email",
                            new Consent(false, e.text("source") != null ? e.text("source") : e.type(), e.time()));
                case EventTypes.EMAIL_BOUNCED -> {
                    if (PERMANENT_BOUNCE.equalsIgnoreCase(e.text("bounceType"))) unreachable.add(Channel.EMAIL);
                }
                case EventTypes.PUSH_DISABLED -> unreachable.add(Channel.PUSH);
                case EventTypes.SMS_FAILED -> {
                    if (Boolean.TRUE.equals(e.data().get("permanent"))) unreachable.add(Channel.SMS);
                }
                case EventTypes.PREFERENCES_UPDATED -> preferences = preferencesOf(preferences, e);
                case EventTypes.SMS_RECEIVED -> {
                    if (Boolean.TRUE.equals(e.data().get("optOut"))) {
                        consents.put("sms", new Consent(false, SMS_STOP, e.time()));
                    }
                }
                default -> {}
            }
        }
        Location location =
                comune == null ? null : geo.locate(comune).orElse(new Location(comune, null, null, null, null, null));
        tone = toneFor(segment, location, tone);
        Scorer.Score score = scorer.score(log, at);
        List<EventSummary> recent = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0 && recent.size() < RECENT_EVENTS; i--) {
            CustomerEvent e = log.get(i);
            recent.add(new EventSummary(e.id(), e.type(), e.time()));
        }
        ChurnRule.Assessment churn = ChurnRule.assess(log, at);
        Profile base = previous == null ? Profile.empty(customerId) : previous;
        Profile profile = new Profile(
                customerId,
                segment,
                location,
                locale,
                tone,
                consents,
                score.value(),
                score.tier(),
                score.breakdown(),
                counts,
                first,
                last,
                base.journeys(),
                recent,
                base.outcomes(),
                at,
                base.version(),
                churn.risk(),
                preferences);
        Contact contact = email == null && phone == null && pushToken == null && firstName == null
                ? null
                : new Contact(customerId, email, phone, pushToken, firstName, unreachable);
        Optional<Instant> next = score.nextDeadline();
        if (churn.nextDeadline().isPresent()
                && (next.isEmpty() || churn.nextDeadline().get().isBefore(next.get()))) next = churn.nextDeadline();
        return new FoldedCustomer(profile, contact, next);
    }

    /**
     * The preferences after {@code e}: each field it carries replaces the stored one ({@code preferredChannel},
     * {@code timeBand}: a blank value clears it; {@code interests}: the whole list; {@code topics}: each topic named),
     * fields it does not carry stay (a first-party form may say only some of them).
     */
    static Preferences preferencesOf(Preferences before, CustomerEvent e) {
        Map<String, Object> d = e.data();
        String channel =
                d.containsKey("preferredChannel") ? blankToNull(d.get("preferredChannel")) : before.preferredChannel();
        String band = d.containsKey("timeBand") ? blankToNull(d.get("timeBand")) : before.timeBand();
        List<String> interests = before.interests();
        if (d.get("interests") instanceof List<?> list) {
            interests = list.stream()
                    .filter(i -> i != null)
                    .map(Object::toString)
                    .distinct()
                    .toList();
        }
        Map<String, Consent> topics = new LinkedHashMap<>(before.topics());
        String source = e.text("source") != null ? e.text("source") : e.source();
        if (d.get("topics") instanceof Map<?, ?> chosen) {
            for (Map.Entry<?, ?> t : chosen.entrySet()) {
                if (t.getValue() instanceof Boolean granted) {
                    topics.put(t.getKey().toString(), new Consent(granted, source, e.time()));
                }
            }
        }
        return new Preferences(channel, band, interests, topics, source, e.time());
    }

    private static String blankToNull(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Consent consentOf(Object value, CustomerEvent e) {
        if (value instanceof Boolean b) return new Consent(b, e.source(), e.time());
        if (value instanceof Map<?, ?> m) {
            Object src = m.get("source");
            return new Consent(
                    Boolean.TRUE.equals(m.get("granted")), src == null ? e.source() : src.toString(), e.time());
        }
        return new Consent(false, e.source(), e.time());
    }

    /** The profile's register: its own tone when it states one, else the seed 001 rule ({@link ToneRule}). */
    static String toneFor(Segment segment, Location location, String override) {
        return ToneRule.resolve(segment, location == null ? null : location.macroArea(), override);
    }
}
