package it.attimo.aws.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.journey.JourneyError;
import it.attimo.core.journey.TransientJourneyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JourneyErrorsTest {
    @ParameterizedTest
    @EnumSource(JourneyError.class)
    void theThrownClassIsNamedAsTheErrorTheStateMachinesMatch(JourneyError error) {
        // The Lambda runtime reports getClass().getName() as errorType: a renamed class would silently disable retries
        RuntimeException thrown = JourneyErrors.named(error, new RuntimeException("m"));

        assertThat(thrown.getClass().getName()).isEqualTo(error.errorName());
    }

    @Test
    void aBadPayloadIsRejectedAndAnyOtherFailureIsTransientWithItsMessageAndCause() {
        var badPayload = new IllegalArgumentException("customerId is required");
        var throttled = new TransientJourneyException("plan failed: ThrottlingException");

        assertThat(JourneyErrors.named(badPayload))
                .hasMessage("customerId is required")
                .hasCause(badPayload)
                .extracting(e -> e.getClass().getName())
                .isEqualTo("Attimo.Rejected");
        assertThat(JourneyErrors.named(throttled))
                .hasMessage("plan failed: ThrottlingException")
                .extracting(e -> e.getClass().getName())
                .isEqualTo("Attimo.Transient");
        assertThat(JourneyErrors.named(new IllegalStateException("x"))
                        .getClass()
                        .getName())
                .isEqualTo("Attimo.Transient");
    }
}
