package it.attimo.core.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.error.NotFound;
import it.attimo.core.kpi.OnboardingKpis;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.ProfileStore;
import java.util.EnumSet;
import java.util.Set;

/** Read side: a customer's profile (without contact details) and the onboarding KPIs. */
public final class ProfileQueries {
    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final OnboardingKpis kpis;

    /** Without KPIs: {@link #onboardingKpis()} is not found. */
    public ProfileQueries(ProfileStore profiles, ContactStore contacts) {
        this(profiles, contacts, null);
    }

    public ProfileQueries(ProfileStore profiles, ContactStore contacts, OnboardingKpis kpis) {
        this.profiles = profiles;
        this.contacts = contacts;
        this.kpis = kpis;
    }

    /** @throws NotFound when there is no profile for this customer */
    public ProfileView profile(String customerId) {
        if (customerId == null || customerId.isEmpty()) throw new NotFound("no customer id given");
        Profile profile =
                profiles.find(customerId).orElseThrow(() -> new NotFound("no profile for customer " + customerId));
        Contact contact = contacts.find(customerId).orElse(null);
        Set<Channel> reachable = EnumSet.noneOf(Channel.class);
        for (Channel channel : Channel.values()) {
            if (contact != null && contact.canReach(channel)) reachable.add(channel);
        }
        return new ProfileView(profile, reachable);
    }

    /**
     * The KPI document of {@link OnboardingKpis#compute()}.
     *
     * @throws NotFound when no KPIs are configured here
     */
    public ObjectNode onboardingKpis() {
        if (kpis == null) throw new NotFound("onboarding KPIs are not configured here");
        return kpis.compute();
    }
}
