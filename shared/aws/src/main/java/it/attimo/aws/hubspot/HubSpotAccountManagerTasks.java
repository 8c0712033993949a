package it.attimo.aws.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.port.AccountManagerTasks;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Opens a CRM task on the customer's HubSpot contact ({@code POST /crm/v3/objects/tasks}, associated to the contact)
 * so the contact owner sees it in HubSpot. Subject and body carry a reason code and the journey execution, no personal
 * data. Customers that are not HubSpot contacts are skipped (logged by id).
 */
public final class HubSpotAccountManagerTasks implements AccountManagerTasks {
    private static final Logger LOG = Logger.getLogger(HubSpotAccountManagerTasks.class.getName());
    /** HubSpot-defined association type "task to contact". */
    static final int TASK_TO_CONTACT = 204;

    private final HubSpotClient client;
    private final String portalId;
    private final String ownerId;
    private final Clock clock;

    /**
     * @param portalId only contacts of this portal get tasks (null or blank: any portal)
     * @param ownerId  HubSpot owner to assign the task to (null or blank: unassigned)
     */
    public HubSpotAccountManagerTasks(HubSpotClient client, String portalId, String ownerId, Clock clock) {
        this.client = client;
        this.portalId = portalId;
        this.ownerId = ownerId;
        this.clock = clock;
    }

    @Override
    public void open(String customerId, String reason, String executionName) {
        Optional<String> contactId = HubSpotContactIds.contactId(customerId, portalId);
        if (contactId.isEmpty()) {
            LOG.info(() -> "customer " + customerId + " is not a HubSpot contact: no CRM task for " + reason);
            return;
        }
        ObjectNode body = HubSpotClient.object();
        ObjectNode properties = body.putObject("properties");
        properties.put("hs_timestamp", clock.instant().toString());
        properties.put("hs_task_subject", "Attimo: " + reason);
        properties.put(
                "hs_task_body",
                "Reason: " + reason + ". Journey execution: " + executionName + ". Open the Attimo profile of "
                        + customerId + " for the score breakdown.");
        properties.put("hs_task_status", "NOT_STARTED");
        properties.put("hs_task_priority", "HIGH");
        properties.put("hs_task_type", "TODO");
        if (ownerId != null && !ownerId.isBlank()) properties.put("hubspot_owner_id", ownerId);
        ObjectNode association = body.putArray("associations").addObject();
        association.putObject("to").put("id", contactId.get());
        ObjectNode type = association.putArray("types").addObject();
        type.put("associationCategory", "HUBSPOT_DEFINED");
        type.put("associationTypeId", TASK_TO_CONTACT);
        client.post("/crm/v3/objects/tasks", body);
    }
}
