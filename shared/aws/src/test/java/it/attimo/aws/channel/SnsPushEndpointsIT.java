package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.config.AwsClients;
import it.attimo.aws.sns.SnsPushEndpoints;
import it.attimo.aws.testing.MotoServer;
import it.attimo.core.port.PushEndpoints;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Whose a push endpoint is, against a real SNS API (moto's server; skipped without it): the push gateway writes the
 * customer id on the endpoint, {@link SnsPushEndpoints} reads it back with the endpoint's state, and a deleted endpoint
 * is not found. This is what {@code POST /webhooks/sns-push} attributes an endpoint event with.
 */
class SnsPushEndpointsIT {
    static MotoServer moto;
    static SnsClient sns;
    static String application;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.startOrSkip();
        sns = AwsClients.build(SnsClient.builder(), "eu-south-1", moto.endpoint());
        application = sns.createPlatformApplication(b ->
                        b.name("attimo-app").platform("GCM").attributes(Map.of("PlatformCredential", "fcm-server-key")))
                .platformApplicationArn();
    }

    @AfterAll
    static void stop() {
        if (sns != null) sns.close();
        if (moto != null) moto.close();
    }

    void providerDisables(String endpoint) {
        sns.setEndpointAttributes(b -> b.endpointArn(endpoint).attributes(Map.of("Enabled", "false")));
    }

    @Test
    void theEndpointTheGatewayRefreshedNamesItsCustomerAndSaysWhenTheProviderDisabledIt() {
        SnsPushGateway gateway = new SnsPushGateway(sns, application);
        PushEndpoints endpoints = new SnsPushEndpoints(sns);
        String endpoint = gateway.endpoint("fcm-token-7", "c-7");
        // the provider disables it (an uninstalled app); the next send refreshes it with the customer id
        providerDisables(endpoint);
        assertThat(gateway.endpoint("fcm-token-7", "c-7")).isEqualTo(endpoint);
        assertThat(endpoints.find(endpoint)).contains(new PushEndpoints.Endpoint("c-7", true));
        // disabled again: the event that reports it is attributed to c-7 as disabled
        providerDisables(endpoint);
        assertThat(endpoints.find(endpoint)).contains(new PushEndpoints.Endpoint("c-7", false));
    }

    @Test
    void aDeletedEndpointOrOneWithoutACustomerIsNotFound() {
        PushEndpoints endpoints = new SnsPushEndpoints(sns);
        String anonymous = sns.createPlatformEndpoint(
                        b -> b.platformApplicationArn(application).token("fcm-token-anon"))
                .endpointArn();
        assertThat(endpoints.find(anonymous)).isEmpty();
        sns.deleteEndpoint(b -> b.endpointArn(anonymous));
        assertThat(endpoints.find(anonymous)).isEmpty();
        assertThat(
                        endpoints.find(
                                "arn:aws:sns:eu-south-1:123456789012:endpoint/GCM/attimo-app/00000000-0000-0000-0000-000000000000"))
                .isEmpty();
    }
}
