package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.timing.MessageKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code plan} with an ordered channel list ({@link PlanOptions#channels()}): the first channel the customer
 * consented to and can be reached on whose window allows a send before the step's deadline; where none does, the
 * earliest allowed slot of e-mail (or of the first usable channel, when e-mail is not usable). The plan's result names
 * the chosen {@code channel}, which the dispatch then uses ({@code "channel.$": "$.steps.<step>.plan.channel"}).
 */
public final class PlanFirstChannel {
    private final PlanSend plan;
    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final Clock clock;

    public PlanFirstChannel(PlanSend plan, ProfileStore profiles, ContactStore contacts, Clock clock) {
        this.plan = plan;
        this.profiles = profiles;
        this.contacts = contacts;
        this.clock = clock;
    }

    public Map<String, Object> plan(PlanStep p) {
        List<Channel> candidates = p.options().channels();
        if (candidates.isEmpty()) return plan.plan(p);
        Optional<Profile> profile = profiles.find(p.customerId());
        // Still named: PlanSend reads the profile again, and a journey may start just before its trigger's profile is
        // saved (issue 9), so a plan that found none here may find one there and be a send the dispatch needs a
        // channel for.
        if (profile.isEmpty()) return chosen(p, p.channel(), null);
        Contact contact = contacts.find(p.customerId()).orElse(null);
        List<Channel> usable = new ArrayList<>();
        for (Channel c : candidates) if (usable(profile.get(), contact, c, p.kind())) usable.add(c);
        Channel preferred = preferred(profile.get());
        String preference = null;
        if (preferred != null && usable.remove(preferred)) {
            usable.add(0, preferred);
            preference = "channel: " + preferred.id() + " first, the customer's preferred channel";
        }
        Instant now = clock.instant();
        for (Channel c : usable) {
            Map<String, Object> trial = plan.plan(p.onChannel(c).unrecorded());
            if (Boolean.TRUE.equals(trial.get("skipped"))) continue;
            Instant sendAt = Instant.parse(trial.get("sendAt").toString());
            if (!sendAt.isAfter(deadline(trial, now))) return chosen(p.onChannel(c), c, preference);
        }
        Channel fallback =
                usable.contains(Channel.EMAIL) ? Channel.EMAIL : usable.isEmpty() ? p.channel() : usable.get(0);
        String why = usable.isEmpty()
                ? "channel: no consented, reachable channel among " + ids(candidates) + "; planned on " + fallback.id()
                : "channel: no window of " + ids(usable) + " allows a send in time; earliest allowed slot of "
                        + fallback.id();
        return chosen(p.onChannel(fallback), fallback, why);
    }

    private Map<String, Object> chosen(PlanStep p, Channel channel, String why) {
        Map<String, Object> out = plan.plan(p);
        out.put("channel", channel.id());
        if (why != null && out.get("reasons") instanceof List<?> reasons) {
            List<Object> all = new ArrayList<>();
            all.add(why);
            all.addAll(reasons);
            out.put("reasons", all);
        }
        return out;
    }

    /** The channel the customer prefers (preference centre), or null. */
    private static Channel preferred(Profile profile) {
        String id = profile.preferences().preferredChannel();
        try {
            return id == null ? null : Channel.parse(id);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The step's deadline as the trial planned it: its window's end, or now when the plan comes late. */
    private static Instant deadline(Map<String, Object> trial, Instant now) {
        Instant closes = Instant.parse(trial.get("deadline").toString());
        return closes.isBefore(now) ? now : closes;
    }

    /** Push and SMS need explicit consent; e-mail too for marketing and surveys; a withdrawn consent never goes. */
    static boolean usable(Profile profile, Contact contact, Channel channel, MessageKind kind) {
        Consent consent = profile.consents().get(channel.id());
        if (consent != null && !consent.granted()) return false;
        boolean explicit = channel != Channel.EMAIL || kind == MessageKind.MARKETING || kind == MessageKind.SURVEY;
        if (explicit && consent == null) return false;
        return contact != null && contact.canReach(channel);
    }

    private static String ids(List<Channel> channels) {
        return String.join(", ", channels.stream().map(Channel::id).toList());
    }
}
