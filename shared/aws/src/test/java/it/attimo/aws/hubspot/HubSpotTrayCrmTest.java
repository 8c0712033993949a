package it.attimo.aws.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayTemplate;
import it.attimo.core.tray.TrayTemplates;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A completed tray's data to HubSpot, against WireMock speaking CRM v3: contact properties, then an associated deal. */
class HubSpotTrayCrmTest {
    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private HubSpotTrayCrm crm;
    private final TrayTemplate template =
            TrayTemplates.bundled().find("conferma-ordine").orElseThrow();

    @BeforeEach
    void setUp() {
        HubSpotClient client = new HubSpotClient(
                URI.create(hubspot.baseUrl()),
                () -> "pat-eu1-test",
                HttpClient.newHttpClient(),
                d -> {},
                2,
                Duration.ofMillis(10),
                Duration.ofSeconds(5));
        crm = new HubSpotTrayCrm(client, "123");
    }

    @Test
    void updatesTheContactAndCreatesAnAssociatedDeal() {
        hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/contacts/456"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"456\"}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"789\"}")));
        crm.completed(template, tray("hs-123-456"));
        hubspot.verify(
                patchRequestedFor(urlEqualTo("/crm/v3/objects/contacts/456")).withRequestBody(equalToJson("""
                {"properties":{"company":"Rossi S.r.l.","attimo_partita_iva":"12345678901","attimo_pec":"a@example.it",
                 "address":"Via Roma 1"}}""")));
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals")).withRequestBody(equalToJson("""
                {"properties":{"amount":"4800","dealname":"Conferma d'ordine tray-1","attimo_tray_id":"tray-1",
                 "attimo_document_sha256":"abc"},
                 "associations":[{"to":{"id":"456"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}]}""")));
    }

    @Test
    void customersThatAreNotContactsOfThePortalAreSkipped() {
        crm.completed(template, tray("c-local"));
        crm.completed(template, tray("hs-999-456"));
        hubspot.verify(0, anyRequestedFor(anyUrl()));
    }

    private static Tray tray(String customerId) {
        Tray t = new Tray("tray-1", "conferma-ordine", customerId, Map.of("customer", customerId), Instant.EPOCH);
        t.data.put("ragioneSociale", "Rossi S.r.l.");
        t.data.put("partitaIva", "12345678901");
        t.data.put("pec", "a@example.it");
        t.data.put("indirizzo", "Via Roma 1");
        t.data.put("totale", "4800");
        t.documentSha256 = "abc";
        return t;
    }
}
