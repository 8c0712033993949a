package it.attimo.aws.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.port.TrayCrm;
import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayTemplate;
import java.util.Map;
import java.util.Optional;

/**
 * A completed tray's data back to HubSpot, as its template's {@code crm} mapping says: the customer's contact
 * properties ({@code PATCH /crm/v3/objects/contacts/{id}}) and, when the mapping has deal properties, a deal associated
 * with the contact ({@code POST /crm/v3/objects/deals}, association type 3 deal → contact) carrying the tray id and the
 * document's SHA-256 ({@code attimo_tray_id}, {@code attimo_document_sha256}). Customers that are not HubSpot contacts
 * of the configured portal are skipped. Off unless {@code attimo.hubspot.trays.enabled=true}.
 */
public final class HubSpotTrayCrm implements TrayCrm {
    static final int DEAL_TO_CONTACT = 3;

    private final HubSpotClient client;
    private final String portalId;

    public HubSpotTrayCrm(HubSpotClient client, String portalId) {
        this.client = client;
        this.portalId = portalId;
    }

    @Override
    public void completed(TrayTemplate template, Tray tray) {
        TrayTemplate.CrmMapping crm = template.crm();
        if (crm == null) return;
        Optional<String> contactId = HubSpotContactIds.contactId(tray.customerId, portalId);
        if (contactId.isEmpty()) return;
        ObjectNode contact = HubSpotClient.object();
        if (fill(contact.putObject("properties"), crm.contact(), tray)) {
            client.patch("/crm/v3/objects/contacts/" + contactId.get(), contact);
        }
        if (crm.deal().isEmpty()) return;
        ObjectNode deal = HubSpotClient.object();
        ObjectNode properties = deal.putObject("properties");
        fill(properties, crm.deal(), tray);
        properties.put("dealname", template.title() + " " + tray.trayId);
        properties.put("attimo_tray_id", tray.trayId);
        if (tray.documentSha256 != null) properties.put("attimo_document_sha256", tray.documentSha256);
        ObjectNode association = deal.putArray("associations").addObject();
        association.putObject("to").put("id", contactId.get());
        association
                .putArray("types")
                .addObject()
                .put("associationCategory", "HUBSPOT_DEFINED")
                .put("associationTypeId", DEAL_TO_CONTACT);
        JsonNode ignored = client.post("/crm/v3/objects/deals", deal);
    }

    private static boolean fill(ObjectNode properties, Map<String, String> mapping, Tray tray) {
        boolean any = false;
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            String value = tray.data.get(m.getKey());
            if (value == null || value.isEmpty()) continue;
            properties.put(m.getValue(), value);
            any = true;
        }
        return any;
    }
}
