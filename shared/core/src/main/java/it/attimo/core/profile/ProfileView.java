package it.attimo.core.profile;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import java.util.Set;

/**
 * A customer's profile as the read side shows it: the profile itself and, of their contact details, only which
 * channels can reach them. The contact details themselves are never part of it.
 */
public record ProfileView(Profile profile, Set<Channel> reachable) {
    public ProfileView {
        reachable = Set.copyOf(reachable);
    }

    public boolean canReach(Channel channel) {
        return reachable.contains(channel);
    }
}
