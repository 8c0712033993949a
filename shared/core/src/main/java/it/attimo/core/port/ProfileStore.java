package it.attimo.core.port;

import it.attimo.core.customer.Profile;
import java.util.Optional;

/** Profiles with optimistic locking: {@link #save} succeeds only if the stored version is {@code expectedVersion}. */
public interface ProfileStore {
    Optional<Profile> find(String customerId);

    /** As {@link #find}, but never from a cache: for acting on what is stored now (stopping a person's journeys). */
    default Optional<Profile> findStored(String customerId) {
        return find(customerId);
    }

    /**
     * Stores {@code profile} with version {@code expectedVersion + 1}.
     *
     * @throws ConcurrentUpdateException when someone else wrote first
     */
    Profile save(Profile profile, long expectedVersion);

    void delete(String customerId);

    final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String customerId) {
            super("profile " + customerId + " was updated concurrently");
        }
    }
}
