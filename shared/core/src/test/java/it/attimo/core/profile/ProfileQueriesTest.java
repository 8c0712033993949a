package it.attimo.core.profile;

import static it.attimo.core.testing.ProfileQueryFixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.EventTypes;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.ProfileQueryFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read side's typed answers; their JSON form is tested with the adapter (shared/aws ProfileViewJsonTest). */
class ProfileQueriesTest {
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final ProfileQueries queries = new ProfileQueries(profiles, contacts);

    @BeforeEach
    void customer() {
        ProfileQueryFixtures.seed(profiles, contacts);
    }

    @Test
    void theProfileWithWhichChannelsReachTheCustomer() {
        ProfileView view = queries.profile(CUSTOMER);
        Profile p = view.profile();
        assertThat(p.customerId()).isEqualTo(CUSTOMER);
        assertThat(p.tier()).isNotBlank();
        assertThat(p.location().comuneCode()).isEqualTo("015146");
        assertThat(p.location().region()).isEqualTo("Lombardia");
        assertThat(p.location().macroArea()).isEqualTo("Nord-ovest");
        assertThat(p.segment().id()).isEqualTo("b2b");
        assertThat(p.journeys())
                .filteredOn(JourneyRun::active)
                .singleElement()
                .satisfies(r -> assertThat(r.executionName()).isEqualTo("post-purchase-c-1-o-1"));
        assertThat(p.journeys()).hasSize(2);
        assertThat(p.recentEvents()).hasSize(2);
        assertThat(p.recentEvents().get(0).id()).isEqualTo("o-1");
        assertThat(p.recentEvents().get(0).type()).isEqualTo(EventTypes.ORDER_DELIVERED);
        assertThat(view.reachable()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
        assertThat(view.canReach(Channel.PUSH)).isFalse();
        assertThat(p.consents().get("email").granted()).isTrue();
    }

    @Test
    void noEmailOrPhoneAnywhereInTheView() {
        assertThat(queries.profile(CUSTOMER).toString())
                .doesNotContain("anna")
                .doesNotContain("@")
                .doesNotContain("3331234567");
    }

    @Test
    void unknownCustomerIsNotFound() {
        NotFound e = catchThrowableOfType(NotFound.class, () -> queries.profile("nobody"));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("not_found");
        assertThat(e.getMessage()).isEqualTo("no profile for customer nobody");
    }

    @Test
    void anIdIsTakenAsItIsGiven() {
        profiles.put(Profile.empty("hs-1:2"));
        assertThat(queries.profile("hs-1:2").profile().customerId()).isEqualTo("hs-1:2");
        assertThat(catchThrowableOfType(NotFound.class, () -> queries.profile("hs-1%3A2")))
                .isNotNull();
        assertThat(catchThrowableOfType(NotFound.class, () -> queries.profile("")))
                .isNotNull();
        assertThat(catchThrowableOfType(NotFound.class, () -> queries.profile(null)))
                .isNotNull();
    }

    @Test
    void aProfileWithoutContactOrLocation() {
        profiles.put(Profile.empty("bare"));
        ProfileView view = queries.profile("bare");
        assertThat(view.profile().location()).isNull();
        assertThat(view.reachable()).isEmpty();
        assertThat(view.profile().journeys()).filteredOn(JourneyRun::active).isEmpty();
    }
}
