package it.attimo.core.consent;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Preferences;
import it.attimo.core.customer.Profile;
import it.attimo.core.digest.Sha256;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.timing.TimeBand;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The preference centre ({@code GET|POST /preferences/{token}}): the link's token names the customer; the page shows
 * what their profile holds (consent per channel, choice per topic, preferred channel and time band, interests) and a
 * save becomes events on the customer's queue, like every other change: {@code consent.changed} for each channel whose
 * choice changed and one {@code preferences.updated} with the whole of the rest, both with {@code source:
 * "preference-centre"}. Event ids are derived from the link, the page's stamp and the choices, so a form submitted
 * twice is a duplicate that changes nothing.
 *
 * <p>A channel shows as chosen when its consent is granted and its {@code marketing} topic not withdrawn (a one-click
 * unsubscribe); choosing it grants both. A channel with no decision recorded shows unchosen, and leaving it so records
 * nothing (service messages keep going on the contract).
 */
public final class PreferenceCentre {
    /** The {@code source} written on consents and preferences changed here. */
    public static final String SOURCE = "preference-centre";
    /** The CloudEvent source of the queued events. */
    public static final String EVENT_SOURCE = "attimo:preference-centre";

    private static final Set<String> YES = Set.of("on", "true", "1", "yes", "si", "sì");
    private static final Set<String> NO = Set.of("off", "false", "0", "no", "");
    private static final int MAX_INTERESTS = 20;

    private final EventQueue queue;
    private final ProfileStore profiles;
    private final Supplier<CustomerLinkToken> tokens;
    private final Map<String, String> categories;
    private final List<String> categoryOrder;
    private final Clock clock;

