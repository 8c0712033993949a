package it.attimo.core.profile;

import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The score function's view of the profiles: remembers the profiles it last read or wrote (least recently used out),
 * so a customer's next batch needs no read. Safe because every save is conditioned on the version: when someone else
 * wrote meanwhile (a journey step, another container), the save is refused, the entry is dropped and the caller
 * reads the stored profile again. Only for a caller that folds and saves like {@link ProcessCustomerEvents}; readers
 * that act on what they read without saving (a journey checking a tier) must use the store itself.
 */
public final class CachingProfileStore implements ProfileStore {
    private final ProfileStore store;
    private final Map<String, Profile> recent;

    public CachingProfileStore(ProfileStore store, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        this.store = store;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Profile> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Optional<Profile> find(String customerId) {
        synchronized (recent) {
            Profile p = recent.get(customerId);
            if (p != null) return Optional.of(p);
        }
        Optional<Profile> found = store.find(customerId);
        found.ifPresent(this::remember);
        return found;
    }

    @Override
    public Optional<Profile> findStored(String customerId) {
        forget(customerId);
        Optional<Profile> stored = store.findStored(customerId);
        stored.ifPresent(this::remember);
        return stored;
    }

    @Override
    public Profile save(Profile profile, long expectedVersion) {
        try {
            return remember(store.save(profile, expectedVersion));
        } catch (RuntimeException refusedOrUnknown) {
            forget(profile.customerId());
            throw refusedOrUnknown;
        }
    }

    @Override
    public void delete(String customerId) {
        forget(customerId);
        store.delete(customerId);
    }

    /** How many profiles are remembered now. */
    public int size() {
        synchronized (recent) {
            return recent.size();
        }
    }

    private Profile remember(Profile p) {
        synchronized (recent) {
            recent.put(p.customerId(), p);
        }
        return p;
    }

    private void forget(String customerId) {
        synchronized (recent) {
            recent.remove(customerId);
        }
    }
}
