package it.attimo.aws.hubspot;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot contacts among Attimo customers: ids {@code hs-<portalId>-<objectId>} (see the ingest mapping's
 * customerIdPrefix). Other customers did not come from HubSpot and have no contact to write to.
 */
public final class HubSpotContactIds {
    private static final Pattern ID = Pattern.compile("hs-(\\d+)-(\\d+)");

    private HubSpotContactIds() {}

    /** The contact's object id when {@code customerId} is a HubSpot contact (of {@code portalId}, when given). */
    public static Optional<String> contactId(String customerId, String portalId) {
        if (customerId == null) return Optional.empty();
        Matcher m = ID.matcher(customerId);
        if (!m.matches()) return Optional.empty();
        if (portalId != null && !portalId.isBlank() && !portalId.equals(m.group(1))) return Optional.empty();
        return Optional.of(m.group(2));
    }
}
