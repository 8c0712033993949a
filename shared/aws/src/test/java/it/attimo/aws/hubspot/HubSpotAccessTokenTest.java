package it.attimo.aws.hubspot;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSpotAccessTokenTest {
    /** An SSM client answering one parameter from a mutable value, recording what it was asked. */
    private static final class FakeSsm implements SsmClient {
        final List<GetParameterRequest> requests = new ArrayList<>();
        String value = "pat-eu1-first";

        @Override
        public GetParameterResponse getParameter(GetParameterRequest request) {
            requests.add(request);
            if (value == null) throw ParameterNotFoundException.builder().message("not found").build();
            return GetParameterResponse.builder().parameter(Parameter.builder().name(request.name()).value(value).build())
                    .build();
        }

        @Override
        public String serviceName() {
            return "ssm";
        }

        @Override
        public void close() {}
    }

    private static final class SettableClock extends Clock {
        Instant now = Instant.parse("2026-06-10T08:00:00Z");

        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void theSsmTokenIsDecryptedCachedAndRefreshedAfterItsTtl() {
        FakeSsm ssm = new FakeSsm();
        SettableClock clock = new SettableClock();
        HubSpotAccessToken token = HubSpotAccessToken.fromSsm(ssm, "/attimo/hubspot-access-token", clock, Duration.ofMinutes(5));

        assertThat(token.get()).isEqualTo("pat-eu1-first");
        ssm.value = "pat-eu1-rotated";
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(token.get()).isEqualTo("pat-eu1-first");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(token.get()).isEqualTo("pat-eu1-rotated");

        assertThat(ssm.requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.name()).isEqualTo("/attimo/hubspot-access-token");
            assertThat(r.withDecryption()).isTrue();
        });
    }

    @Test
    void aMissingTokenIsAnErrorThatNamesThePropertyNotAValue() {
        FakeSsm ssm = new FakeSsm();
        ssm.value = null;

        assertThatThrownBy(() -> HubSpotAccessToken.fromSsm(ssm, "/p", Clock.systemUTC(), Duration.ofMinutes(5)).get())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("attimo.hubspot.access-token");
        assertThatThrownBy(() -> HubSpotAccessToken.fixed(" ").get()).isInstanceOf(IllegalStateException.class);
        assertThat(HubSpotAccessToken.fixed("pat-x").get()).isEqualTo("pat-x");
    }
}
