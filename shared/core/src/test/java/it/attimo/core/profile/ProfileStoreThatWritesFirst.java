package it.attimo.core.profile;

import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.testing.InMemoryProfileStore;
import java.util.Optional;

/** Lets another writer store {@code theirs} right before our first save, so that save meets a newer version. */
final class ProfileStoreThatWritesFirst implements ProfileStore {
    private final InMemoryProfileStore store;
    private Profile theirs;

    ProfileStoreThatWritesFirst(InMemoryProfileStore store, Profile theirs) {
        this.store = store;
        this.theirs = theirs;
    }

    @Override
    public Optional<Profile> find(String customerId) {
        return store.find(customerId);
    }

    @Override
    public Profile save(Profile profile, long expectedVersion) {
        if (theirs != null) {
            Profile t = theirs;
            theirs = null;
            store.save(t, t.version());
        }
        return store.save(profile, expectedVersion);
    }

    @Override
    public void delete(String customerId) {
        store.delete(customerId);
    }
}
