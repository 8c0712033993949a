package it.attimo.aws.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.port.ScoreWriteBack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Writes score and tier to the contact's custom properties {@code attimo_score} (number) and {@code attimo_tier}
 * (single-line text or dropdown) with {@code PATCH /crm/v3/objects/contacts/{contactId}}. Customers that are not
 * HubSpot contacts (of the configured portal) are skipped. Off unless {@code attimo.hubspot.writeback.enabled=true}.
 */
public final class HubSpotScoreWriteBack implements ScoreWriteBack {
    public static final String SCORE_PROPERTY = "attimo_score";
    public static final String TIER_PROPERTY = "attimo_tier";

    private final HubSpotClient client;
    private final String portalId;

    /** @param portalId only contacts of this portal are written (null or blank: any portal) */
    public HubSpotScoreWriteBack(HubSpotClient client, String portalId) {
        this.client = client;
        this.portalId = portalId;
    }

    @Override
    public void publish(String customerId, double score, String tier) {
        Optional<String> contactId = HubSpotContactIds.contactId(customerId, portalId);
        if (contactId.isEmpty()) return;
        ObjectNode body = HubSpotClient.object();
        ObjectNode properties = body.putObject("properties");
        properties.put(SCORE_PROPERTY, format(score));
        properties.put(TIER_PROPERTY, tier == null ? "" : tier);
        client.patch("/crm/v3/objects/contacts/" + contactId.get(), body);
    }

    /** At most one decimal, no trailing zeros: 35.0 becomes "35", 12.25 becomes "12.3". */
    static String format(double score) {
        return BigDecimal.valueOf(score)
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
