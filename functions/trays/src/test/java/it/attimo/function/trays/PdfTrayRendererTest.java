package it.attimo.function.trays;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.http.HttpApiResponse;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.Forbidden;
import it.attimo.core.error.NotFound;
import it.attimo.core.tray.AuditEntry;
import it.attimo.core.tray.DocumentHash;
import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayTemplate;
import it.attimo.core.tray.TrayTemplates;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The completed document read back with PDFBox, and the refusal pages. */
class PdfTrayRendererTest {
    final TrayTemplate template =
            TrayTemplates.bundled().find("conferma-ordine").orElseThrow();

    @Test
    void thePdfCarriesTheSharedDataTheSignatureTheHashAndTheAuditTrail() throws IOException {
        Tray tray = new Tray(
                "tray-1", "conferma-ordine", "c-1", Map.of("customer", "c-1"), Instant.parse("2026-06-09T08:00:00Z"));
        tray.status = Tray.COMPLETED;
        tray.data.put("ragioneSociale", "Caffè Rossi S.r.l. — 漢字");
        tray.data.put("prodotti", "riga uno\nriga due " + "lunga ".repeat(40));
        tray.data.put("totale", "4800");
        tray.data.put("margine", "12.5");
        tray.data.put("datiVerificati", "true");
        tray.documentSha256 = DocumentHash.of(tray);
        tray.signatures.add(new Tray.Signature("customer", "abc123", Instant.parse("2026-06-09T09:00:00Z"), "otp-sms"));
        List<AuditEntry> audit = new java.util.ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            audit.add(new AuditEntry(
                    i,
                    Instant.parse("2026-06-09T08:00:00Z"),
                    "customer",
                    "changed",
                    Map.of("field", i % 2 == 0 ? "margine" : "ragioneSociale", "from", "a", "to", "segreto-" + i)));
        }
        byte[] pdf = new PdfTrayRenderer().render(template, tray, audit);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text)
                .contains(
                        "Conferma d'ordine",
                        "Caffè Rossi S.r.l. ?",
                        "riga uno",
                        "riga due",
                        "Sì".replace("ì", "i"),
                        tray.documentSha256,
                        "abc123",
                        "otp-sms",
                        "segreto-1",
                        "valore=riservato");
        assertThat(text).doesNotContain("12.5", "segreto-2 ", "漢");
    }

    @Test
    void refusalPagesSayNothingAboutTheTray() {
        HttpApiResponse forged = TrayPage.refusal(new Forbidden("tray-1 secret"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("Link non valido").doesNotContain("tray-1");
        assertThat(forged.headers())
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("Cache-Control", "no-store");
        HttpApiResponse expired = TrayPage.refusal(new NotFound("tray-1"));
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.body()).contains("Link scaduto").doesNotContain("tray-1");
        HttpApiResponse bad = TrayPage.refusal(new BadRequest("unknown fields: <b>x</b>"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>");
        assertThat(TrayPage.esc("<\"'&>")).isEqualTo("&lt;&quot;&#39;&amp;&gt;");
    }
}
