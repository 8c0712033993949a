package it.attimo.core.testing;

import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Profiles with optimistic versions; can be told to fail the next N saves as if someone else wrote first. */
public final class InMemoryProfileStore implements ProfileStore {
    private final Map<String, Profile> profiles = new HashMap<>();
    private int failNextSaves;
    private int saves;
    private int rejectedSaves;

    @Override
    public synchronized Optional<Profile> find(String customerId) {
        return Optional.ofNullable(profiles.get(customerId));
    }

    @Override
    public synchronized Profile save(Profile profile, long expectedVersion) {
        if (failNextSaves > 0) {
            failNextSaves--;
            rejectedSaves++;
            throw new ConcurrentUpdateException(profile.customerId());
        }
        Profile current = profiles.get(profile.customerId());
        long stored = current == null ? 0 : current.version();
        if (stored != expectedVersion) {
            rejectedSaves++;
            throw new ConcurrentUpdateException(profile.customerId());
        }
        Profile saved = profile.withVersion(expectedVersion + 1);
        profiles.put(profile.customerId(), saved);
        saves++;
        return saved;
    }

    @Override
    public synchronized void delete(String customerId) {
        profiles.remove(customerId);
    }

    /** The next {@code n} saves throw {@link ConcurrentUpdateException}. */
    public synchronized void failNextSaves(int n) {
        failNextSaves = n;
    }

    /** Stores a profile as it is (its own version), bypassing the optimistic check: for arranging tests. */
    public synchronized void put(Profile profile) {
        profiles.put(profile.customerId(), profile);
    }

    public synchronized int saves() {
        return saves;
    }

    public synchronized int rejectedSaves() {
        return rejectedSaves;
    }

    public synchronized java.util.List<Profile> all() {
        return java.util.List.copyOf(profiles.values());
    }

    public synchronized int size() {
        return profiles.size();
    }
}
