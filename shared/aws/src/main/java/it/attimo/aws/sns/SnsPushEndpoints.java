package it.attimo.aws.sns;

import it.attimo.aws.config.AwsClients;
import it.attimo.core.port.PushEndpoints;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * SNS platform endpoints as {@link PushEndpoints}: GetEndpointAttributes gives the customer id the push gateway wrote
 * as {@code CustomUserData} (on create and on every refresh) and {@code Enabled}. A deleted endpoint is not found.
 */
public final class SnsPushEndpoints implements PushEndpoints {
    private final SnsClient client;

    public SnsPushEndpoints(SnsClient client) {
        this.client = client;
    }

    /** Built by name from a factory, so a function jar without the SNS SDK never loads this class. */
    public static PushEndpoints create(String region, String endpoint) {
        return new SnsPushEndpoints(AwsClients.build(SnsClient.builder(), region, endpoint));
    }

    @Override
    public Optional<Endpoint> find(String endpointArn) {
        Map<String, String> attributes;
        try {
            attributes = client.getEndpointAttributes(b -> b.endpointArn(endpointArn))
                    .attributes();
        } catch (NotFoundException deleted) {
            return Optional.empty();
        }
        String customer = attributes.get("CustomUserData");
        if (customer == null || customer.isBlank()) return Optional.empty();
        return Optional.of(new Endpoint(customer, !"false".equalsIgnoreCase(attributes.get("Enabled"))));
    }
}
