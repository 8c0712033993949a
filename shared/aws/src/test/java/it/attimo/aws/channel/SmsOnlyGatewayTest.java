package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsOnlyGatewayTest {
    @Test
    void whereSnsShipsTheConfirmationGoesThroughSnsSms() {
        assertThat(SmsOnlyGateway.available()).isTrue();
        assertThat(SmsOnlyGateway.create("eu-south-1", "http://127.0.0.1:9", "Attimo"))
                .isInstanceOf(SnsSmsGateway.class);
    }
}
