package it.attimo.core.port;

/**
 * Opens a follow-up task for the customer's account manager (SNS topic, HubSpot CRM task, or the local outbox).
 * Ids only: the reason is a short code such as {@code onboarding.at-risk}, never personal data.
 */
public interface AccountManagerTasks {
    void open(String customerId, String reason, String executionName);
}
