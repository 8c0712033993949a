package it.attimo.core.testing;

import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore;
import java.util.Optional;

/** A profile store that hands every call to another; a test overrides the calls it wants to bend. */
public class ForwardingProfileStore implements ProfileStore {
    private final ProfileStore delegate;

    public ForwardingProfileStore(ProfileStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Profile> find(String customerId) {
        return delegate.find(customerId);
    }

    @Override
    public Profile save(Profile profile, long expectedVersion) {
        return delegate.save(profile, expectedVersion);
    }

    @Override
    public void delete(String customerId) {
        delegate.delete(customerId);
    }
}