    /**
     * @param tokens     verifies link tokens, asked for one on each request; null or a null token: every link is refused
     * @param categories the product categories a customer may choose as interests (id → label, shown in this order)
     * @param clock      business time: the token's expiry and the events' time
     */
    public PreferenceCentre(
            EventQueue queue,
            ProfileStore profiles,
            Supplier<CustomerLinkToken> tokens,
            Map<String, String> categories,
            Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.tokens = tokens;
        this.categories = Map.copyOf(new LinkedHashMap<>(categories));
        this.categoryOrder = List.copyOf(categories.keySet());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What the page shows and offers.
     *
     * @param channels   channel id → chosen (email, sms, push, in that order)
     * @param topics     topic → chosen (servizio, offerte, sondaggi, novita; true unless withdrawn)
     * @param preferredChannel a channel id, or null (no preference)
     * @param timeBand   a {@link TimeBand} id, or null (no preference)
     * @param interests  category ids chosen
     * @param categories every category offered (id → label)
     * @param stamp      identifies this rendering of the form: a resubmission of it is a duplicate
     * @param updatedAt  when the preferences were last saved, or null
     */
    public record Page(
            Map<String, Boolean> channels,
            Map<String, Boolean> topics,
            String preferredChannel,
            String timeBand,
            List<String> interests,
            Map<String, String> categories,
            String stamp,
            Instant updatedAt) {}

    /** What a save queued: the page as it now stands and the ids of the events. */
    public record Saved(Page page, List<String> eventIds) {}

    /**
     * The page for the link's customer, changing nothing.
     *
     * @throws CustomerLinkToken.Rejected when the token is malformed, forged, for another purpose or expired
     * @throws NotFound                   when the customer has no profile (erased or unknown)
     */
    public Page show(String token) {
        Profile profile = profileOf(customerOf(token));
        return pageOf(profile, clock.instant());
    }

    /**
     * Saves the submitted choices (form fields: {@code consent.<channel>} and {@code topic.<topic>}, or just {@code
     * <channel>} and {@code <topic>}, yes/no: any value among them yes wins, so a hidden "no" before a checkbox works;
     * or the lists {@code channels} and {@code topics}, repeated, naming what is chosen; {@code preferredChannel},
     * {@code timeBand}; {@code interests}, repeated; {@code stamp}). A field not sent leaves its choice as stored.
     *
     * @throws CustomerLinkToken.Rejected when the token is malformed, forged, for another purpose or expired
     * @throws NotFound                   when the customer has no profile
     * @throws BadRequest                 when a value is not one the page offers (nothing is queued)
     */
    public Saved save(String token, Map<String, List<String>> form) {
        String customerId = customerOf(token);
        Profile profile = profileOf(customerId);
        Instant now = after(profile, clock.instant());
        Page before = pageOf(profile, now);

        Map<String, Boolean> channels = new LinkedHashMap<>(before.channels());
        List<String> channelIds = List.of(Channel.EMAIL.id(), Channel.SMS.id(), Channel.PUSH.id());
        chosenSet(form, "channels", channelIds)
                .ifPresent(chosen -> channelIds.forEach(c -> channels.put(c, chosen.contains(c))));
        for (String c : channelIds) {
            Boolean chosen = yesNo(form, "consent." + c, c);
            if (chosen != null) channels.put(c, chosen);
        }
        Map<String, Boolean> topics = new LinkedHashMap<>(before.topics());
        chosenSet(form, "topics", Preferences.TOPICS)
                .ifPresent(chosen -> Preferences.TOPICS.forEach(t -> topics.put(t, chosen.contains(t))));
        for (String t : Preferences.TOPICS) {
            Boolean chosen = yesNo(form, "topic." + t, t);
            if (chosen != null) topics.put(t, chosen);
        }
        String preferredChannel = before.preferredChannel();
        if (form.containsKey("preferredChannel")) preferredChannel = channelOrNone(single(form, "preferredChannel"));
        String timeBand = before.timeBand();
        if (form.containsKey("timeBand")) timeBand = bandOrNone(single(form, "timeBand"));
        List<String> interests = before.interests();
        if (form.containsKey("interests")) interests = interestsOf(form.get("interests"));
        String stamp = form.containsKey("stamp") ? single(form, "stamp") : now.toString();

        List<CustomerEvent> events = new ArrayList<>();
        for (Channel c : Channel.values()) {
            boolean was = before.channels().get(c.id());
            boolean is = channels.get(c.id());
            if (was == is) continue;
            events.add(consentChange(token, stamp, customerId, now, c.id(), null, is));
            Consent marketing = profile.consents().get(Consent.key(c.id(), Consent.MARKETING));
            if (is && marketing != null && !marketing.granted())
                events.add(consentChange(token, stamp, customerId, now, c.id(), Consent.MARKETING, true));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("preferredChannel", preferredChannel == null ? "" : preferredChannel);
        data.put("timeBand", timeBand == null ? "" : timeBand);
        data.put("interests", interests);
        data.put("topics", new java.util.TreeMap<>(topics));
        data.put("source", SOURCE);
        events.add(new CustomerEvent(
                idOf(token, stamp, EventTypes.PREFERENCES_UPDATED, new java.util.TreeMap<>(data).toString()),
                EVENT_SOURCE,
                EventTypes.PREFERENCES_UPDATED,
                customerId,
                now,
                data));
        queue.publish(events);
        Page after = new Page(
                channels, topics, preferredChannel, timeBand, interests, before.categories(), before.stamp(), now);
        return new Saved(after, events.stream().map(CustomerEvent::id).toList());
    }

    /**
     * The save's instant: now, or just after the latest choice the profile holds when the clock has not moved past it
     * (a virtual clock standing still), so that the fold, which orders by time, lets the last save win.
     */
    private static Instant after(Profile profile, Instant now) {
        Instant at = now;
        List<Instant> times = new ArrayList<>();
        profile.consents().values().forEach(c -> times.add(c.at()));
        profile.preferences().topics().values().forEach(c -> times.add(c.at()));
        times.add(profile.preferences().updatedAt());
        for (Instant t : times) if (t != null && !at.isAfter(t)) at = t.plusMillis(1);
        return at;
    }

    private CustomerEvent consentChange(
            String token, String stamp, String customerId, Instant now, String channel, String topic, boolean granted) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", channel);
        if (topic != null) data.put("topic", topic);
        data.put("granted", granted);
        data.put("source", SOURCE);
        return new CustomerEvent(
                idOf(token, stamp, EventTypes.CONSENT_CHANGED, channel + "|" + topic + "|" + granted),
                EVENT_SOURCE,
                EventTypes.CONSENT_CHANGED,
                customerId,
                now,
                data);
    }

    private static String idOf(String token, String stamp, String type, String content) {
        return "preferences-"
                + Sha256.hex(token + "|" + stamp + "|" + type + "|" + content).substring(0, 32);
    }

    Page pageOf(Profile profile, Instant now) {
        Map<String, Boolean> channels = new LinkedHashMap<>();
        for (Channel c : Channel.values()) {
            Consent consent = profile.consents().get(c.id());
            Consent marketing = profile.consents().get(Consent.key(c.id(), Consent.MARKETING));
            channels.put(c.id(), consent != null && consent.granted() && (marketing == null || marketing.granted()));
        }
        Preferences p = profile.preferences();
        Map<String, Boolean> topics = new LinkedHashMap<>();
        for (String t : Preferences.TOPICS) topics.put(t, !p.withdrew(t));
        List<String> interests =
                p.interests().stream().filter(categories::containsKey).toList();
        Map<String, String> offered = new LinkedHashMap<>();
        for (String id : categoryOrder) offered.put(id, categories.get(id));
        return new Page(
                channels,
                topics,
                p.preferredChannel(),
                p.timeBand(),
                interests,
                offered,
                Long.toString(now.toEpochMilli()),
                p.updatedAt());
    }

    private Profile profileOf(String customerId) {
        return profiles.find(customerId).orElseThrow(() -> new NotFound("this link is not valid"));
    }

    private String customerOf(String token) {
        CustomerLinkToken verifier = tokens == null ? null : tokens.get();
        if (verifier == null) throw new CustomerLinkToken.Rejected(CustomerLinkToken.Rejected.Reason.FORGED);
        return verifier.verify(token, MessageRenderer.PREFERENCES);
    }

    /**
     * A list field naming what is chosen ({@code channels=email&channels=sms}): present, everything it does not name is
     * unchosen; an empty value only marks the list as sent (nothing chosen).
     */
    private static java.util.Optional<Set<String>> chosenSet(
            Map<String, List<String>> form, String field, List<String> allowed) {
        List<String> values = form.get(field);
        if (values == null) return java.util.Optional.empty();
        Set<String> chosen = new LinkedHashSet<>();
        for (String v : values) {
            String id = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) continue;
            if (!allowed.contains(id)) throw new BadRequest(field + " must be among " + String.join(", ", allowed));
            chosen.add(id);
        }
        return java.util.Optional.of(chosen);
    }

