package it.attimo.core.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.Conflict;
import it.attimo.core.error.Forbidden;
import it.attimo.core.error.NotFound;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.TrayCrm;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tray use cases on in-memory ports: creation, each action of the flow, the party pages, signature and refusals. */
class TraysTest {
    static final Instant T0 = Instant.parse("2026-06-09T08:00:00Z");

    MutableClock clock;
    InMemoryTrays store;
    InMemoryMessageLedger ledger;
    RecordingChannelGateway gateway;
    InMemoryContactStore contacts;
    InMemoryEventQueue queue;
    RecordingJourneyRuntime runtime;
    TrayTokens tokens;
    StoredTrays trays;
    CreateTray create;
    TrayFlow flow;
    PartyTurns turns;
    TrayQueries queries;
    List<Tray> crm;
    List<String> rendered;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        store = new InMemoryTrays();
        ledger = new InMemoryMessageLedger();
        gateway = new RecordingChannelGateway();
        contacts = new InMemoryContactStore();
        queue = new InMemoryEventQueue();
        runtime = new RecordingJourneyRuntime();
        tokens = new TrayTokens("secret", new SecureRandom());
        trays = new StoredTrays(store, TrayTemplates.bundled(), clock);
        TrayMessages messages = new TrayMessages(
                ledger,
                gateway,
                contacts,
                MessageRenderer.bundled("https://attimo.example", (CustomerLinkToken) null),
                TrayTemplates.bundled(),
                clock);
        TrayEvents events = new TrayEvents(queue);
        crm = new ArrayList<>();
        rendered = new ArrayList<>();
        TrayCrm recordingCrm = (template, tray) -> crm.add(tray);
        create = new CreateTray(trays, store, runtime, events, clock);
        flow = new TrayFlow(
                trays,
                store,
                tokens,
                messages,
                events,
                (template, tray, audit) -> {
                    rendered.add(tray.documentSha256 + " " + audit.size());
                    return ("PDF " + tray.trayId).getBytes(StandardCharsets.UTF_8);
                },
                store.documentStore,
                recordingCrm,
                runtime,
                clock);
        turns = new PartyTurns(
                trays, store, tokens, messages, events, new RuleCreditCheck(), store.documentStore, runtime, clock);
        queries = new TrayQueries(trays, store);
        contacts.put(new Contact("c-1", "c1@example.invalid", "+393330000000", null));
        contacts.put(new Contact("s-1", "s1@example.invalid", null, null));
    }

    @Test
    void aWholeTrayFromCreationToCompletion() {
        String trayId = newTray("4800");
        assertThat(runtime.executions()).singleElement().satisfies(e -> {
            assertThat(e.journey()).isEqualTo("tray");
            assertThat(e.executionName()).isEqualTo(trayId);
            assertThat(e.input()).doesNotContain("Rossi", "@");
        });
        assertThat(queue.published()).extracting(e -> e.type()).containsExactly("tray.created");

        Map<String, Object> turn = flow.turn(trayId);
        assertThat(turn)
                .containsEntry("state", "waiting")
                .containsEntry("party", "customer")
                .containsEntry("reminderSeconds", 86_400L)
                .containsEntry("expirySeconds", 172_800L);
        OutboundMessage link = lastMessage("customer-turn");
        assertThat(link.customerId()).isEqualTo("c-1");
        assertThat(link.journey()).isEqualTo("tray-conferma-ordine");
        String token = link.context().get("trayToken");
        // rendered in the core: the party's link in the text, under the public base URL
        assertThat(link.rendered().links()).containsEntry("tray", "https://attimo.example/tray/" + token);
        assertThat(link.rendered().subject()).isEqualTo("Tocca a Lei: Conferma d'ordine");
        assertThat(link.rendered().text()).contains("https://attimo.example/tray/" + token, "(Cliente)");
        // a retried turn step sends nothing twice
        flow.turn(trayId);
        assertThat(gateway.sent())
                .filteredOn(m -> m.step().equals("customer-turn"))
                .hasSize(1);

        flow.await(trayId, "customer", "task-1");
        PartyView view = turns.view(token);
        assertThat(view.canAct()).isTrue();
        assertThat(view.sections())
                .flatExtracting(PartyView.SectionView::fields)
                .extracting(f -> f.field().name())
                .doesNotContain("margine")
                .contains("ragioneSociale", "totale");
        assertThat(view.credit()).isNull();

        PartyTurns.Result bad = turns.act(token, customerForm("123", "request-otp"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.view().errors()).containsKeys("partitaIva");
        assertThat(bad.view().sections().get(1).fields())
                .filteredOn(f -> f.field().name().equals("partitaIva"))
                .extracting(PartyView.FieldView::value)
                .containsExactly("123");

        PartyTurns.Result asked = turns.act(token, customerForm("12345678901", "request-otp"));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.view().otpPending()).isTrue();
        assertThat(asked.view().sections())
                .flatExtracting(PartyView.SectionView::fields)
                .noneMatch(PartyView.FieldView::editable); // the values being signed are locked
        OutboundMessage otp = lastMessage("otp");
        assertThat(otp.channel()).isEqualTo(Channel.SMS);
        String code = otp.context().get("otp");
        assertThat(otp.rendered().text()).contains(code, "Conferma d'ordine");
        assertThat(lastMessage("customer-turn").rendered().text()).doesNotContain(code);

        assertThat(turns.act(token, Map.of("_action", "sign", "otp", "999999".equals(code) ? "000000" : "999999"))
                        .status())
                .isEqualTo(400);
        PartyTurns.Result signed = turns.act(token, Map.of("_action", "sign", "otp", code));
        assertThat(signed.status()).isEqualTo(200);
        assertThat(runtime.resumes()).singleElement().satisfies(r -> {
            assertThat(r.taskToken()).isEqualTo("task-1");
            assertThat(r.output()).contains("submitted");
        });
        Tray afterSign = trays.load(trayId);
        assertThat(afterSign.signatures).singleElement().satisfies(s -> {
            assertThat(s.party()).isEqualTo("customer");
            assertThat(s.method()).isEqualTo("otp-sms");
            assertThat(s.documentSha256())
                    .isEqualTo(DocumentHash.seenBy(afterSign, trays.template(afterSign), "customer"));
        });
        assertThat(afterSign.otp).isNull();

        assertThat(flow.turn(trayId)).containsEntry("party", "service");
        String serviceToken = lastMessage("service-turn").context().get("trayToken");
        PartyView service = turns.view(serviceToken);
        assertThat(service.credit().outcome()).isEqualTo(CreditAssessment.APPROVED);
        assertThat(turns.act(serviceToken, Map.of("datiVerificati", "true", "fido", "regolare"))
                        .status())
                .isEqualTo(200);
        // the turn was submitted before the state machine parked: its wait step resumes at once
        flow.await(trayId, "service", "task-2");
        assertThat(runtime.resumes())
                .extracting(RecordingJourneyRuntime.Resume::taskToken)
                .contains("task-2");

        assertThat(flow.turn(trayId)).containsEntry("state", "complete");
        assertThat(flow.complete(trayId)).containsEntry("state", "completed");
        Tray done = trays.load(trayId);
        assertThat(done.status).isEqualTo(Tray.COMPLETED);
        assertThat(done.documentSha256).isEqualTo(DocumentHash.of(done));
        assertThat(store.documentStore.find(trayId)).isPresent();
        assertThat(rendered).singleElement().asString().startsWith(done.documentSha256);
        assertThat(crm).hasSize(1);
        assertThat(lastMessage("sales-turn").customerId()).isEqualTo("s-1");
        assertThat(queue.published())
                .extracting(e -> e.type())
                .contains("tray.signed", "tray.section.submitted", "tray.completed");
        // complete is idempotent: no second PDF, no second notice
        flow.complete(trayId);
        assertThat(rendered).hasSize(1);
        assertThat(gateway.sent())
                .filteredOn(m -> m.step().equals("sales-turn"))
                .hasSize(1);
        assertThat(turns.document(serviceToken)).isEqualTo(("PDF " + trayId).getBytes(StandardCharsets.UTF_8));
        // a store without links (DynamoDB) serves the bytes; one with links (S3) gives a 5-minute link instead
        assertThat(turns.documentLink(serviceToken)).isEmpty();
        store.links = true;
        assertThat(turns.documentLink(serviceToken))
                .contains(java.net.URI.create("https://documents.example/" + trayId + "?expires=300"));
        store.links = false;

        Map<String, Object> described = queries.describe(trayId);
        assertThat(described).containsEntry("status", "completed").containsKey("document");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> audit = (List<Map<String, Object>>) described.get("audit");
        assertThat(audit)
                .extracting(a -> a.get("action"))
                .containsSubsequence(
                        "created",
                        "turn",
                        "changed",
                        "otp-sent",
                        "otp-failed",
                        "signed",
                        "submitted",
                        "turn",
                        "submitted",
                        "completed");
        assertThat(turns.view(serviceToken).canAct()).isFalse();
        assertThatThrownBy(() -> turns.act(serviceToken, Map.of("fido", "regolare")))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void aRejectionSendsTheTrayBackToSalesWhoCorrectsItThenEveryTurnStartsAgain() {
        String trayId = newTray("50000");
        flow.turn(trayId);
        String token = lastMessage("customer-turn").context().get("trayToken");
        flow.await(trayId, "customer", "task-1");
        PartyTurns.Result empty = turns.act(token, Map.of("_action", "reject", "note", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.view().errors()).containsKey("note");
        assertThat(turns.act(token, Map.of("_action", "reject", "note", "Prezzo diverso dall'offerta"))
                        .status())
                .isEqualTo(200);
        assertThat(runtime.resumes())
                .extracting(RecordingJourneyRuntime.Resume::taskToken)
                .containsExactly("task-1");

        Tray back = trays.load(trayId);
        assertThat(back.status).isEqualTo("waiting-sales");
        assertThat(back.sentBack).isEqualTo(1);
        assertThat(back.rejection.note()).isEqualTo("Prezzo diverso dall'offerta");
        assertThat(back.sectionStatus("customer")).isEqualTo(Tray.SectionState.PENDING);
        Map<String, Object> shown = queries.describe(trayId);
        assertThat(shown).containsEntry("status", "waiting-sales").containsEntry("sentBack", 1);
        assertThat(store.entries(trayId))
                .filteredOn(e -> e.action().equals("sent-back"))
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).containsEntry("sentBackTo", "sales"));
        // the customer's old link can no longer act: it is the creator's turn
        assertThatThrownBy(() -> turns.act(token, customerForm("12345678901", "request-otp")))
                .isInstanceOf(Conflict.class);

        assertThat(flow.turn(trayId)).containsEntry("state", "waiting").containsEntry("party", "sales");
        OutboundMessage salesLink = lastMessage("sales-turn");
        assertThat(salesLink.customerId()).isEqualTo("s-1");
        assertThat(salesLink.rendered().subject()).isEqualTo("Da correggere: Conferma d'ordine");
        assertThat(salesLink.rendered().text()).contains("rimandato con una nota");
        String salesToken = salesLink.context().get("trayToken");
        flow.await(trayId, "sales", "task-2");
        PartyView salesView = turns.view(salesToken);
        assertThat(salesView.canAct()).isTrue();
        assertThat(salesView.sections())
                .flatExtracting(PartyView.SectionView::fields)
                .filteredOn(PartyView.FieldView::editable)
                .extracting(f -> f.field().name())
                .contains("totale", "prodotti");
        assertThat(turns.act(salesToken, Map.of("totale", "45000")).status()).isEqualTo(200);
        assertThat(trays.load(trayId).data).containsEntry("totale", "45000");

        // round two: the customer gets a new link (a new ledger step, so it is really sent) and may sign again
        assertThat(flow.turn(trayId)).containsEntry("party", "customer");
        assertThat(gateway.sent())
                .filteredOn(m -> m.step().equals("customer-turn"))
                .hasSize(2);
        String second = lastMessage("customer-turn").context().get("trayToken");
        assertThat(second).isNotEqualTo(token);
        flow.await(trayId, "customer", "task-3");
        assertThat(turns.view(second).canAct()).isTrue();
    }

    @Test
    void aRejectionEndsTheTrayOnceTheSendBacksAreUsedUpOrWhenSalesWithdrawsIt() {
        String trayId = newTray("50000");
        for (int round = 1; round <= 2; round++) {
            flow.turn(trayId);
            String customer = lastMessage("customer-turn").context().get("trayToken");
            turns.act(customer, Map.of("_action", "reject", "note", "Giro " + round));
            assertThat(trays.load(trayId).status).isEqualTo("waiting-sales");
            flow.turn(trayId);
            String sales = lastMessage("sales-turn").context().get("trayToken");
            assertThat(turns.act(sales, Map.of("totale", Integer.toString(40000 - round)))
                            .status())
                    .isEqualTo(200);
        }
        flow.turn(trayId);
        String customer = lastMessage("customer-turn").context().get("trayToken");
        assertThat(turns.act(customer, Map.of("_action", "reject", "note", "Ancora no"))
                        .view()
                        .notice())
                .contains("rimandato");
        assertThat(runtime.resumes()).isEmpty(); // no task token was parked in this test
        assertThat(flow.turn(trayId)).containsEntry("state", "rejected");
        assertThat(flow.rejected(trayId)).containsEntry("state", "rejected");
        assertThat(lastMessage("rejected").customerId()).isEqualTo("s-1");
        assertThat(trays.load(trayId).rejection.note()).isEqualTo("Ancora no");
        assertThat(flow.complete(trayId)).containsEntry("state", "rejected");
        assertThat(flow.expire(trayId, "customer")).containsEntry("state", "rejected");

        // sales may also withdraw a tray sent back to it: then it ends at once
        String other = newTray("50000");
        flow.turn(other);
        turns.act(lastMessage("customer-turn").context().get("trayToken"), Map.of("_action", "reject", "note", "No"));
        flow.turn(other);
        String sales = lastMessage("sales-turn").context().get("trayToken");
        assertThat(turns.act(sales, Map.of("_action", "reject", "note", "")).status())
                .isEqualTo(400);
        assertThat(turns.act(sales, Map.of("_action", "reject", "note", "Il cliente rinuncia"))
                        .view()
                        .notice())
                .contains("ritirato");
        assertThat(trays.load(other).status).isEqualTo(Tray.REJECTED);
        assertThat(flow.turn(other)).containsEntry("state", "rejected");
    }

    @Test
    void aLapsedTurnIsRemindedThenExpires() {
        String trayId = newTray("4800");
        flow.turn(trayId);
        String token = lastMessage("customer-turn").context().get("trayToken");
        clock.advance(Duration.ofHours(24));
        assertThat(flow.remind(trayId, "customer")).containsEntry("state", "reminded");
        assertThat(lastMessage("customer-reminder").context().get("trayToken")).isNotEqualTo(token);
        clock.advance(Duration.ofHours(48));
        assertThat(flow.expire(trayId, "customer")).containsEntry("state", "expired");
        assertThat(trays.load(trayId).status).isEqualTo(Tray.EXPIRED);
        assertThat(lastMessage("expired").customerId()).isEqualTo("s-1");
        assertThatThrownBy(() -> turns.view(token)).isInstanceOf(NotFound.class);
        assertThat(flow.remind(trayId, "customer")).containsEntry("state", "skipped");
        assertThat(flow.turn(trayId)).containsEntry("state", "expired");
    }

    @Test
    void linksAreSinglePartyAndCannotBeForged() {
        String trayId = newTray("4800");
        flow.turn(trayId);
        String token = lastMessage("customer-turn").context().get("trayToken");
        assertThatThrownBy(() -> turns.view("x")).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> turns.view(token + "x")).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> turns.view(token.replace('.', '_'))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> turns.view(
                        new TrayTokens("other", new SecureRandom()).issue(trayId, "customer", T0.plusSeconds(60))))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> turns.view(tokens.issue("tray-none", "customer", T0.plusSeconds(60))))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> turns.view(tokens.issue(trayId, "intruder", T0.plusSeconds(60))))
                .isInstanceOf(Forbidden.class);
        // the customer writing the service's field: refused and logged
        assertThatThrownBy(() -> turns.act(token, Map.of("fido", "regolare"))).isInstanceOf(Forbidden.class);
        assertThat(store.entries(trayId)).extracting(AuditEntry::action).contains("write-refused");
        assertThatThrownBy(() -> turns.act(token, Map.of("nonsense", "1"))).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> turns.act(token, Map.of("_action", "dance"))).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> turns.act(token, Map.of("_nonce", "stale"))).isInstanceOf(Conflict.class);
        // the service cannot act before its turn
        String early = tokens.issue(trayId, "service", T0.plusSeconds(600));
        assertThatThrownBy(() -> turns.act(early, Map.of("fido", "regolare"))).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> turns.document(token)).isInstanceOf(NotFound.class);
        store.links = true;
        assertThatThrownBy(() -> turns.documentLink(token)).isInstanceOf(NotFound.class);
    }

    @Test
    void theOneTimeCodeIsLimitedAndBoundToTheVersion() {
        String trayId = newTray("4800");
        flow.turn(trayId);
        String token = lastMessage("customer-turn").context().get("trayToken");
        assertThat(turns.act(token, Map.of("_action", "sign", "otp", "123456"))
                        .view()
                        .errors())
                .containsKey("otp");
        turns.act(token, customerForm("12345678901", "request-otp"));
        for (int i = 0; i < PartyTurns.OTP_ATTEMPTS; i++) turns.act(token, Map.of("_action", "sign", "otp", "abc"));
        String code = lastMessage("otp").context().get("otp");
        assertThat(turns.act(token, Map.of("_action", "sign", "otp", code))
                        .view()
                        .errors()
                        .get("otp"))
                .contains("Troppi tentativi");
        // a new code, then a change of data: the old code no longer signs
        turns.act(token, customerForm("12345678901", "request-otp"));
        String second = lastMessage("otp").context().get("otp");
        assertThat(turns.act(token, Map.of("_action", "edit")).view().otpPending())
                .isFalse();
        turns.act(token, customerForm("10987654321", "request-otp"));
        String third = lastMessage("otp").context().get("otp");
        clock.advance(Duration.ofMinutes(11));
        assertThat(turns.act(token, Map.of("_action", "sign", "otp", third))
                        .view()
                        .errors()
                        .get("otp"))
                .contains("scaduto");
        assertThat(second).matches("[0-9]{6}");
        for (int i = 0; i < PartyTurns.OTP_SENDS; i++) turns.act(token, customerForm("12345678901", "request-otp"));
        assertThat(turns.act(token, customerForm("12345678901", "request-otp")).status())
                .isEqualTo(429);
        assertThat(trays.load(trayId).signatures).isEmpty();
    }

    @Test
    void creationRefusesWhatTheTemplateDoesNotAllowAndIsIdempotentByTrayId() {
        assertThatThrownBy(() -> create.create(new CreateTray.Request(null, "nope", "c-1", Map.of(), Map.of())))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("unknown template");
        assertThatThrownBy(() -> create.create(new CreateTray.Request(null, null, "c-1", Map.of(), Map.of())))
                .isInstanceOf(BadRequest.class);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("prodotti", "x");
        data.put("totale", "abc");
        data.put("fido", "regolare");
        data.put("sconosciuto", "1");
        data.put("indirizzo", List.of("no"));
        assertThatThrownBy(() -> create.create(new CreateTray.Request(
                        "bad id!",
                        "conferma-ordine",
                        "mario@example.it",
                        data,
                        Map.of("sales", "s-1", "intruder", "x"))))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("trayId")
                .hasMessageContaining("customerId")
                .hasMessageContaining("data.totale")
                .hasMessageContaining("data.fido belongs to another party")
                .hasMessageContaining("data.sconosciuto")
                .hasMessageContaining("data.indirizzo")
                .hasMessageContaining("parties.intruder")
                .hasMessageContaining("parties.service is required");

        Map<String, String> named = Map.of("sales", "s-1", "service", "v-1", "customer", "c-1");
        assertThat(create.create(new CreateTray.Request(
                                "tray-named",
                                "conferma-ordine",
                                "c-1",
                                request(null, "1").data(),
                                named))
                        .tray()
                        .parties)
                .containsEntry("customer", "c-1");
        assertThatThrownBy(() -> create.create(new CreateTray.Request(
                        null,
                        "conferma-ordine",
                        "c-1",
                        request(null, "1").data(),
                        Map.of("sales", "s-1", "service", "v-1", "customer", "c-2"))))
                .hasMessageContaining("parties.customer must be the customerId");
        CreateTray.Request request = request("tray-fixed", "4800");
        assertThat(create.create(request).created()).isTrue();
        CreateTray.Created again = create.create(request);
        assertThat(again.created()).isFalse();
        assertThat(again.tray().status).isEqualTo("waiting-customer");
        assertThatThrownBy(() -> create.create(new CreateTray.Request(
                        "tray-fixed", "conferma-ordine", "c-2", request.data(), request.parties())))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void theStoreRetriesALostRace() {
        String trayId = newTray("4800");
        store.conflictsToInject = 2;
        flow.turn(trayId);
        assertThat(trays.load(trayId).turn).isEqualTo("customer");
        store.conflictsToInject = StoredTrays.ATTEMPTS;
        assertThatThrownBy(() -> flow.await(trayId, "customer", "t")).hasMessageContaining("kept changing");
    }

    private String newTray(String total) {
        return create.create(request(null, total)).tray().trayId;
    }

    private static CreateTray.Request request(String trayId, String total) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("prodotti", "2 x Caldaia X200");
        data.put("totale", total);
        data.put("margine", 12.5);
        data.put("ragioneSociale", "Rossi Srl");
        data.put("partitaIva", "123");
        data.put("indirizzo", "Via Roma 1, Milano");
        data.put("pec", "amm@example.invalid");
        return new CreateTray.Request(trayId, "conferma-ordine", "c-1", data, Map.of("sales", "s-1", "service", "v-1"));
    }

    private static Map<String, String> customerForm(String vat, String action) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ragioneSociale", "Rossi S.r.l.");
        form.put("partitaIva", vat);
        form.put("indirizzo", "Via Roma 1, 20121 Milano");
        form.put("pec", "amm@example.invalid");
        form.put("_action", action);
        return form;
    }

    private OutboundMessage lastMessage(String step) {
        List<OutboundMessage> matching =
                gateway.sent().stream().filter(m -> m.step().equals(step)).toList();
        assertThat(matching).as("messages of step " + step).isNotEmpty();
        return matching.get(matching.size() - 1);
    }
}
