package it.attimo.aws.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubSpotContactIdsTest {
    @Test
    void theObjectIdOfAHubSpotCustomerIsItsContactId() {
        assertThat(HubSpotContactIds.contactId("hs-123-456", null)).contains("456");
        assertThat(HubSpotContactIds.contactId("hs-123-456", "123")).contains("456");
    }

    @Test
    void otherCustomersAndOtherPortalsHaveNoContact() {
        assertThat(HubSpotContactIds.contactId("hs-999-456", "123")).isEqualTo(Optional.empty());
        assertThat(HubSpotContactIds.contactId("c-42", null)).isEmpty();
        assertThat(HubSpotContactIds.contactId("hs-123-abc", null)).isEmpty();
        assertThat(HubSpotContactIds.contactId("hs-123-456-x", null)).isEmpty();
        assertThat(HubSpotContactIds.contactId(null, null)).isEmpty();
    }
}