    /**
     * True when any value says yes, false when all say no, null when the field is absent; {@code field} or its short
     * name ({@code consent.email} or {@code email}).
     */
    private static Boolean yesNo(Map<String, List<String>> form, String field, String shortName) {
        List<String> values = form.get(field);
        if (values == null) values = form.get(shortName);
        if (values == null) return null;
        boolean yes = false;
        for (String v : values) {
            String s = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
            if (YES.contains(s)) yes = true;
            else if (!NO.contains(s)) throw new BadRequest(field + " must be yes or no");
        }
        return yes;
    }

    private static String single(Map<String, List<String>> form, String field) {
        List<String> values = form.get(field);
        if (values == null || values.isEmpty()) return "";
        if (values.size() > 1) throw new BadRequest(field + " must be sent once");
        return values.get(0) == null ? "" : values.get(0).strip();
    }

    private static String channelOrNone(String value) {
        if (value.isEmpty()) return null;
        try {
            return Channel.parse(value).id();
        } catch (IllegalArgumentException e) {
            throw new BadRequest("preferredChannel must be email, sms, push or empty");
        }
    }

    private static String bandOrNone(String value) {
        try {
            return TimeBand.parse(value).map(TimeBand::id).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("timeBand must be mattina, pomeriggio, sera or empty");
        }
    }

    private List<String> interestsOf(List<String> values) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String v : values) {
            String id = v == null ? "" : v.strip();
            if (id.isEmpty()) continue;
            if (!categories.containsKey(id))
                throw new BadRequest("interests must be among " + String.join(", ", categoryOrder));
            chosen.add(id);
        }
        if (chosen.size() > MAX_INTERESTS) throw new BadRequest("at most " + MAX_INTERESTS + " interests");
        List<String> ordered = new ArrayList<>();
        for (String id : categoryOrder) if (chosen.contains(id)) ordered.add(id);
        return List.copyOf(ordered);
    }
}
