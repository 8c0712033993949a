package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.aws.testing.Profiles;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore.ConcurrentUpdateException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoProfileStoreIT {
    private final DynamoProfileStore store = new DynamoProfileStore(
            LocalDynamo.shared().client(), LocalDynamo.shared().freshTables("profiles"));

    static Profile full(String id) {
        return Profiles.full(id);
    }

    @Test
    void anUnknownCustomerHasNoProfile() {
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void aSavedProfileComesBackWholeWithTheNextVersion() {
        Profile saved = store.save(full("c-1"), 0);

        assertThat(saved.version()).isEqualTo(1);
        assertThat(store.find("c-1")).contains(full("c-1").withVersion(1));
    }

    @Test
    void versionsAdvanceOneSaveAtATime() {
        Profile v1 = store.save(Profile.empty("c-2"), 0);
        Profile v2 = store.save(v1.withOutcomes(Map.of("a", "b")), v1.version());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.find("c-2").orElseThrow().outcomes()).containsEntry("a", "b");
    }

    @Test
    void aWriterHoldingAnOldVersionLosesAndChangesNothing() {
        Profile v1 = store.save(Profile.empty("c-3"), 0);
        store.save(v1.withOutcomes(Map.of("winner", "first")), 1);

        assertThatThrownBy(() -> store.save(v1.withOutcomes(Map.of("winner", "second")), 1))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.find("c-3").orElseThrow().outcomes()).containsEntry("winner", "first");
        assertThat(store.find("c-3").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void creatingAProfileThatAlreadyExistsIsAConflict() {
        store.save(Profile.empty("c-4"), 0);
        assertThatThrownBy(() -> store.save(Profile.empty("c-4"), 0)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void deleteRemovesTheProfile() {
        store.save(Profile.empty("c-5"), 0);
        store.delete("c-5");
        assertThat(store.find("c-5")).isEmpty();
    }
}
