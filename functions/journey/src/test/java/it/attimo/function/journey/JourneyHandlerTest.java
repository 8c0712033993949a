package it.attimo.function.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JourneyHandlerTest {
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    ApplicationContext ctx;
    JourneyHandler handler;

    @BeforeEach
    void start() {
        profiles.put(new Profile(
                "cust-milano-001",
                Segment.B2C,
                new Location("015146", "Milano", "015", "Milano", "Lombardia", "Nord-ovest"),
                "it-IT",
                "formale",
                Map.of(),
                0,
                "unscored",
                List.of(),
                Map.of(),
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                null,
                1));
        ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test"))
                .build();
        ctx.registerSingleton(ProfileStore.class, profiles);
        ctx.registerSingleton(ContactStore.class, contacts);
        ctx.registerSingleton(MessageLedger.class, new InMemoryMessageLedger());
        ctx.registerSingleton(WaitRegistry.class, new InMemoryWaitRegistry());
        ctx.registerSingleton(EventLog.class, new InMemoryEventLog());
        ctx.registerSingleton(TemporalModelStore.class, new InMemoryTemporalModelStore());
        ctx.registerSingleton(JourneyRuntime.class, new RecordingJourneyRuntime());
        ctx.registerSingleton(ChannelGateway.class, gateway);
        ctx.registerSingleton(Clock.class, MutableClock.at("2026-06-10T08:00:00Z"));
        ctx.start();
        handler = new JourneyHandler(ctx);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    static Map<String, Object> fixture(String name) throws IOException {
        try (InputStream in = JourneyHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return new ObjectMapper().readValue(in, new TypeReference<>() {});
        }
    }

    @Test
    void planChoosesASendTimeInsideTheStepsWindow() throws IOException {
        Map<String, Object> plan = handler.handleRequest(fixture("plan-welcome.json"), null);

        assertThat(plan).containsEntry("skipped", false);
        Instant sendAt = Instant.parse(plan.get("sendAt").toString());
        // not before now (08:00Z), not after anchor + offset + window (07:55Z + 1 h)
        assertThat(sendAt).isBetween(Instant.parse("2026-06-10T08:00:00Z"), Instant.parse("2026-06-10T08:55:00Z"));
    }

    @Test
    void dispatchSendsOnceHoweverOftenStepFunctionsRetriesIt() throws IOException {
        contacts.put(new Contact("cust-milano-001", "giulia@example.it", null, null));

        Map<String, Object> first = handler.handleRequest(fixture("dispatch-welcome.json"), null);
        Map<String, Object> retry = handler.handleRequest(fixture("dispatch-welcome.json"), null);

        assertThat(first).containsEntry("status", "sent");
        assertThat(retry).containsEntry("status", "duplicate");
        assertThat(gateway.sent()).singleElement().satisfies(m -> {
            assertThat(m.template()).isEqualTo("post-purchase.welcome");
            assertThat(m.messageKey()).isEqualTo("cust-milano-001#post-purchase-cust-milano-001-evt-0001#welcome");
        });
    }

    @Test
    void aPayloadThatCanNeverSucceedFailsWithItsOwnErrorName() {
        // Step Functions matches errors by the exception's class name: the handler throws the named error's class
        assertThatThrownBy(() -> handler.handleRequest(Map.of("action", "teleport"), null))
                .isExactlyInstanceOf(Attimo.Rejected.class)
                .hasMessageContaining("teleport");
    }
}
