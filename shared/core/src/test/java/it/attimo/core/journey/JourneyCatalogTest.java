package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.testing.Events;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JourneyCatalogTest {
    static final String SAFE = "[A-Za-z0-9_-]{1,80}";

    @Test
    void readableNamesForSafeShortIds() {
        assertThat(ExecutionNames.forTrigger("post-purchase", "c-1", "o-1")).isEqualTo("post-purchase-c-1-o-1");
    }

    @Test
    void namesAreDeterministic() {
        assertThat(ExecutionNames.forTrigger("post-purchase", "hs-62515:123", "evt.1"))
                .isEqualTo(ExecutionNames.forTrigger("post-purchase", "hs-62515:123", "evt.1"));
    }

    @Test
    void unsafeOrLongIdsFallBackToADigestThatStillFits() {
        List<String> names = List.of(
                ExecutionNames.forTrigger("post-purchase", "crm:42", "e-1"),
                ExecutionNames.forTrigger("post-purchase", "c.1", "e-1"),
                ExecutionNames.forTrigger("post-purchase", "c-1", "x".repeat(200)),
                ExecutionNames.forTrigger("onboarding-72h", "c-1", "hs-" + "f".repeat(70)),
                ExecutionNames.forTrigger("a-journey-with-a-really-long-descriptive-name-for-tests", "c:1", "e"),
                ExecutionNames.forTrigger("journey with spaces", "c:1", "e"));
        assertThat(names).allSatisfy(n -> assertThat(n).matches(SAFE));
        assertThat(names.get(0)).startsWith("post-purchase-").hasSize("post-purchase-".length() + 40);
        assertThat(names.get(3)).startsWith("onboarding-72h-");
    }

    @Test
    void differentCustomersEventsOrJourneysGiveDifferentNames() {
        Set<String> names = new HashSet<>();
        for (String journey : List.of("post-purchase", "onboarding-72h")) {
            for (String customer : List.of("c:1", "c:2", "c-1")) {
                for (String event : List.of("e.1", "e.2", "e-1")) {
                    names.add(ExecutionNames.forTrigger(journey, customer, event));
                }
            }
        }
        assertThat(names).hasSize(18);
        String longJourney = "x".repeat(70);
        assertThat(ExecutionNames.forTrigger(longJourney + "a", "c:1", "e"))
                .isNotEqualTo(ExecutionNames.forTrigger(longJourney + "b", "c:1", "e"));
    }

    @Test
    void executionNameOfAnArnOrAName() {
        assertThat(ExecutionNames.nameOf(
                        "arn:aws:states:eu-south-1:123456789012:execution:attimo-pp:post-purchase-c-1-o-1"))
                .isEqualTo("post-purchase-c-1-o-1");
        assertThat(ExecutionNames.nameOf("post-purchase-c-1-o-1")).isEqualTo("post-purchase-c-1-o-1");
    }

    @Test
    void defaultTriggers() {
        JourneyCatalog catalog = JourneyCatalog.defaults();
        CustomerEvent delivered =
                Events.event(EventTypes.ORDER_DELIVERED, "c-1").build();
        CustomerEvent registered =
                Events.event(EventTypes.ACCOUNT_REGISTERED, "c-1").build();
        Profile b2b = new Profile(
                "c-1", Segment.B2B, null, null, null, null, 0, null, null, null, null, null, null, null, null, null, 0);
        Profile b2c = new Profile(
                "c-1", Segment.B2C, null, null, null, null, 0, null, null, null, null, null, null, null, null, null, 0);
        assertThat(catalog.triggeredBy(delivered, null))
                .extracting(JourneyDefinition::name)
                .containsExactly("post-purchase");
        assertThat(catalog.triggeredBy(registered, b2b))
                .extracting(JourneyDefinition::name)
                .containsExactly("onboarding-72h");
        assertThat(catalog.triggeredBy(registered, b2c)).isEmpty();
        assertThat(catalog.triggeredBy(registered, null)).isEmpty();
        assertThat(catalog.triggeredBy(
                        Events.event(EventTypes.ORDER_PLACED, "c-1").build(), b2b))
                .isEmpty();
    }

    @Test
    void theJourneyOfAnExecutionIsReadFromItsName() {
        String name = ExecutionNames.forTrigger("onboarding-72h", "c-1", "e-1");
        org.assertj.core.api.Assertions.assertThat(JourneyCatalog.defaults().journeyOfExecution(name))
                .isEqualTo("onboarding-72h");
        org.assertj.core.api.Assertions.assertThat(JourneyCatalog.defaults()
                        .journeyOfExecution("arn:aws:states:eu-south-1:1:execution:post-purchase:"
                                + ExecutionNames.forTrigger("post-purchase", "c", "e")))
                .isEqualTo("post-purchase");
        org.assertj.core.api.Assertions.assertThat(JourneyCatalog.defaults().journeyOfExecution("something-else"))
                .isNull();
    }
}
