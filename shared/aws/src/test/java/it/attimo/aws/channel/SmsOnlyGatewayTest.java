package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsOnlyGatewayTest {
    @Test
    void withoutAConfigurationSetTheConfirmationGoesThroughSnsSms() {
        assertThat(SmsOnlyGateway.available("")).isTrue();
        assertThat(SmsOnlyGateway.create("eu-south-1", "http://127.0.0.1:9", "http://127.0.0.1:9", "Attimo", ""))
                .isInstanceOf(SnsSmsGateway.class);
    }

    @Test
    void withAConfigurationSetItGoesThroughEndUserMessagingSoDeliveryEventsComeBack() {
        assertThat(SmsOnlyGateway.available("attimo-sms-events")).isTrue();
        assertThat(SmsOnlyGateway.create(
                        "eu-south-1", "http://127.0.0.1:9", "http://127.0.0.1:9", "Attimo", " attimo-sms-events "))
                .isInstanceOf(EndUserMessagingSmsGateway.class);
    }
}
